import ArgumentParser
import Foundation
import Logging
import RodCore
import RodHTTP
import RodServices
import RodSplats
import RodStore

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

    /// The configured store with its schema migrated: SQLite (its folder created) or PostgreSQL.
    static func store(_ settings: ServerSettings, logger: Logger) async throws -> any Store {
        switch settings.databaseEngine {
        case .sqlite3:
            let path = settings.databasePath
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: path, synchronous: settings.sqliteSynchronous)
            try await store.migrate()
            logger.info("database ready", metadata: ["path": "\(path)", "synchronous": "\(settings.sqliteSynchronous.rawValue)"])
            return store
        case .postgresql:
            let store = PostgresStore(endpoint: settings.postgresEndpoint, logger: logger)
            do {
                try await store.migrate()
            } catch {
                await store.close()
                printError("rod: cannot use \(settings.databaseDescription): \(error)")
                throw ExitCode.failure
            }
            logger.info("database ready", metadata: ["database": "\(settings.databaseDescription)"])
            return store
        }
    }
}
