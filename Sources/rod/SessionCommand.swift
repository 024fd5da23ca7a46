import ArgumentParser
import Foundation
import RodApp
import RodServices

/// `rod session ...`: operator tools for web sessions.
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Operator tools for web sessions.",
        subcommands: [Mint.self]
    )

    /// `rod session mint <discord-user-id>`: a signed-in session for support staff and tests.
    struct Mint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a session for a user (created if unknown) and print it as a Cookie header value.",
            discussion:
                "Prints one line, `sessionid=...; csrftoken=...`. Send the csrftoken again as X-CSRFToken on PUT and DELETE."
        )

        @OptionGroup var settingsOptions: SettingsOptions

        @Argument(help: "The user's Discord id.")
        var userID: Int64

        func run() async throws {
            let configuration = try settingsOptions.load()
            let logger = configuration.logging.bootstrap()
            let user = userID
            let minted = try await Startup.withStore(configuration, logger: logger) { store in
                _ = try await store.ensureUser(id: user, now: Date().timeIntervalSince1970)
                return try await SessionService(store: store).mint(userID: user)
            }
            print("sessionid=\(minted.token); csrftoken=\(minted.csrfToken)")
        }
    }
}
