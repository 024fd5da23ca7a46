import Foundation
import Logging
import RodChannels
import RodCore
import RodStore
import RodTestSupport
import Testing

@testable import RodServices

/// A channel layer that cannot promise delivery (Redis away).
struct TroubledLayer: ChannelLayer {
    let groups = GroupRegistry()
    func send(_ event: GatewayEvent, to group: String) { groups.deliver(ChannelMessage(group: group, event: event)) }
    func isHeard(_ group: String) -> Bool { true }
    var problem: String? { "not subscribed" }
    func run() async throws {}
}

/// The session cache: a page's requests read neither the session nor the user again, and whatever would make a kept
/// entry wrong (a revocation or a user's change, in this process or another; lost events; its lifetime) is seen at
/// once.
@Suite struct SessionCacheTests {
    static func services(
        _ store: SQLStore, layer: any ChannelLayer, clock: @escaping @Sendable () -> Double
    ) -> (SessionService, Broadcaster) {
        var logger = Logger(label: "sessions")
        logger.logLevel = .critical
        let broadcaster = Broadcaster(layer: layer, registry: registry, store: store, logger: logger)
        let sessions = SessionService(
            store: store, broadcaster: broadcaster, cache: SessionCache(layer: layer, lifetime: 15), clock: clock)
        return (sessions, broadcaster)
    }

    @Test func aKeptSessionIsReadOnceAndARevocationInAnyProcessEndsItAtOnce() async throws {
        try await StoreKind.sqlite.withStore { store in
            let now = Shared<Double>(1_000_000)
            let clock: @Sendable () -> Double = { now.withLock { $0 } }
            // Two processes sharing one channel layer (as Redis joins them).
            let layer = InProcessChannelLayer()
            let (a, _) = Self.services(store, layer: layer, clock: clock)
            let (b, _) = Self.services(store, layer: layer, clock: clock)
            _ = try await store.ensureUser(id: 1001, now: 0)
            let minted = try await a.mint(userID: 1001)
            #expect(try await b.authenticate(token: minted.token)?.user.id == 1001)
            // Kept: removed from the store behind the cache's back, it is still served.
            try await store.deleteSession(tokenHash: SessionService.hash(minted.token))
            #expect(try await b.authenticate(token: minted.token) != nil)
            try await store.save(
                Session(
                    tokenHash: SessionService.hash(minted.token), userID: 1001, csrfToken: minted.csrfToken,
                    createdAt: 0, expiresAt: minted.expiresAt))
            // Revoked in the other process: refused at once.
            try await a.revoke(token: minted.token)
            #expect(try await b.authenticate(token: minted.token) == nil)
            #expect(try await a.authenticate(token: minted.token) == nil)

            // Past its lifetime an entry is read again.
            let second = try await a.mint(userID: 1001)
            _ = try await b.authenticate(token: second.token)
            try await store.deleteSession(tokenHash: SessionService.hash(second.token))
            now.withLock { $0 += 16 }
            #expect(try await b.authenticate(token: second.token) == nil)
        }
    }

    @Test func aUsersChangeOrLostEventsDropWhatWasKept() async throws {
        try await StoreKind.sqlite.withStore { store in
            let clock: @Sendable () -> Double = { 1_000_000 }
            let layer = InProcessChannelLayer()
            let (sessions, broadcaster) = Self.services(store, layer: layer, clock: clock)
            var user = try await store.ensureUser(id: 1001, now: 0)
            let minted = try await sessions.mint(userID: 1001)
            #expect(try await sessions.authenticate(token: minted.token)?.user.supporter == 0)
            user.supporter = 2
            try await store.save(user)
            broadcaster.userChanged(user)
            #expect(try await sessions.authenticate(token: minted.token)?.user.supporter == 2)

            _ = try await sessions.authenticate(token: minted.token)
            try await store.deleteSession(tokenHash: SessionService.hash(minted.token))
            layer.groups.deliverToAll(ChannelMessage(group: "", event: .resync))
            #expect(try await sessions.authenticate(token: minted.token) == nil)
        }
    }

    @Test func whileTheLayerCannotPromiseDeliveryNothingIsKept() async throws {
        try await StoreKind.sqlite.withStore { store in
            let (sessions, _) = Self.services(store, layer: TroubledLayer(), clock: { 1_000_000 })
            _ = try await store.ensureUser(id: 1001, now: 0)
            let minted = try await sessions.mint(userID: 1001)
            #expect(try await sessions.authenticate(token: minted.token) != nil)
            try await store.deleteSession(tokenHash: SessionService.hash(minted.token))
            #expect(try await sessions.authenticate(token: minted.token) == nil)
        }
    }
}
