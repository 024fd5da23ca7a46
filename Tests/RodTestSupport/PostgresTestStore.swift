import Foundation
import Logging
import RodStore
import RodStorePostgres

/// A migrated PostgreSQL store in a fresh schema of the test server (`ROD_TEST_POSTGRES_URL`), dropped afterwards.
/// Its connection pool runs while `body` does.
public func withPostgresStore(_ body: (SQLStore) async throws -> Void) async throws {
    guard let url = TestPostgres.url else { throw SupportError("ROD_TEST_POSTGRES_URL is not set") }
    guard var endpoint = PostgresDatabase.Endpoint(url: url) else {
        throw SupportError("ROD_TEST_POSTGRES_URL is not a postgres:// URL")
    }
    endpoint.maximumConnections = 4
    let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    let admin = PostgresDatabase(endpoint: endpoint, logger: quiet)
    endpoint.schema = schema
    let database = PostgresDatabase(endpoint: endpoint, logger: quiet)
    try await admin.withRunning {
        try await admin.write { db in try await db.execute("CREATE SCHEMA \(raw: schema)") }
        do {
            try await database.withRunning {
                let store = SQLStore(database)
                try await store.migrate()
                try await body(store)
            }
        } catch {
            _ = try? await admin.write { db in try await db.execute("DROP SCHEMA \(raw: schema) CASCADE") }
            throw error
        }
        try await admin.write { db in try await db.execute("DROP SCHEMA \(raw: schema) CASCADE") }
    }
}
