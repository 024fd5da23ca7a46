import Foundation
import Logging
import RodStore
import RodStorePostgres

/// Runs `body` with the endpoint of a new, empty schema of the test server (`ROD_TEST_POSTGRES_URL`), dropped
/// afterwards, whatever `body` does.
public func withPostgresSchema(_ body: (PostgresDatabase.Endpoint) async throws -> Void) async throws {
    guard TestPostgres.url != nil else { throw SupportError("ROD_TEST_POSTGRES_URL is not set") }
    guard var endpoint = TestPostgres.endpoint else { throw SupportError("ROD_TEST_POSTGRES_URL is not a postgres:// URL") }
    endpoint.maximumConnections = 4
    let schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    let admin = PostgresDatabase(endpoint: endpoint, logger: quiet)
    endpoint.schema = schema
    try await admin.withRunning {
        try await admin.write { db in try await db.execute("CREATE SCHEMA \(raw: schema)") }
        do {
            try await body(endpoint)
        } catch {
            _ = try? await admin.write { db in try await db.execute("DROP SCHEMA \(raw: schema) CASCADE") }
            throw error
        }
        try await admin.write { db in try await db.execute("DROP SCHEMA \(raw: schema) CASCADE") }
    }
}

/// Runs `body` with a fresh, migrated store in a schema of its own on the test server.
public func withPostgresStore(_ body: (SQLStore) async throws -> Void) async throws {
    try await withPostgresSchema { endpoint in
        let database = PostgresDatabase(
            endpoint: endpoint, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await database.withRunning {
            let store = SQLStore(database)
            try await store.migrate()
            try await body(store)
        }
    }
}
