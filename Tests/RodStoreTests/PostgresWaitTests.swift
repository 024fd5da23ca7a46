import Logging
import RodStore
import RodTestSupport
import Testing

@testable import RodStorePostgres

/// How long a call waits for PostgreSQL, without a PostgreSQL: the pool cannot connect to a port nothing listens on.
@Suite struct PostgresWaitTests {
    @Test func aCallWithNoConnectionWithinTheWaitFailsUnavailable() async throws {
        var endpoint = PostgresDatabase.Endpoint(port: try freeLoopbackPort(), database: "none", tls: .disable)
        endpoint.wait = .seconds(1)
        let database = PostgresDatabase(
            endpoint: endpoint, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await database.withRunning {
            // Several calls at once: each gives up after the wait, none waits for the database to come back.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        await #expect(throws: StoreError.unavailable(retryAfter: 1)) {
                            try await database.read { db in try await db.rows("SELECT 1") }
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(database.waiting.current == 0)
            #expect(database.waiting.isDown)
        }
    }

    @Test func beyondTheWaitingLimitACallFailsAtOnce() {
        let waiting = ConnectionWait()
        #expect(waiting.enter(limit: 2) && waiting.enter(limit: 2))
        #expect(!waiting.enter(limit: 2))
        #expect(waiting.current == 2)
        waiting.leave()
        #expect(waiting.enter(limit: 2))
    }

    @Test func theLeaseAndTheDeadlineCannotBothWin() {
        let leased = LeaseRace()
        #expect(leased.claim() && !leased.expire() && !leased.settle())
        let expired = LeaseRace()
        #expect(expired.expire() && !expired.claim() && !expired.settle())
        let failed = LeaseRace()
        #expect(failed.settle() && !failed.claim() && !failed.expire())
    }
}
