import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import RodApp
import RodHTTP
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

    /// The configuration from config/<ENV>.yaml, the environment and the `.env` file.
    func load() throws -> Configuration {
        let variables = try environment()
        do {
            return try Configuration.load(environment: variables, configDirectory: config)
        } catch {
            printError("rod: \(error)")
            throw ExitCode.failure
        }
    }

    /// The configuration, refused (the command fails) when it is unsafe for its environment.
    func loadValidated(_ adjust: (inout Configuration) -> Void = { _ in }) throws -> Configuration {
        var configuration = try load()
        adjust(&configuration)
        do {
            try configuration.validate()
        } catch {
            printError("rod: \(error)")
            throw ExitCode.failure
        }
        return configuration
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
        let configuration = try settingsOptions.loadValidated { loaded in
            if let listenHost { loaded.http.host = listenHost }
            if let listenPort { loaded.http.port = listenPort }
        }
        var dependencies = Assembly.Dependencies()
        dependencies.logger = configuration.logging.bootstrap()
        // With a metrics token, metrics are recorded from the start (the store's timers are made when it opens) and
        // /metrics shows them to its bearer. Without one nobody can read them, so none are recorded (swift-metrics'
        // no-op backend) and /metrics answers 404.
        dependencies.metrics = configuration.http.metricsToken.map { _ in PrometheusCollectorRegistry() }
        if let metrics = dependencies.metrics { MetricsSystem.bootstrap(RodMetrics.makeFactory(registry: metrics)) }
        let registry = try Startup.registry(configuration)
        let (logger, host, configuredPort) = (dependencies.logger, configuration.http.host, configuration.http.port)
        let app = try buildApplication(configuration: configuration, registry: registry, dependencies: dependencies) {
            channel in
            let port = channel.localAddress?.port ?? configuredPort
            logger.notice("serving", metadata: ["url": "http://\(host):\(port)", "splats": "\(registry.splats.count)"])
            // One line on standard output that scripts and tests wait for.
            FileHandle.standardOutput.write(Data("rod: serving on http://\(host):\(port)\n".utf8))
        }
        try await app.runService()
    }
}

/// `rod migrate`: brings the database schema up to date. Safe to run on every deploy.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema, then exit.")

    @OptionGroup var settingsOptions: SettingsOptions

    func run() async throws {
        let configuration = try settingsOptions.loadValidated()
        let logger = configuration.logging.bootstrap()
        let applied = try await Startup.withStore(configuration, logger: logger) { store in
            try await store.appliedMigrations()
        }
        print(
            "rod: \(configuration.databaseDescription) is up to date (\(applied.count) migrations: \(applied.joined(separator: ", ")))"
        )
    }
}
