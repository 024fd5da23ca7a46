import ArgumentParser
import Foundation
import Logging
import RodCore
import RodHTTP
import RodServices
import RodSplats
import RodStore
import RodStorePostgres
import RodStoreSQLite

/// The start-up steps `serve` and `migrate` share.
enum Startup {
    /// Logs to standard error at the configured level, as text or JSON lines.
    static func logger(_ settings: ServerSettings) -> Logger {
        let (level, format) = (settings.logLevel, settings.logFormat)
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "rod")
    }

    /// The registry from the splats folder; every problem is printed and the command fails.
    static func registry(_ settings: ServerSettings) throws -> Registry {
        do {
            return try Registry.load(directory: settings.splatsDirectory, modules: splatModules)
        } catch {
            printError(error.description)
            printError("rod: \(error.diagnostics.count) problem(s) in \(settings.splatsDirectory); run `rod splat check`.")
            throw ExitCode.failure
        }
    }

    /// Posts one report to the operators' Discord channel, when one is configured, before a command exits.
    static func report(_ text: String, _ settings: ServerSettings) async {
        guard let channel = settings.discordReports else { return }
        let client = AvatarFetcher.makeClient()
        let reporter = DiscordReporter(channel: channel, client: client)
        reporter.report(text)
        await reporter.flush()
        try? await client.shutdown()
    }

    /// The configured engine: SQLite (its folder created) or PostgreSQL.
    static func database(_ settings: ServerSettings, logger: Logger) throws -> any SQLDatabase {
        switch settings.databaseEngine {
        case .sqlite3:
            let path = settings.databasePath
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SQLiteDatabase(path: path, synchronous: settings.sqliteSynchronous)
        case .postgresql:
            return PostgresDatabase(endpoint: settings.postgresEndpoint, logger: logger)
        }
    }

    /// Runs `body` with the configured store, its schema migrated. PostgreSQL's connection pool runs meanwhile (`serve`
    /// runs it in its service group instead).
    static func withStore<T>(_ settings: ServerSettings, logger: Logger, _ body: (SQLStore) async throws -> T) async throws -> T {
        let database = try database(settings, logger: logger)
        guard let postgres = database as? PostgresDatabase else {
            return try await body(try await migrated(SQLStore(database), settings, logger: logger))
        }
        return try await postgres.withRunning {
            try await body(try await migrated(SQLStore(database), settings, logger: logger))
        }
    }

    /// The store, once its schema is up to date; a database that cannot be used ends the command with its reason.
    static func migrated(_ store: SQLStore, _ settings: ServerSettings, logger: Logger) async throws -> SQLStore {
        do {
            try await store.migrate()
        } catch {
            printError("rod: cannot use \(settings.databaseDescription): \(error)")
            throw ExitCode.failure
        }
        var metadata: Logger.Metadata = ["database": "\(settings.databaseDescription)"]
        if settings.databaseEngine == .sqlite3 { metadata["synchronous"] = "\(settings.sqliteSynchronous.rawValue)" }
        logger.info("database ready", metadata: metadata)
        return store
    }
}
