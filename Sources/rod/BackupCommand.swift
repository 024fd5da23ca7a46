import ArgumentParser
import Foundation
import RodApp
import RodStore
import RodStoreSQLite

/// `rod backup <file>`: a consistent copy of the SQLite store, taken while `rod serve` keeps serving.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the SQLite database to a new file, safely while the server runs.",
        discussion: "For PostgreSQL use pg_dump (docs/operations.md).")

    @OptionGroup var settingsOptions: SettingsOptions

    @Argument(help: "The file to write; it must not exist yet.")
    var destination: String

    func run() async throws {
        let configuration = try settingsOptions.load()
        let store = configuration.store
        let path = configuration.databasePath
        guard store.engine == .sqlite3 else {
            printError(
                "rod: the database is PostgreSQL; back it up with pg_dump, e.g. pg_dump -Fc -h \(store.host) -p \(store.port) -U \(store.user) \(store.name ?? "rod") > rod.dump"
            )
            throw ExitCode(2)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            printError("rod: there is no database at \(path)")
            throw ExitCode.failure
        }
        let started = Date()
        do {
            try SQLiteDatabase(path: path).backup(to: destination)
        } catch {
            printError("rod: backup failed: \(error)")
            throw ExitCode.failure
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
        print(
            "rod: backed up \(path) to \(destination) (\(size / 1024) KiB in \(String(format: "%.2f", Date().timeIntervalSince(started))) s)"
        )
    }
}
