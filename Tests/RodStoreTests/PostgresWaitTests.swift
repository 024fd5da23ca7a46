import Foundation
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

    @Test(.enabled(if: TestPostgres.isConfigured, Comment(rawValue: TestPostgres.skipReason)))
    func aStatementThatNeverAnswersFailsUnavailableAndTheNextCallGetsANewConnection() async throws {
        var endpoint = try #require(TestPostgres.endpoint)
        endpoint.maximumConnections = 1
        endpoint.statementLimit = .seconds(4)
        let database = PostgresDatabase(
            endpoint: endpoint, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await database.withRunning {
            // The server itself aborts a statement a second before the limit: the call fails, and the connection,
            // which the limit would have closed, serves on.
            let before = try await backendID(database)
            await #expect(throws: StoreError.unavailable(retryAfter: 120)) {
                try await database.read { db in try await db.rows("SELECT pg_sleep(8)") }
            }
            let backend = try await backendID(database)
            #expect(backend == before)
            // A backend that stops answering (frozen, as a server that died under the driver): the call ends at the
            // limit instead of waiting forever, and its connection is closed; the pool opens another.
            kill(pid_t(backend), SIGSTOP)
            defer { kill(pid_t(backend), SIGCONT) }
            await #expect(throws: StoreError.unavailable(retryAfter: 120)) {
                try await database.read { db in try await db.rows("SELECT 1") }
            }
            kill(pid_t(backend), SIGCONT)
            #expect(try await backendID(database) != backend)
        }
    }

    /// The server process serving the pool's connection; a call that meets a connection while it closes fails, so
    /// this tries again for a few seconds.
    func backendID(_ database: PostgresDatabase) async throws -> Int64 {
        var failure: (any Error)?
        for _ in 0..<50 {
            do {
                return try await database.read { db in
                    try await db.rows("SELECT pg_backend_pid() AS pid")[0]["pid", as: Int64.self]
                }
            } catch {
                failure = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw failure ?? CancellationError()
    }

    @Test func beyondTheWaitingLimitACallFailsAtOnce() {
        let waiting = ConnectionWait()
        #expect(waiting.enter(limit: 2) && waiting.enter(limit: 2))
        #expect(!waiting.enter(limit: 2))
        #expect(waiting.current == 2)
        waiting.leave()
        #expect(waiting.enter(limit: 2))
    }

    @Test func aCallWhoseWaitEndedGetsNoConnection() async {
        let expired = ConnectionHandoff()
        expired.expire()
        await #expect(throws: WaitExpired.self) { try await expired.connection() }
        // A call already waiting is woken by the deadline, and a later failure changes nothing.
        let waiting = ConnectionHandoff()
        let call = Task { try await waiting.connection() }
        try? await Task.sleep(for: .milliseconds(50))
        waiting.expire()
        waiting.fail(CancellationError())
        await #expect(throws: WaitExpired.self) { try await call.value }
    }
}
