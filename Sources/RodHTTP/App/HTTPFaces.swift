import AsyncHTTPClient
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

/// What the HTTP faces are mounted with: the services they call and the options they read. The composition root
/// (RodApp's `Assembly`) makes one from the configuration; this target only mounts routes and middleware.
public struct HTTPFaces: Sendable {
    /// The options of the faces, from the configuration's HTTP, media, gateway and external-services parts.
    public struct Options: Sendable {
        /// The bot API's shared secret and the networks it may be called from.
        public var apiKey: String
        public var botAllowedNetworks: [IPNetwork]
        /// Proxies whose `X-Forwarded-For` names the client.
        public var trustedProxies: [IPNetwork]
        /// Served under `/media/` and at `/`.
        public var mediaDirectory: String
        public var frontendDirectory: String
        /// Avatars may be downloaded from these URL prefixes only.
        public var avatarHosts: [String]
        /// `/metrics`' bearer token; nil: `/metrics` does not exist.
        public var metricsToken: String?
        /// The Discord login, where it ends, and its cookies.
        public var login: DiscordLogin.Configuration
        public var finalRedirect: String
        public var secureCookies: Bool
        public var loginStartsPerMinute: Int
        public var patreonWebhookSecret: String
        /// The hosts a gateway socket's `Origin` may name.
        public var allowedHosts: [String]
        public var limits: HTTPLimits
        public var gatewayLimits: GatewayLimits

        public init(
            apiKey: String, botAllowedNetworks: [IPNetwork], trustedProxies: [IPNetwork], mediaDirectory: String,
            frontendDirectory: String, avatarHosts: [String], metricsToken: String?, login: DiscordLogin.Configuration,
            finalRedirect: String, secureCookies: Bool, loginStartsPerMinute: Int, patreonWebhookSecret: String,
            allowedHosts: [String], limits: HTTPLimits, gatewayLimits: GatewayLimits
        ) {
            self.apiKey = apiKey
            self.botAllowedNetworks = botAllowedNetworks
            self.trustedProxies = trustedProxies
            self.mediaDirectory = mediaDirectory
            self.frontendDirectory = frontendDirectory
            self.avatarHosts = avatarHosts
            self.metricsToken = metricsToken
            self.login = login
            self.finalRedirect = finalRedirect
            self.secureCookies = secureCookies
            self.loginStartsPerMinute = loginStartsPerMinute
            self.patreonWebhookSecret = patreonWebhookSecret
            self.allowedHosts = allowedHosts
            self.limits = limits
            self.gatewayLimits = gatewayLimits
        }
    }

    /// The services every face shares, built once per process (one set of per-character locks, one broadcaster).
    public struct Services: Sendable {
        public let registry: Registry
        public let store: any Store
        public let channels: any ChannelLayer
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
        /// Downloads avatars and talks to Discord; owned by the caller.
        public let httpClient: HTTPClient
        public let reporter: DiscordReporter
        /// Where `/metrics` reads from; nil turns `/metrics` off.
        public let metrics: PrometheusCollectorRegistry?
        public let clock: @Sendable () -> Double

        public init(
            registry: Registry, store: any Store, channels: any ChannelLayer, broadcaster: Broadcaster,
            characters: CharacterService, chronicles: ChronicleService, users: UserService, sessions: SessionService,
            quotas: QuotaService, gateway: Gateway, schemaExport: SchemaExport, httpClient: HTTPClient,
            reporter: DiscordReporter, metrics: PrometheusCollectorRegistry?, clock: @escaping @Sendable () -> Double
        ) {
            self.registry = registry
            self.store = store
            self.channels = channels
            self.broadcaster = broadcaster
            self.characters = characters
            self.chronicles = chronicles
            self.users = users
            self.sessions = sessions
            self.quotas = quotas
            self.gateway = gateway
            self.schemaExport = schemaExport
            self.httpClient = httpClient
            self.reporter = reporter
            self.metrics = metrics
            self.clock = clock
        }
    }

    public let services: Services
    public let options: Options

    public init(services: Services, options: Options) {
        self.services = services
        self.options = options
    }

    /// Where a request comes from, for the limits counted per client address.
    var addresses: ClientAddresses { ClientAddresses(trustedProxies: options.trustedProxies) }

    var gatewayRoutes: GatewayRoutes {
        GatewayRoutes(gateway: services.gateway, allowedHosts: options.allowedHosts, addresses: addresses)
    }

    /// Every operation the faces declare, in the order the documents list them: what the catalog (OpenAPI, the docs
    /// page) renders, from the same values the router mounts.
    public static func operations(_ registry: Registry) -> [RodSchema.Operation] {
        BotCharacterRoutes.routes(registry).map(\.operation) + BotChronicleRoutes.routes(registry).map(\.operation)
            + BotUserRoutes.routes(registry).map(\.operation) + BotModuleRoutes.routes(registry).map(\.operation)
            + WebCharacterRoutes.routes(registry).map(\.operation) + WebHistoryRoutes.routes.map(\.operation)
            + WebChronicleRoutes.routes(registry).map(\.operation) + WebProfileRoutes.routes.map(\.operation)
            + AuthRoutes.routes.map(\.operation)
            + PatreonRoutes.routes.map(\.operation) + SchemaRoutes.routes.map(\.operation)
            + ObservabilityRoutes.routes.map(\.operation) + GatewayRoutes.routes.map(\.operation)
    }

    /// The router with every HTTP face mounted. The store must already be migrated.
    public func router() -> Router<RodRequestContext> {
        let (services, options) = (services, options)
        let router = Router(context: RodRequestContext.self)
        // Outermost first: the request log and the metrics see the response the error middleware made.
        router.add(middleware: NoSniffMiddleware())
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ErrorMiddleware(reporter: services.reporter))
        // Files answer only where no route does: media under /media/, then the web frontend.
        router.add(middleware: MediaMiddleware(folder: options.mediaDirectory))
        router.add(middleware: FrontendMiddleware(folder: options.frontendDirectory))

        let bot = router.group("bot")
            .add(middleware: BotAuthMiddleware(apiKey: options.apiKey, allowedNetworks: options.botAllowedNetworks))
        let api = router.group("api")
            .add(middleware: SessionMiddleware(sessions: services.sessions))
            .add(middleware: CSRFMiddleware())
            .add(middleware: APIAccessMiddleware(quotas: services.quotas))
        let mounter = RouteMounter(router: router, bot: bot, api: api)
        let registry = services.registry
        let avatars = AvatarFetcher(allowedPrefixes: options.avatarHosts, client: services.httpClient)
        mounter.mount(
            BotCharacterRoutes.routes(registry),
            of: BotCharacterRoutes(
                registry: registry, store: services.store, characters: services.characters, avatars: avatars))
        mounter.mount(
            BotChronicleRoutes.routes(registry),
            of: BotChronicleRoutes(registry: registry, store: services.store, chronicles: services.chronicles))
        mounter.mount(
            BotUserRoutes.routes(registry),
            of: BotUserRoutes(
                store: services.store, users: services.users, chronicles: services.chronicles, clock: services.clock))
        // The routes splat modules add (SplatVampire5th's `sheet/get`, ...).
        mounter.mount(BotModuleRoutes.routes(registry), of: BotModuleRoutes(registry: registry, store: services.store))
        mounter.mount(
            WebCharacterRoutes.routes(registry),
            of: WebCharacterRoutes(registry: registry, store: services.store, characters: services.characters))
        mounter.mount(WebHistoryRoutes.routes, of: WebHistoryRoutes(store: services.store, characters: services.characters))
        mounter.mount(
            WebChronicleRoutes.routes(registry),
            of: WebChronicleRoutes(registry: registry, chronicles: services.chronicles, characters: services.characters))
        mounter.mount(
            WebProfileRoutes.routes,
            of: WebProfileRoutes(
                store: services.store, quotas: services.quotas,
                dataRequests: DataRequests(
                    registry: registry, store: services.store, media: services.characters.media,
                    broadcaster: services.broadcaster, clock: services.clock),
                secureCookies: options.secureCookies, clock: services.clock))
        let login = DiscordLogin(
            configuration: options.login, store: services.store, sessions: services.sessions,
            broadcaster: services.broadcaster, client: services.httpClient, clock: services.clock)
        mounter.mount(
            AuthRoutes.routes,
            of: AuthRoutes(
                login: login, sessions: services.sessions, finalRedirect: options.finalRedirect,
                secureCookies: options.secureCookies, loginStarts: MinuteCounter(limit: options.loginStartsPerMinute),
                addresses: addresses, clock: services.clock))
        mounter.mount(
            PatreonRoutes.routes,
            of: PatreonRoutes(
                webhook: PatreonWebhook(
                    secret: options.patreonWebhookSecret, store: services.store, broadcaster: services.broadcaster,
                    reporter: services.reporter, clock: services.clock)))
        // Public, before the `api` group's login and quota: what frontends read (RodSchema).
        mounter.mount(SchemaRoutes.routes, of: SchemaRoutes(export: services.schemaExport))
        mounter.mount(
            ObservabilityRoutes.routes,
            of: ObservabilityRoutes(
                store: services.store, channels: services.channels, gateway: services.gateway, metrics: services.metrics,
                metricsToken: options.metricsToken))
        mounter.mount(GatewayRoutes.routes, of: gatewayRoutes)
        return router
    }

    /// The router the server consults for WebSocket upgrades: the gateway, with the session cookie read.
    public func webSocketRouter() -> Router<RodRequestContext> {
        let router = Router(context: RodRequestContext.self)
        router.add(middleware: NoSniffMiddleware())
        router.add(middleware: SessionMiddleware(sessions: services.sessions))
        gatewayRoutes.register(upgradesOn: router)
        return router
    }

    /// Every connection's pipeline: the request-head guard, HTTP/1.1, and the upgrade to the WebSocket gateway with
    /// its limits.
    public func server() -> HTTPServerBuilder {
        let (limits, http) = (options.gatewayLimits, options.limits)
        var decoder = HTTP1Channel.Configuration.DecoderConfiguration()
        decoder.maxHeaderListSize = http.maxHeadBytes
        decoder.maxHeaderFieldSize = http.maxHeadBytes
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: .init(http.idleTimeout), httpDecoderConfiguration: decoder),
            ws: WebSocketServerConfiguration(
                maxFrameSize: limits.maxMessageBytes, autoPing: .enabled(timePeriod: limits.pingInterval),
                // RFC 6455: a text frame that is not UTF-8 closes the socket with 1007.
                validateUTF8: true))
        let webSocketResponder = webSocketRouter().buildResponder()
        return HTTPServerBuilder { responder in
            GuardedHTTPChannel(
                base: HTTP1WebSocketUpgradeChannel(
                    responder: responder, webSocketResponder: webSocketResponder, configuration: configuration),
                limits: http)
        }
    }
}
