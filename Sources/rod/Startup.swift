import ArgumentParser
import Foundation
import Logging
import RodApp
import RodCore
import RodServices
import RodSplats
import RodStore

/// The start-up steps the commands share.
enum Startup {
    /// The registry from the splats folder; every problem is printed and the command fails.
    static func registry(_ configuration: Configuration) throws -> Registry {
        do {
            return try Registry.load(directory: configuration.splatsDirectory, modules: splatModules)
        } catch {
            printError(error.description)
            printError("rod: \(error.diagnostics.count) problem(s) in \(configuration.splatsDirectory); run `rod splat check`.")
            throw ExitCode.failure
        }
    }

    /// Posts one report to the operators' Discord channel, when one is configured, before a command exits.
    static func report(_ text: String, _ configuration: Configuration) async {
        guard let channel = configuration.services.discordReports else { return }
        let client = AvatarFetcher.makeClient()
        let reporter = DiscordReporter(channel: channel, client: client)
        reporter.report(text)
        await reporter.flush()
        try? await client.shutdown()
    }

    /// Runs `body` with the configured store, its schema migrated (PostgreSQL's connection pool runs meanwhile); a
    /// database that cannot be used ends the command with its reason.
    static func withStore<T>(_ configuration: Configuration, logger: Logger, _ body: (SQLStore) async throws -> T)
        async throws -> T
    {
        let description = configuration.store.description(in: configuration.dataDirectory)
        let database: any SQLDatabase
        do {
            database = try configuration.store.database(in: configuration.dataDirectory, logger: logger)
        } catch {
            printError("rod: cannot use \(description): \(error)")
            throw ExitCode.failure
        }
        return try await database.whileRunning {
            let store = SQLStore(database)
            do {
                try await store.migrate()
            } catch {
                printError("rod: cannot use \(description): \(error)")
                throw ExitCode.failure
            }
            logger.info("database ready", metadata: ["database": "\(description)"])
            return try await body(store)
        }
    }
}

extension Configuration {
    /// The store for messages: the SQLite file or the PostgreSQL server and database, without a password.
    var databaseDescription: String { store.description(in: dataDirectory) }
}
