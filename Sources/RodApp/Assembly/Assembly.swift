import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus
import RodChannels
import RodCore
import RodGateway
import RodHTTP
import RodSchema
import RodServices
import RodStore
import ServiceLifecycle

/// One process of the server, assembled from its configuration: the composition root. `rod serve` runs its
/// application; the tests build the same assembly on a temporary folder (or a PostgreSQL schema of their own) and
/// drive its router or its application.
public struct Assembly: Sendable {
    /// What the configuration does not say: the clock, the log, the metrics registry, how reports are paced.
    public struct Dependencies: Sendable {
        public var clock: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        public var logger = Logger(label: "rod")
        /// Where `/metrics` reads from: the registry behind the process's metrics backend. Nil turns `/metrics` off.
        public var metrics: PrometheusCollectorRegistry?
        public var reporterPolicy = DiscordReporter.Policy()

        public init() {}
    }

    public let configuration: Configuration
    public let database: any SQLDatabase
    public let store: SQLStore
    public let logger: Logger
    /// The services and options the HTTP faces are mounted with.
    public let faces: HTTPFaces

    public var services: HTTPFaces.Services { faces.services }
    public var registry: Registry { services.registry }
    public var media: MediaStore { services.characters.media }

    /// Opens the configured store (not migrated yet: `application` migrates it, `withStore` too) and builds every
    /// service on it.
    public init(configuration: Configuration, registry: Registry, dependencies: Dependencies = Dependencies()) throws {
        let logger = dependencies.logger
        self.configuration = configuration
        self.logger = logger
        database = try configuration.store.database(in: configuration.dataDirectory, logger: logger)
        store = SQLStore(database)
        let client = AvatarFetcher.makeClient()
        let channels = configuration.channels.layer(logger: logger)
        let clock = dependencies.clock
        let broadcaster = Broadcaster(layer: channels, registry: registry, store: store, logger: logger)
        let characters = CharacterService(
            registry: registry, store: store, media: configuration.mediaStore, broadcaster: broadcaster, logger: logger,
            clock: clock)
        // One process counts the web's daily requests in memory; several share a count in Redis.
        let quotas = QuotaService(
            store: store,
            counts: QuotaCounts(store: store, shared: configuration.channels.redis.map { RedisCounter(endpoint: $0) }),
            clock: clock)
        let sessions = SessionService(
            store: store, broadcaster: broadcaster, cache: SessionCache(layer: channels), clock: clock)
        let reporter = DiscordReporter(
            channel: configuration.services.discordReports, client: client, policy: dependencies.reporterPolicy)
        let services = HTTPFaces.Services(
            registry: registry, store: store, channels: channels, broadcaster: broadcaster, characters: characters,
            chronicles: ChronicleService(store: store, broadcaster: broadcaster, clock: clock),
            users: UserService(store: store, broadcaster: broadcaster, clock: clock),
            sessions: sessions, quotas: quotas,
            gateway: Gateway(
                backend: GatewayService(
                    registry: registry, store: store, characters: characters, quotas: quotas, sessions: sessions,
                    logger: logger, clock: clock),
                layer: channels, limits: configuration.gateway.limits, logger: logger, clock: clock),
            dataRequests: DataRequests(
                registry: registry, store: store, media: characters.media, broadcaster: broadcaster,
                quotaCounts: quotas.counts, clock: clock),
            login: DiscordLogin(
                configuration: Self.login(configuration), store: store, sessions: sessions, broadcaster: broadcaster,
                client: client, clock: clock),
            patreon: PatreonWebhook(
                secret: configuration.services.patreonWebhookSecret, store: store, broadcaster: broadcaster,
                reporter: reporter, clock: clock),
            avatars: AvatarFetcher(allowedPrefixes: configuration.media.avatarHosts, client: client),
            schemaExport: SchemaExport(registry: registry, operations: HTTPFaces.operations(registry)), httpClient: client,
            reporter: reporter, metrics: dependencies.metrics, clock: clock)
        faces = HTTPFaces(services: services, options: Self.options(configuration))
    }

    /// The HTTP faces' options, from the configuration's parts.
    static func options(_ configuration: Configuration) -> HTTPFaces.Options {
        let http = configuration.http
        return HTTPFaces.Options(
            apiKey: http.apiKey, botAllowedNetworks: http.botAllowedNetworks, trustedProxies: http.trustedProxies,
            mediaDirectory: configuration.mediaDirectory, frontendDirectory: configuration.media.frontendDirectory,
            metricsToken: http.metricsToken, finalRedirect: configuration.finalRedirect,
            secureCookies: configuration.secureCookies, loginStartsPerMinute: http.loginStartsPerMinute,
            allowedHosts: configuration.allowedHosts, limits: http.limits, gatewayLimits: configuration.gateway.limits)
    }

    /// The Discord application the login goes through, and where Discord sends the browser back.
    static func login(_ configuration: Configuration) -> DiscordLogin.Configuration {
        let external = configuration.services
        return DiscordLogin.Configuration(
            appID: external.discordAppID, appSecret: external.discordAppSecret, apiURL: external.discordAPIURL,
            redirectURI: configuration.publicURL + "/auth/login/success/")
    }

    /// The application `rod serve` runs: HTTP and the WebSocket gateway on the configured address, with the channel
    /// layer, the housekeeping, the operators' reports, the availability watch and the return of freed memory as
    /// services. Shutting down closes every socket cleanly and then the HTTP client.
    ///
    /// With `managingStore` (the server), PostgreSQL's connection pool runs as a service and the schema is migrated
    /// before the server listens; without it, the caller keeps the store running and migrated (`withStore`).
    public func application(
        managingStore: Bool = true, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var services: [any Service] = []
        if managingStore {
            services.append(HTTPClientService(client: self.services.httpClient))
            if let database = database as? any Service { services.append(database) }
        }
        services += [
            self.services.channels,
            // Sessions every ten minutes, the history every hour.
            Maintenance(
                sessions: self.services.sessions, interval: .seconds(600),
                history: (configuration.history.retention, store, media, 6), clock: self.services.clock, logger: logger),
            ReporterService(reporter: self.services.reporter),
            AvailabilityWatch.serving(self),
            UndeclaredKeysReport(migration: splatMigration, logger: logger),
            FreedMemoryReturn(openSockets: { [gateway = faces.services.gateway] in gateway.connectionCount }, logger: logger),
        ]
        if let counts = self.services.quotas.counts { services.append(QuotaFlush(counts: counts, logger: logger)) }
        var application = Application(
            router: faces.router(), server: faces.server(),
            configuration: .init(
                address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "rod"),
            services: services, onServerRunning: onServerRunning, logger: logger)
        if managingStore {
            let (store, logger) = (store, logger)
            var metadata: Logger.Metadata = ["database": "\(configuration.store.description(in: configuration.dataDirectory))"]
            if configuration.store.engine == .sqlite3 {
                metadata["synchronous"] = "\(configuration.store.sqliteSynchronous.rawValue)"
            }
            let migration = splatMigration
            application.beforeServerStarts { [metadata] in
                try await store.migrate()
                logger.info("database ready", metadata: metadata)
                // Derived traits declared since characters were stored are computed before the first request.
                let caughtUp = try await migration.run(.derivationsOnly, dryRun: false)
                if caughtUp.total > 0 {
                    logger.notice(
                        "derived traits brought up to date", metadata: ["characters": "\(caughtUp.total)"])
                }
            }
        }
        return application
    }

    /// Stored characters against the splat files: derivations, renames, undeclared keys.
    public var splatMigration: SplatMigration {
        SplatMigration(
            registry: registry, store: store, broadcaster: services.broadcaster, logger: logger, clock: services.clock)
    }

    /// Runs `body` with the store serving (PostgreSQL's pool running) and migrated, for commands and tests that use
    /// the store without serving; then shuts the HTTP client down.
    public func withStore<T>(_ body: (SQLStore) async throws -> T) async throws -> T {
        do {
            let result = try await database.whileRunning {
                try await store.migrate()
                return try await body(store)
            }
            try await services.httpClient.shutdown()
            return result
        } catch {
            try? await services.httpClient.shutdown()
            throw error
        }
    }
}

/// The application `rod serve` runs, from its configuration.
public func buildApplication(
    configuration: Configuration, registry: Registry, dependencies: Assembly.Dependencies = .init(),
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    try Assembly(configuration: configuration, registry: registry, dependencies: dependencies)
        .application(onServerRunning: onServerRunning)
}

/// Shuts the HTTP client down once the server has stopped (services stop in reverse order; this one is first).
struct HTTPClientService: NamedService {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try? await client.shutdown()
    }
}
