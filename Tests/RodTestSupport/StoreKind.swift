import Foundation
import RodStore
import RodStoreSQLite

/// A way to get a fresh, migrated, empty store, for tests that run against every engine available: SQLite always,
/// PostgreSQL when `ROD_TEST_POSTGRES_URL` names a server (scripts/test.sh starts a private one); each PostgreSQL test
/// works in a schema of its own.
public enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgresql

    public static var allCases: [StoreKind] { TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgresql] }

    public var description: String { rawValue }

    public func withStore(_ body: (SQLStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = SQLStore(try SQLiteDatabase(path: folder.appendingPathComponent("test.sqlite3").path))
            try await store.migrate()
            try await body(store)
        case .postgresql:
            try await withPostgresStore { store in try await body(store) }
        }
    }
}
