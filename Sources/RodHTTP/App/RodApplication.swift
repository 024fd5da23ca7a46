import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import Prometheus
import RodChannels
import RodCore
import RodGateway
import RodSchema
import RodServices
import RodStore
import ServiceLifecycle

/// What the HTTP faces are built from. `rod serve` and the tests both assemble one and call `buildApplication`.
public struct RodEnvironment: Sendable {
    public let settings: ServerSettings
    public let registry: Registry
    public let store: any Store
    /// Used to download avatars; owned (and shut down) by the caller.
    public let httpClient: HTTPClient
    /// How gateway events reach the sockets of every process; run as a service by `buildApplication`.
    public let channels: any ChannelLayer
    public let logger: Logger
    public let clock: @Sendable () -> Double
    /// Where `/metrics` reads from: the registry behind the process's metrics backend. Nil turns `/metrics` off.
    public let metrics: PrometheusCollectorRegistry?
    /// The operators' Discord channel: server errors, outages and Patreon events (run as a service by
    /// `buildApplication`).
    public let reporter: DiscordReporter

    public init(
        settings: ServerSettings, registry: Registry, store: any Store, httpClient: HTTPClient,
        channels: any ChannelLayer = InProcessChannelLayer(), logger: Logger,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }, metrics: PrometheusCollectorRegistry? = nil,
        reporter: DiscordReporter = .disabled
    ) {
        self.reporter = reporter
        self.settings = settings
        self.registry = registry
        self.store = store
        self.httpClient = httpClient
        self.channels = channels
        self.logger = logger
        self.clock = clock
        self.metrics = metrics
    }

    public var media: MediaStore {
        MediaStore(root: URL(fileURLWithPath: settings.mediaDirectory, isDirectory: true))
    }
}

/// The services every face shares, built once per process: one set of per-character locks, one broadcaster.
public struct RodComponents: Sendable {
    public let environment: RodEnvironment
    public let broadcaster: Broadcaster
    public let characters: CharacterService
    public let chronicles: ChronicleService
    public let users: UserService
    public let sessions: SessionService
    /// The daily request quotas, shared by the web API and the gateway's field updates.
    public let quotas: QuotaService
    public let gateway: Gateway
    /// The generated schemas, built once.
    public let schemaExport: SchemaExport

    public init(_ environment: RodEnvironment) {
        self.environment = environment
        broadcaster = Broadcaster(
            layer: environment.channels, registry: environment.registry, store: environment.store, logger: environment.logger)
        characters = CharacterService(
            registry: environment.registry, store: environment.store, media: environment.media, broadcaster: broadcaster,
            logger: environment.logger, clock: environment.clock)
        chronicles = ChronicleService(store: environment.store, broadcaster: broadcaster, clock: environment.clock)
        users = UserService(store: environment.store, broadcaster: broadcaster, clock: environment.clock)
        sessions = SessionService(store: environment.store, broadcaster: broadcaster, clock: environment.clock)
        quotas = QuotaService(store: environment.store, clock: environment.clock)
        gateway = Gateway(
            registry: environment.registry, store: environment.store, characters: characters, quotas: quotas,
            layer: environment.channels, limits: environment.settings.gateway, logger: environment.logger,
            clock: environment.clock)
        schemaExport = SchemaExport(registry: environment.registry)
    }

    /// Where a request comes from, for the limits counted per client address.
    var addresses: ClientAddresses { ClientAddresses(trustedProxies: environment.settings.trustedProxies) }

    var gatewayRoutes: GatewayRoutes {
        GatewayRoutes(gateway: gateway, allowedHosts: environment.settings.resolvedAllowedHosts, addresses: addresses)
    }
}

/// Builds the router with every HTTP face mounted. The store must already be migrated.
public func buildRouter(_ environment: RodEnvironment) -> Router<RodRequestContext> {
    buildRouter(RodComponents(environment))
}

/// Builds the router with every HTTP face mounted, on shared components.
public func buildRouter(_ components: RodComponents) -> Router<RodRequestContext> {
    let environment = components.environment
    let router = Router(context: RodRequestContext.self)
    // Outermost first: the request log and the metrics see the response the error middleware made.
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware(reporter: environment.reporter))
    // Files answer only where no route does: media under /media/, then the web frontend.
    router.add(middleware: MediaMiddleware(folder: environment.settings.mediaDirectory))
    router.add(middleware: FrontendMiddleware(folder: environment.settings.frontendDirectory))

    ObservabilityRoutes(
        store: environment.store, channels: environment.channels, gateway: components.gateway, metrics: environment.metrics,
        metricsToken: environment.settings.metricsToken
    )
    .register(on: router)

    // Public, before the `api` group's login and quota: what frontends read (RodSchema).
    SchemaRoutes(export: components.schemaExport).register(on: router)

    let avatars = AvatarFetcher(allowedPrefixes: environment.settings.avatarHosts, client: environment.httpClient)
    let bot = router.group("bot")
        .add(
            middleware: BotAuthMiddleware(
                apiKey: environment.settings.apiKey, allowedNetworks: environment.settings.botAllowedNetworks))
    BotCharacterRoutes(
        registry: environment.registry, store: environment.store, characters: components.characters, avatars: avatars
    )
    .register(on: bot)
    BotChronicleRoutes(registry: environment.registry, store: environment.store, chronicles: components.chronicles)
        .register(on: bot)
    BotUserRoutes(store: environment.store, users: components.users, chronicles: components.chronicles, clock: environment.clock)
        .register(on: bot)
    // The routes splat modules add (SplatVampire5th's `sheet/get`, ...).
    BotModuleRoutes(registry: environment.registry, store: environment.store).register(on: bot)

    let api = router.group("api")
        .add(middleware: SessionMiddleware(sessions: components.sessions))
        .add(middleware: CSRFMiddleware())
        .add(middleware: APIAccessMiddleware(quotas: components.quotas))
    WebCharacterRoutes(registry: environment.registry, store: environment.store, characters: components.characters)
        .register(on: api)

    let settings = environment.settings
    let login = DiscordLogin(
        configuration: .init(
            appID: settings.discordAppID, appSecret: settings.discordAppSecret, apiURL: settings.discordAPIURL,
            redirectURI: settings.resolvedPublicURL + "/auth/login/success/"),
        store: environment.store, sessions: components.sessions, broadcaster: components.broadcaster,
        client: environment.httpClient, clock: environment.clock)
    AuthRoutes(
        login: login, sessions: components.sessions, finalRedirect: settings.resolvedFinalRedirect,
        secureCookies: settings.secureCookies, loginStarts: MinuteCounter(limit: settings.loginStartsPerMinute),
        addresses: components.addresses, clock: environment.clock
    )
    .register(on: router)
    PatreonRoutes(
        webhook: PatreonWebhook(
            secret: settings.patreonWebhookSecret, store: environment.store, broadcaster: components.broadcaster,
            reporter: environment.reporter, clock: environment.clock)
    )
    .register(on: router)
    components.gatewayRoutes.register(fallbacksOn: router)
    return router
}

/// The router the server consults for WebSocket upgrades: the gateway, with the session cookie read.
public func buildWebSocketRouter(_ components: RodComponents) -> Router<RodRequestContext> {
    let router = Router(context: RodRequestContext.self)
    router.add(middleware: SessionMiddleware(sessions: components.sessions))
    components.gatewayRoutes.register(upgradesOn: router)
    return router
}

/// The application `rod serve` runs: HTTP and the WebSocket gateway on the configured address, and the channel
/// layer as a service. Shutting down closes every socket cleanly.
///
/// `services` run before the application's own (a database's connection pool); `beforeServerStarts` runs once they
/// have started and before the server listens (the store's migrations).
public func buildApplication(
    _ environment: RodEnvironment, services: [any Service] = [],
    beforeServerStarts: @escaping @Sendable () async throws -> Void = {},
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let components = RodComponents(environment)
    let limits = environment.settings.gateway
    let http = environment.settings.http
    var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
    decoder.maxHeaderListSize = http.maxHeadBytes
    decoder.maxHeaderFieldSize = http.maxHeadBytes
    let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
        http1: .init(idleTimeout: .init(http.idleTimeout), httpDecoderConfiguration: decoder),
        ws: WebSocketServerConfiguration(
            maxFrameSize: limits.maxMessageBytes, autoPing: .enabled(timePeriod: limits.pingInterval),
            // RFC 6455: a text frame that is not UTF-8 closes the socket with 1007.
            validateUTF8: true))
    let webSocketResponder = buildWebSocketRouter(components).buildResponder()
    var application = Application(
        router: buildRouter(components),
        server: HTTPServerBuilder { responder in
            GuardedHTTPChannel(
                base: HTTP1WebSocketUpgradeChannel(
                    responder: responder, webSocketResponder: webSocketResponder, configuration: configuration),
                limits: http)
        },
        configuration: .init(address: .hostname(environment.settings.host, port: environment.settings.port), serverName: "rod"),
        services: services + [
            environment.channels, Maintenance(sessions: components.sessions, interval: .seconds(600), logger: environment.logger),
            ReporterService(reporter: environment.reporter),
            AvailabilityWatch.serving(environment),
        ],
        onServerRunning: onServerRunning,
        logger: environment.logger)
    application.beforeServerStarts(perform: beforeServerStarts)
    return application
}
