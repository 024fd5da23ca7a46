import Foundation

/// The PostgreSQL server tests may use: `ROD_TEST_POSTGRES_URL` (`postgres://user@host:port/database`), which
/// `scripts/test.sh` sets after starting a private server on a loopback port. Without it, PostgreSQL tests are
/// skipped and say so.
public enum TestPostgres {
    public static let url: String? = ProcessInfo.processInfo.environment["ROD_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    public static var isConfigured: Bool { url != nil }

    public static let skipReason =
        "needs PostgreSQL: set ROD_TEST_POSTGRES_URL (scripts/test.sh starts a private server and sets it)"
}
