import AsyncHTTPClient
import Foundation
import NIOCore
import RodCore
import RodStore

/// Why a login did not complete.
public enum LoginError: Error, Sendable, Equatable {
    /// The state is missing, was used already, expired, or is not this browser's.
    case badState
    /// Discord refused or failed; the text says where.
    case discord(String)
}

/// Signing in with Discord (OAuth2, authorization code): a random single-use state bound to the browser, the
/// code exchanged for a token, the user and their guilds fetched, the user created or refreshed, memberships
/// synced with the guilds that are chronicles here, and a session opened.
public struct DiscordLogin: Sendable {
    public struct Configuration: Sendable {
        public var appID: String
        public var appSecret: String
        /// Discord's API base, `https://discord.com/api`; tests point it at a local fake.
        public var apiURL: String
        /// Where Discord sends the browser back: `<public URL>/auth/login/success/`.
        public var redirectURI: String

        public init(appID: String, appSecret: String, apiURL: String, redirectURI: String) {
            self.appID = appID
            self.appSecret = appSecret
            self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
            self.redirectURI = redirectURI
        }
    }

    public let configuration: Configuration
    let store: any SessionStore & CommunityStore & UserStore
    let sessions: SessionService
    let broadcaster: Broadcaster
    let client: HTTPClient
    let clock: @Sendable () -> Double

    /// A login state is good for ten minutes.
    public static let stateLifetime: Double = 600
    /// Discord's ADMINISTRATOR permission bit.
    static let administrator: UInt64 = 0x8

    public init(
        configuration: Configuration, store: any SessionStore & CommunityStore & UserStore, sessions: SessionService,
        broadcaster: Broadcaster,
        client: HTTPClient, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.configuration = configuration
        self.store = store
        self.sessions = sessions
        self.broadcaster = broadcaster
        self.client = client
        self.clock = clock
    }

    /// A new login: the state to keep in the browser's cookie, and the Discord page to send it to.
    public func start() async throws -> (state: String, authorizeURL: String) {
        let state = SessionService.randomToken()
        try await store.saveOAuthState(hash: SessionService.hash(state), at: clock())
        let query = Self.formEncoded([
            ("client_id", configuration.appID), ("redirect_uri", configuration.redirectURI), ("response_type", "code"),
            ("scope", "identify email guilds"), ("prompt", "none"), ("state", state),
        ])
        return (state, configuration.apiURL + "/oauth2/authorize?" + query)
    }

    /// Completes a login from Discord's redirect. `cookieState` is the state this browser was given.
    public func finish(code: String?, state: String?, cookieState: String?) async throws(LoginError) -> (
        user: User, session: SessionService.Minted
    ) {
        guard let state, let cookieState, !state.isEmpty, state.utf8.count <= 128,
            constantTimeEquals(state.utf8, cookieState.utf8)
        else {
            throw .badState
        }
        let now = clock()
        guard (try? await store.takeOAuthState(hash: SessionService.hash(state), notBefore: now - Self.stateLifetime)) == true
        else {
            throw .badState
        }
        guard let code, !code.isEmpty else { throw .discord("no code in Discord's redirect") }
        let token = try await exchange(code: code)
        let profile = try await get("/users/@me", token: token)
        guard case .array(let guildList) = try await get("/users/@me/guilds", token: token) else {
            throw .discord("the guild list is not a list")
        }
        guard let id = Snowflake.parse(profile["id"]) else { throw .discord("the user has no id") }

        var guilds: [Int64: Bool] = [:]
        for guild in guildList {
            guard let guildID = Snowflake.parse(guild["id"]) else { continue }
            // Newer API versions send the permissions as a string.
            let permissions =
                guild["permissions"].flatMap { $0.intValue.map(UInt64.init) ?? $0.stringValue.flatMap { UInt64($0) } } ?? 0
            guilds[guildID] = permissions & Self.administrator != 0
        }
        do {
            var user = try await store.user(id: id) ?? User(id: id, createdAt: now)
            user.username = profile["username"]?.stringValue ?? user.username
            user.discriminator = profile["discriminator"]?.stringValue ?? user.discriminator
            user.avatarURL = profile["avatar"]?.stringValue.map { "https://cdn.discordapp.com/avatars/\(id)/\($0).png" } ?? ""
            user.email = profile["email"]?.stringValue
            user.verified = profile["verified"]?.boolValue ?? false
            user.registered = true
            user.lastSaved = now
            try await store.save(user)
            let change = CharacterChange(operation: .update, face: .web, actorID: id, changes: .null, at: now)
            let sync = try await store.syncMemberships(userID: id, guilds: guilds, change: change)
            broadcaster.userChanged(user)
            await announce(sync)
            return (user, try await sessions.mint(userID: id))
        } catch {
            throw .discord("storing the login failed: \(error)")
        }
    }

    /// The original changed memberships at login without telling open pages; these events do.
    private func announce(_ sync: MembershipSync) async {
        for member in sync.created { await broadcaster.memberCreated(member) }
        // An update flips `admin`; staff status changes with it unless the member is a storyteller anyway.
        for member in sync.updated { await broadcaster.memberChanged(member, staffStatusChanged: !member.storyteller) }
        broadcaster.departed(Departure(members: sync.removed, characters: sync.characters))
    }

    /// POSTs the code to `/oauth2/token` (form-encoded) and returns the access token.
    func exchange(code: String) async throws(LoginError) -> String {
        var request = HTTPClientRequest(url: configuration.apiURL + "/oauth2/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = Self.formEncoded([
            ("client_id", configuration.appID), ("client_secret", configuration.appSecret), ("grant_type", "authorization_code"),
            ("code", code), ("redirect_uri", configuration.redirectURI),
        ])
        request.body = .bytes(ByteBuffer(string: form))
        let reply = try await send(request, what: "the code exchange")
        guard let token = reply["access_token"]?.stringValue else { throw .discord("the code exchange gave no access token") }
        return token
    }

    func get(_ path: String, token: String) async throws(LoginError) -> JSON {
        var request = HTTPClientRequest(url: configuration.apiURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        return try await send(request, what: "GET \(path)")
    }

    func send(_ request: HTTPClientRequest, what: String) async throws(LoginError) -> JSON {
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard (200..<300).contains(response.status.code) else {
                throw LoginError.discord("\(what): HTTP \(response.status.code)")
            }
            return try JSON.parse(body.readableBytesView)
        } catch let error as LoginError {
            throw error
        } catch {
            throw .discord("\(what): \(error)")
        }
    }

    /// `a=1&b=2`, every reserved character percent-encoded (`:` as `%3A`, `/` as `%2F`, space as `%20`).
    static func formEncoded(_ pairs: [(String, String)]) -> String {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return pairs.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? $1)" }.joined(separator: "&")
    }
}
