import ArgumentParser
import Foundation
import RodApp
import RodImport
import RodServices
import RodStore

/// `rod export --format django <file>`: the way back to the original, as a dumpdata file its `loaddata` reads.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the database as the original backend's dumpdata JSON, for its manage.py loaddata (the way back).",
        discussion: "See docs/operations.md, \"Moving from the original\", for what cannot go back.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case django
    }

    @OptionGroup var settingsOptions: SettingsOptions

    @Option(help: "The format to write: django (a dumpdata file without natural keys).")
    var format: Format

    @Argument(help: "The file to write; it must not exist yet.")
    var file: String

    func run() async throws {
        let configuration = try settingsOptions.loadValidated()
        let logger = configuration.logging.bootstrap()
        let registry = try Startup.registry(configuration)
        let started = Date()
        let destination = file
        let summary = try await Startup.withStore(configuration, logger: logger) { store in
            do {
                return try await DjangoExport(registry: registry, store: store).write(to: destination)
            } catch {
                printError("rod: the export failed, no file was written: \(error)")
                throw ExitCode.failure
            }
        }
        print("Exported \(configuration.databaseDescription) to \(file):")
        print(summary.text)
        print("rod: done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
    }
}
