import Foundation
import Logging
import PostgresNIO

@testable import RodStore

/// A migrated PostgreSQL store in a fresh schema of the test server (`ROD_TEST_POSTGRES_URL`), dropped afterwards.
public func withPostgresStore(_ body: (PostgresStore) async throws -> Void) async throws {
    guard let url = TestPostgres.url else { throw SupportError("ROD_TEST_POSTGRES_URL is not set") }
    guard var endpoint = PostgresStore.Endpoint(url: url) else {
        throw SupportError("ROD_TEST_POSTGRES_URL is not a postgres:// URL")
    }
    endpoint.maximumConnections = 4
    let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    let admin = PostgresStore(endpoint: endpoint, logger: quiet)
    _ = try await admin.write { db in try await db.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)")) }
    endpoint.schema = schema
    let store = PostgresStore(endpoint: endpoint, logger: quiet)
    do {
        try await store.migrate()
        try await body(store)
    } catch {
        await store.close()
        _ = try? await admin.write { db in try await db.run(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE")) }
        await admin.close()
        throw error
    }
    await store.close()
    _ = try await admin.write { db in try await db.run(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE")) }
    await admin.close()
}
