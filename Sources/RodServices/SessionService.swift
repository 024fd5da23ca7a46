import Crypto
import Foundation
import RodCore
import RodStore

/// Web sessions: a random token in the `sessionid` cookie, of which the store keeps only a SHA-256, and a CSRF
/// token the browser echoes in `X-CSRFToken` on unsafe requests. Sessions last two weeks (Django's default)
/// unless revoked; logging out revokes.
public struct SessionService: Sendable {
    public let store: any SessionStore & UserStore
    /// Closes the gateway sockets of a revoked session, in every process; nil where no socket can be open (tools).
    let broadcaster: Broadcaster?
    /// Sessions recently read, with their users; nil to read both from the store at each request.
    let cache: SessionCache?
    let clock: @Sendable () -> Double
    /// Two weeks.
    public static let lifetime: Double = 1_209_600

    public init(
        store: any SessionStore & UserStore, broadcaster: Broadcaster? = nil, cache: SessionCache? = nil,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.broadcaster = broadcaster
        self.cache = cache
        self.clock = clock
    }

    /// A new session's cookie values.
    public struct Minted: Sendable, Equatable {
        public let token: String
        public let csrfToken: String
        public let expiresAt: Double
    }

    /// Opens a session for the user.
    public func mint(userID: Int64) async throws -> Minted {
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let now = clock()
        let session = Session(
            tokenHash: Self.hash(token), userID: userID, csrfToken: csrf, createdAt: now, expiresAt: now + Self.lifetime)
        try await store.save(session)
        return Minted(token: token, csrfToken: csrf, expiresAt: session.expiresAt)
    }

    /// The session and its user for a cookie's token, if it is live.
    public func authenticate(token: String) async throws -> (session: Session, user: User)? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        return try await live(tokenHash: Self.hash(token))
    }

    /// The session of this token's hash and its user, if it is live: from the cache when it was read in the last
    /// seconds (a revocation in any process drops it at once), otherwise from the store. The gateway asks it before
    /// each write of an open socket.
    public func live(tokenHash hash: String) async throws -> (session: Session, user: User)? {
        let now = clock()
        let read = { [store] () async throws -> (session: Session, user: User)? in
            guard let session = try await store.session(tokenHash: hash, now: now),
                let user = try await store.user(id: session.userID)
            else { return nil }
            return (session, user)
        }
        guard let cache else { return try await read() }
        return try await cache.lookup(tokenHash: hash, now: now, read: read)
    }

    /// Ends a session: the cookie stops working, and the sockets opened with it close.
    public func revoke(token: String) async throws {
        let hash = Self.hash(token)
        try await store.deleteSession(tokenHash: hash)
        broadcaster?.sessionEnded(tokenHash: hash)
    }

    /// Removes the sessions and login states that expired; `rod serve` runs it in the background.
    public func purgeExpired() async throws {
        try await store.deleteExpired(now: clock())
    }

    /// 32 bytes from the system's cryptographic generator, as 64 hex digits.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word: UInt64 = generator.next()
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).lowercaseHex
    }
}

/// The web API's daily request quotas by supporter tier (2000, 5000 or 10000 a day; site admins unlimited), per UTC
/// day, counted by `QuotaCounts` (in memory alone, in Redis for several processes); without counts, in the store at
/// each request.
public struct QuotaService: Sendable {
    public let store: any SessionStore
    /// The counts kept in memory or Redis; nil to count in the store at each request.
    public let counts: QuotaCounts?
    let clock: @Sendable () -> Double

    public init(
        store: any SessionStore, counts: QuotaCounts? = nil,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.counts = counts
        self.clock = clock
    }

    /// What is left of the user's quota today (nil: unlimited, a site admin) and when it resets.
    public func remaining(_ user: User) async throws -> (requests: Int?, resetsAt: Double) {
        let day = Int64((clock() / 86_400).rounded(.down))
        let resetsAt = Double(day + 1) * 86_400
        guard !user.admin else { return (nil, resetsAt) }
        return (max(0, user.tier.dailyRequests - (try await used(userID: user.id))), resetsAt)
    }

    /// The user's requests counted today.
    public func used(userID: Int64) async throws -> Int {
        let day = Int64((clock() / 86_400).rounded(.down))
        if let counts { return try await counts.current(userID: userID, day: day) }
        return try await store.apiRequests(userID: userID, day: day)
    }

    /// Counts a request; nil when it is allowed, else the seconds until the quota resets.
    public func admit(_ user: User) async throws -> Int? {
        guard !user.admin else { return nil }
        let now = clock()
        let day = Int64((now / 86_400).rounded(.down))
        let count =
            if let counts { try await counts.count(userID: user.id, day: day) } else {
                try await store.countAPIRequest(userID: user.id, day: day)
            }
        guard count > user.tier.dailyRequests else { return nil }
        return Int((Double(day + 1) * 86_400 - now).rounded(.up))
    }
}
