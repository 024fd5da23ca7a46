import Foundation
import RodChannels
import RodCore
import RodStore
import RodTestSupport
import Testing

@testable import RodServices

/// The daily quota of several processes, counted in a real Redis: shared and atomic, nothing durable written per
/// request, the store's count taken up where Redis has none, and the store counting while Redis is away.
@Suite(.enabled(if: RedisServer.isInstalled, "needs redis-server (scripts/test.sh installs it)"), .serialized)
struct SharedQuotaTests {
    /// Today: Redis drops a key whose expiry (the day after) has passed.
    let day = Int64((Date().timeIntervalSince1970 / 86_400).rounded(.down))

    @Test func processesShareOneCountAndTheFlushesWriteItOnce() async throws {
        let redis = try RedisServer()
        let endpoint = try #require(RedisEndpoint(url: redis.url))
        try await StoreKind.sqlite.withStore { store in
            let user = try await store.ensureUser(id: 1001, now: 0).id
            // Counted before (another day's processes, flushed): the day's first request anywhere takes it up.
            for _ in 0..<4 { _ = try await store.countAPIRequest(userID: user, day: day) }
            let a = QuotaCounts(store: store, shared: RedisCounter(endpoint: endpoint))
            let b = QuotaCounts(store: store, shared: RedisCounter(endpoint: endpoint))
            #expect(try await a.count(userID: user, day: day) == 5)
            #expect(try await b.count(userID: user, day: day) == 6)
            #expect(try await a.count(userID: user, day: day) == 7)
            #expect(try await b.current(userID: user, day: day) == 7)
            // Requests wrote nothing durable; each process's flush writes what it counted.
            #expect(try await store.apiRequests(userID: user, day: day) == 4)
            #expect(try await a.flush() == 2)
            #expect(try await b.flush() == 1)
            #expect(try await store.apiRequests(userID: user, day: day) == 7)

            // Redis restarted without its data: the count goes on from the store's.
            redis.stop()
            try redis.start()
            let c = QuotaCounts(store: store, shared: RedisCounter(endpoint: endpoint))
            #expect(try await c.count(userID: user, day: day) == 8)

            // An erasure forgets the count in Redis too.
            await c.forget(userID: user, today: day)
            #expect(try await RedisCounter(endpoint: endpoint).value(of: "quota:\(day):\(user)") == nil)
        }
    }

    @Test func whileRedisIsAwayTheStoreCountsWithoutWaitingForIt() async throws {
        let redis = try RedisServer()
        let endpoint = try #require(RedisEndpoint(url: redis.url))
        try await StoreKind.sqlite.withStore { store in
            let user = try await store.ensureUser(id: 1001, now: 0).id
            let counts = QuotaCounts(store: store, shared: RedisCounter(endpoint: endpoint, backoff: .seconds(60)))
            #expect(try await counts.count(userID: user, day: day) == 1)
            redis.stop()
            // The store counts each request durably, on top of what this process counted and has not written.
            #expect(try await counts.count(userID: user, day: day) == 2)
            #expect(try await counts.count(userID: user, day: day) == 3)
            #expect(try await store.apiRequests(userID: user, day: day) == 2)
            #expect(try await counts.current(userID: user, day: day) == 3)
            #expect(try await counts.flush() == 1)
            #expect(try await store.apiRequests(userID: user, day: day) == 3)
        }
    }
}
