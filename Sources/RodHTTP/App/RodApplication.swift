import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import RodCore
import RodServices
import RodStore

/// What the HTTP faces are built from. `rod serve` and the tests both assemble one and call `buildApplication`.
public struct RodEnvironment: Sendable {
    public let settings: ServerSettings
    public let registry: Registry
    public let store: any Store
    /// Used to download avatars; owned (and shut down) by the caller.
    public let httpClient: HTTPClient
    public let logger: Logger
    public let clock: @Sendable () -> Double

    public init(
        settings: ServerSettings, registry: Registry, store: any Store, httpClient: HTTPClient, logger: Logger,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.settings = settings
        self.registry = registry
        self.store = store
        self.httpClient = httpClient
        self.logger = logger
        self.clock = clock
    }

    public var media: MediaStore {
        MediaStore(root: URL(fileURLWithPath: settings.mediaDirectory, isDirectory: true))
    }
}

/// Builds the router with every face mounted. The store must already be migrated.
public func buildRouter(_ environment: RodEnvironment) -> Router<RodRequestContext> {
    let router = Router(context: RodRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug))
    // Files answer only where no route does: media under /media/, then the web frontend.
    router.add(middleware: FileMiddleware(environment.settings.mediaDirectory, urlBasePath: "/media"))
    router.add(middleware: FrontendMiddleware(folder: environment.settings.frontendDirectory))

    router.get("health") { _, _ in Reply.json(["status": "ok"]) }

    let characters = CharacterService(
        registry: environment.registry, store: environment.store, media: environment.media, logger: environment.logger,
        clock: environment.clock)
    let avatars = AvatarFetcher(allowedPrefixes: environment.settings.avatarHosts, client: environment.httpClient)
    let bot = router.group("bot")
        .add(
            middleware: BotAuthMiddleware(
                apiKey: environment.settings.apiKey, allowedNetworks: environment.settings.botAllowedNetworks))
    let chronicles = ChronicleService(store: environment.store, clock: environment.clock)
    let users = UserService(store: environment.store, clock: environment.clock)
    BotCharacterRoutes(registry: environment.registry, store: environment.store, characters: characters, avatars: avatars)
        .register(on: bot)
    BotChronicleRoutes(registry: environment.registry, store: environment.store, chronicles: chronicles).register(on: bot)
    BotUserRoutes(store: environment.store, users: users, chronicles: chronicles, clock: environment.clock).register(on: bot)

    let sessions = SessionService(store: environment.store, clock: environment.clock)
    let api = router.group("api")
        .add(middleware: SessionMiddleware(sessions: sessions))
        .add(middleware: CSRFMiddleware())
        .add(middleware: APIAccessMiddleware(quotas: QuotaService(store: environment.store, clock: environment.clock)))
    WebCharacterRoutes(registry: environment.registry, store: environment.store, characters: characters).register(on: api)

    let settings = environment.settings
    let login = DiscordLogin(
        configuration: .init(
            appID: settings.discordAppID, appSecret: settings.discordAppSecret, apiURL: settings.discordAPIURL,
            redirectURI: settings.resolvedPublicURL + "/auth/login/success/"),
        store: environment.store, sessions: sessions, client: environment.httpClient, clock: environment.clock)
    AuthRoutes(
        login: login, sessions: sessions, finalRedirect: settings.resolvedFinalRedirect, secureCookies: settings.secureCookies
    )
    .register(on: router)
    PatreonRoutes(
        webhook: PatreonWebhook(secret: settings.patreonWebhookSecret, store: environment.store, clock: environment.clock)
    )
    .register(on: router)
    return router
}

/// The application `rod serve` runs: the router on the configured address.
public func buildApplication(
    _ environment: RodEnvironment, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(environment),
        configuration: .init(address: .hostname(environment.settings.host, port: environment.settings.port), serverName: "rod"),
        onServerRunning: onServerRunning,
        logger: environment.logger)
}
