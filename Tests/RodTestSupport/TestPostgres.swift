import Foundation
import RodStorePostgres

/// The PostgreSQL server tests may use: `ROD_TEST_POSTGRES_URL` (`postgres://user@host:port/database`), which
/// `scripts/test.sh` sets after starting a private server on a loopback port. Without it, PostgreSQL tests are
/// skipped and say so.
public enum TestPostgres {
    public static let url: String? = ProcessInfo.processInfo.environment["ROD_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    public static var isConfigured: Bool { url != nil }

    /// The test server's endpoint, with room to wait for a connection: under the whole parallel suite on 2 cores one
    /// can take longer than the server's 5 s, and a statement longer than its 15 s. The tests of the wait itself set their own (PostgresWaitTests,
    /// FaultProcessTests).
    public static var endpoint: PostgresDatabase.Endpoint? {
        guard let url, var endpoint = PostgresDatabase.Endpoint(url: url) else { return nil }
        endpoint.wait = .seconds(120)
        endpoint.statementLimit = .seconds(120)
        return endpoint
    }

    public static let skipReason =
        "needs PostgreSQL: set ROD_TEST_POSTGRES_URL (scripts/test.sh starts a private server and sets it)"
}
