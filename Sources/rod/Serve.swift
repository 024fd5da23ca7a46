import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import RodChannels
import RodHTTP
import RodServices
import RodStore
import RodStorePostgres
import ServiceLifecycle

/// Options shared by the commands that read the server's settings.
struct SettingsOptions: ParsableArguments {
    @Option(help: "The folder holding <ENV>.yaml (default: config, or ROD_CONFIG_DIR).")
    var config: String?

    @Option(
        name: .customLong("env-file"),
        help:
            "A file of NAME=value settings, the original's .env (default: .env in the working folder, when there is one). Variables already in the environment win."
    )
    var envFile: String?

    /// The process's environment with the `.env` file's variables under it.
    func environment() throws -> [String: String] {
        let variables: [String: String]
        do {
            variables = try DotEnv.load(path: envFile, over: ProcessInfo.processInfo.environment)
        } catch {
            printError("rod: \(error)")
            throw ExitCode.failure
        }
        // The original's setup script leaves the file readable by everyone; it holds the secrets.
        let file = envFile ?? ".env"
        if let mode = (try? FileManager.default.attributesOfItem(atPath: file))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            printError("rod: warning: \(file) holds secrets and other users can read it; `chmod 600 \(file)`")
        }
        return variables
    }

    /// The settings from config/<ENV>.yaml, the environment and the `.env` file.
    func load() throws -> ServerSettings {
        let variables = try environment()
        do {
            return try ServerSettings.load(environment: variables, configDirectory: config)
        } catch {
            printError("rod: \(error)")
            throw ExitCode.failure
        }
    }

    /// The settings, refused (the command fails) when they are unsafe for their environment.
    func loadValidated(_ adjust: (inout ServerSettings) -> Void = { _ in }) throws -> ServerSettings {
        var settings = try load()
        adjust(&settings)
        do {
            try settings.validate()
        } catch {
            printError("rod: \(error)")
            throw ExitCode.failure
        }
        return settings
    }
}

/// `rod serve`: runs the HTTP server until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Serve the bot and web APIs and the WebSocket gateway on the configured address (default 127.0.0.1:8080, SQLite under ./data)."
    )

    @OptionGroup var settingsOptions: SettingsOptions

    @Option(help: "The address to listen on (default 127.0.0.1, or ROD_HOST).")
    var host: String?

    @Option(help: "The port to listen on; 0 picks a free one (default 8080, or ROD_PORT).")
    var port: Int?

    func run() async throws {
        let (listenHost, listenPort) = (host, port)
        let settings = try settingsOptions.loadValidated { (loaded: inout ServerSettings) in
            if let listenHost { loaded.host = listenHost }
            if let listenPort { loaded.port = listenPort }
        }
        let logger = Startup.logger(settings)
        // With a metrics token, metrics are recorded from the start (the store's timers are made when it opens) and
        // /metrics shows them to its bearer. Without one nobody can read them, so none are recorded (swift-metrics'
        // no-op backend) and /metrics answers 404.
        let metrics = settings.metricsToken.map { _ in PrometheusCollectorRegistry() }
        if let metrics { MetricsSystem.bootstrap(RodMetrics.makeFactory(registry: metrics)) }
        let registry = try Startup.registry(settings)
        let database = try Startup.database(settings, logger: logger)
        let store = SQLStore(database)
        let client = AvatarFetcher.makeClient()
        // Events stay in the process unless Redis is configured, which several processes need.
        let channels: any ChannelLayer =
            settings.redis.map { RedisChannelLayer(endpoint: $0, logger: logger) } ?? InProcessChannelLayer()
        // With DISCORD_BOT_TOKEN and DISCORD_DEBUG_CHANNEL, errors and Patreon events go to that channel.
        let reporter = DiscordReporter(channel: settings.discordReports, client: client)
        let environment = RodEnvironment(
            settings: settings, registry: registry, store: store, httpClient: client, channels: channels, logger: logger,
            metrics: metrics, reporter: reporter)
        let (host, configuredPort) = (settings.host, settings.port)
        // PostgreSQL's connection pool is a service of the server; the schema is migrated once it runs.
        let services = (database as? PostgresDatabase).map { [$0] as [any Service] } ?? []
        let migrate: @Sendable () async throws -> Void = { _ = try await Startup.migrated(store, settings, logger: logger) }
        let app = buildApplication(environment, services: services, beforeServerStarts: migrate) { channel in
            let port = channel.localAddress?.port ?? configuredPort
            logger.notice("serving", metadata: ["url": "http://\(host):\(port)", "splats": "\(registry.splats.count)"])
            // One line on standard output that scripts and tests wait for.
            FileHandle.standardOutput.write(Data("rod: serving on http://\(host):\(port)\n".utf8))
        }
        do {
            try await app.runService()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// `rod migrate`: brings the database schema up to date. Safe to run on every deploy.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema, then exit.")

    @OptionGroup var settingsOptions: SettingsOptions

    func run() async throws {
        let settings = try settingsOptions.loadValidated()
        let logger = Startup.logger(settings)
        let applied = try await Startup.withStore(settings, logger: logger) { store in try await store.appliedMigrations() }
        print(
            "rod: \(settings.databaseDescription) is up to date (\(applied.count) migrations: \(applied.joined(separator: ", ")))"
        )
    }
}
