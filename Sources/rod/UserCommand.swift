import ArgumentParser
import Foundation
import RodApp
import RodCore
import RodSchema
import RodServices

/// `rod user ...`: answering a user's data request as an operator.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "A user's data request: export everything stored about them, or erase them.",
        subcommands: [Export.self, Erase.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything stored about a user (characters with their history) as one JSON document.")

        @OptionGroup var settingsOptions: SettingsOptions

        @Argument(help: "The user's Discord id.") var userID: Int64
        @Argument(help: "The file to write; - for standard output.") var file = "-"

        func run() async throws {
            let configuration = try settingsOptions.load()
            let logger = configuration.logging.bootstrap()
            let registry = try Startup.registry(configuration)
            let user = userID
            let document = try await Startup.withStore(configuration, logger: logger) { store in
                try await DataRequests(registry: registry, store: store, media: configuration.mediaStore, broadcaster: nil)
                    .export(userID: user)
            }
            guard let document else {
                printError("rod: no user \(userID)")
                throw ExitCode.failure
            }
            let bytes = Data(document.prettyPrinted().utf8)
            if file == "-" {
                FileHandle.standardOutput.write(bytes)
            } else {
                try bytes.write(to: URL(fileURLWithPath: file), options: .atomic)
                print("rod: wrote user \(userID)'s data to \(file)")
            }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Erase a user: characters, history, memberships, sessions, supporter record, in one transaction. Open sockets of a running server close when their session is next checked."
        )

        @OptionGroup var settingsOptions: SettingsOptions

        @Argument(help: "The user's Discord id.") var userID: Int64
        @Flag(help: "Erase without asking.") var yes = false

        func run() async throws {
            guard yes else {
                printError("rod: this erases user \(userID) and every character of theirs; run again with --yes")
                throw ExitCode(2)
            }
            let configuration = try settingsOptions.load()
            let logger = configuration.logging.bootstrap()
            let registry = try Startup.registry(configuration)
            let user = userID
            let removed = try await Startup.withStore(configuration, logger: logger) { store in
                try await DataRequests(registry: registry, store: store, media: configuration.mediaStore, broadcaster: nil)
                    .erase(userID: user)
            }
            let summary = removed.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            print("rod: erased user \(userID): \(summary.isEmpty ? "nothing left to remove" : summary.joined(separator: ", "))")
        }
    }
}
