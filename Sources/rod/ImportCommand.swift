import ArgumentParser
import Foundation
import RodApp
import RodImport
import RodServices
import RodStore

/// `rod import <file>`: the original backend's data (its SQLite database, or a `manage.py dumpdata` file) into the
/// configured store, with every id kept, in one transaction.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import the original backend's data: its SQLite database file, or a dumpdata JSON (with or without natural keys).",
        discussion: """
            Everything is written in one transaction: on any error the database is left as it was. A database that \
            already holds users, chronicles or characters is refused unless --replace is given. Stop the server while \
            importing. See docs/operations.md, "Moving from the original".
            """)

    @OptionGroup var settingsOptions: SettingsOptions

    @Argument(help: "The original's db.sqlite3, or a dumpdata .json file.")
    var file: String

    @Flag(help: "Read and check everything and print the report, writing nothing.")
    var dryRun = false

    @Flag(help: "Erase the database's data first (every table), then import.")
    var replace = false

    func run() async throws {
        let configuration = try settingsOptions.loadValidated()
        let logger = configuration.logging.bootstrap()
        let registry = try Startup.registry(configuration)
        let source: any OriginalSource
        do {
            source = try OriginalData.open(file)
        } catch {
            printError("rod: \(error)")
            if !dryRun { await Startup.report("`rod import` failed, nothing was written: \(error)", configuration) }
            throw ExitCode.failure
        }
        let importer = OriginalImport(registry: registry, source: source, secretKey: configuration.http.secretKey)
        let terminal = isatty(STDERR_FILENO) != 0
        let progress: (String) -> Void = { line in
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8)) }
        }
        let started = Date()
        let report: ImportReport
        do {
            if dryRun {
                report = try await importer.run(into: DiscardingImportWriter(), progress: progress)
            } else {
                let replacing = replace
                report = try await Startup.withStore(configuration, logger: logger) { store in
                    var result: ImportReport?
                    try await store.importing(replacing: replacing) { writer in
                        result = try await importer.run(into: writer, progress: progress)
                    }
                    guard let result else { throw StoreError.database("the import wrote nothing") }
                    return result
                }
            }
        } catch {
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            // The store's own failure to open was printed already.
            let reason = error is ExitCode ? "cannot use \(configuration.databaseDescription)" : "\(error)"
            printError("rod: the import failed, nothing was written: \(reason)")
            if !dryRun {
                await Startup.report(
                    "`rod import` of \(source.description) into \(configuration.databaseDescription) failed, nothing was written: \(reason)",
                    configuration)
            }
            throw ExitCode.failure
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(report.text)
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        print(
            dryRun
                ? "rod: dry run of \(source.description) in \(seconds) s: nothing was written."
                : "rod: imported \(source.description) into \(configuration.databaseDescription) in \(seconds) s.")
    }
}
