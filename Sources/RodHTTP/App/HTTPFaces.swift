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
        /// `/metrics`' bearer token; nil: `/metrics` does not exist.
        public var metricsToken: String?
        /// Where the Discord login ends, and its cookies.
        public var finalRedirect: String
        public var secureCookies: Bool
        public var loginStartsPerMinute: Int
        /// The hosts a gateway socket's `Origin` may name.
        public var allowedHosts: [String]
        public var limits: HTTPLimits
        public var gatewayLimits: GatewayLimits

        public init(
            apiKey: String, botAllowedNetworks: [IPNetwork], trustedProxies: [IPNetwork], mediaDirectory: String,
            frontendDirectory: String, metricsToken: String?, finalRedirect: String, secureCookies: Bool,
            loginStartsPerMinute: Int, allowedHosts: [String], limits: HTTPLimits, gatewayLimits: GatewayLimits
        ) {
            self.apiKey = apiKey
            self.botAllowedNetworks = botAllowedNetworks
            self.trustedProxies = trustedProxies
            self.mediaDirectory = mediaDirectory
            self.frontendDirectory = frontendDirectory
            self.metricsToken = metricsToken
            self.finalRedirect = finalRedirect
            self.secureCookies = secureCookies
            self.loginStartsPerMinute = loginStartsPerMinute
            self.allowedHosts = allowedHosts
            self.limits = limits
            self.gatewayLimits = gatewayLimits
        }
    }

    /// The services every face shares, built once per process (one set of per-character locks, one broadcaster).
    public struct Services: Sendable {
        public let registry: Registry
        /// The store, for readiness only: the faces read and write through the services.
        public let store: any StoreLifecycle
        public let channels: any ChannelLayer
        public let broadcaster: Broadcaster
        public let characters: CharacterService
        public let chronicles: ChronicleService
        public let users: UserService
        public let sessions: SessionService
        /// The daily request quotas, shared by the web API and the gateway's field updates.
        public let quotas: QuotaService
        public let gateway: Gateway
        /// A user's export and erasure (`api/user/...`).
        public let dataRequests: DataRequests
        public let login: DiscordLogin
        public let patreon: PatreonWebhook
        /// Avatars a bot names by URL, downloaded from the allowed hosts only.
        public let avatars: AvatarFetcher
        /// The generated schemas, built once.
        public let schemaExport: SchemaExport
        /// Downloads avatars and talks to Discord; owned by the caller.
        public let httpClient: HTTPClient
        public let reporter: DiscordReporter
        /// Where `/metrics` reads from; nil turns `/metrics` off.
        public let metrics: PrometheusCollectorRegistry?
        public let clock: @Sendable () -> Double

        public init(
            registry: Registry, store: any StoreLifecycle, channels: any ChannelLayer, broadcaster: Broadcaster,
            characters: CharacterService, chronicles: ChronicleService, users: UserService, sessions: SessionService,
            quotas: QuotaService, gateway: Gateway, dataRequests: DataRequests, login: DiscordLogin,
            patreon: PatreonWebhook, avatars: AvatarFetcher, schemaExport: SchemaExport, httpClient: HTTPClient,
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
            self.dataRequests = dataRequests
            self.login = login
            self.patreon = patreon
            self.avatars = avatars
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

    /// One face's routes and the value that serves them, made from what the faces are mounted with.
    struct Face: Sendable {
        let operations: @Sendable (Registry) -> [RodSchema.Operation]
        let mount: @Sendable (RouteMounter, HTTPFaces) -> Void

        init<Handler>(
            _ routes: @escaping @Sendable (Registry) -> [Route<Handler>], _ make: @escaping @Sendable (HTTPFaces) -> Handler
        ) {
            operations = { registry in routes(registry).map(\.operation) }
            mount = { mounter, faces in mounter.mount(routes(faces.services.registry), of: make(faces)) }
        }

        init<Handler>(_ routes: [Route<Handler>], _ make: @escaping @Sendable (HTTPFaces) -> Handler) {
            self.init({ _ in routes }, make)
        }
    }

    /// Every face, in the order the documents list their operations: the one list the router mounts and the catalog
    /// (OpenAPI, the docs page) renders.
    static let faces: [Face] = [
        Face(BotCharacterRoutes.routes) { faces in
            let services = faces.services
            return BotCharacterRoutes(registry: services.registry, characters: services.characters, avatars: services.avatars)
        },
        Face(BotChronicleRoutes.routes) { faces in
            let services = faces.services
            return BotChronicleRoutes(registry: services.registry, chronicles: services.chronicles, users: services.users)
        },
        Face(BotUserRoutes.routes) { BotUserRoutes(users: $0.services.users, chronicles: $0.services.chronicles) },
        // The routes splat modules add (SplatVampire5th's `sheet/get`, ...).
        Face(BotModuleRoutes.routes) { BotModuleRoutes(registry: $0.services.registry, characters: $0.services.characters) },
        Face(WebCharacterRoutes.routes) { faces in
            let services = faces.services
            return WebCharacterRoutes(registry: services.registry, characters: services.characters)
        },
        Face(WebHistoryRoutes.routes) { WebHistoryRoutes(characters: $0.services.characters, users: $0.services.users) },
        Face(WebChronicleRoutes.routes) { faces in
            let services = faces.services
            return WebChronicleRoutes(
                registry: services.registry, chronicles: services.chronicles, characters: services.characters)
        },
        Face(WebProfileRoutes.routes) { faces in
            let services = faces.services
            return WebProfileRoutes(
                users: services.users, chronicles: services.chronicles, characters: services.characters,
                quotas: services.quotas, dataRequests: services.dataRequests, secureCookies: faces.options.secureCookies,
                clock: services.clock)
        },
        Face(AuthRoutes.routes) { faces in
            AuthRoutes(
                login: faces.services.login, sessions: faces.services.sessions, finalRedirect: faces.options.finalRedirect,
                secureCookies: faces.options.secureCookies,
                loginStarts: MinuteCounter(limit: faces.options.loginStartsPerMinute), addresses: faces.addresses,
                clock: faces.services.clock)
        },
        Face(PatreonRoutes.routes) { PatreonRoutes(webhook: $0.services.patreon) },
        // Public, before the `api` group's login and quota: what frontends read (RodSchema).
        Face(SchemaRoutes.routes) { SchemaRoutes(export: $0.services.schemaExport) },
        Face(ObservabilityRoutes.routes) { faces in
            let services = faces.services
            return ObservabilityRoutes(
                store: services.store, channels: services.channels, gateway: services.gateway, metrics: services.metrics,
                metricsToken: faces.options.metricsToken)
        },
        Face(GatewayRoutes.routes) { $0.gatewayRoutes },
    ]

    /// Every operation the faces declare, in the order the documents list them.
    public static func operations(_ registry: Registry) -> [RodSchema.Operation] {
        faces.flatMap { $0.operations(registry) }
    }

    /// The router with every HTTP face mounted. The store must already be migrated.
    public func router() -> Router<RodRequestContext> {
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
        for face in Self.faces { face.mount(mounter, self) }
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
