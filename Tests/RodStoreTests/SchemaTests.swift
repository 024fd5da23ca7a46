import Foundation
import GRDB
import Logging
import RodCore
import RodTestSupport
import Testing

@testable import RodStore
@testable import RodStorePostgres
@testable import RodStoreSQLite

/// `StoreSchema.migrations` is one description rendered in each engine's SQL. These check that it builds exactly the
/// tables, columns, defaults, keys, references and indexes the shipped SQL (`Shipped/`) built, so a database migrated
/// by an earlier version and a new one are the same; and that migrating again changes nothing.
@Suite struct SchemaTests {
    @Test func theDescriptionNamesTheShippedMigrationsInOrder() {
        #expect(StoreSchema.migrations.map(\.name) == ShippedSQLite.migrations.map(\.name))
        #expect(StoreSchema.migrations.map(\.name) == ShippedPostgreSQL.migrations.map(\.name))
    }

    @Test func sqliteBuildsWhatTheShippedSQLBuilt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = try DatabaseQueue(path: folder.appendingPathComponent("shipped.sqlite3").path)
        try await shipped.write { db in
            for (_, sql) in ShippedSQLite.migrations { try db.execute(sql: sql) }
        }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("described.sqlite3").path)
        let store = SQLStore(database)
        try await store.migrate()
        let expected = try await shipped.read { db in try Self.sqliteSchema(db) }
        let described = try await database.pool.read { db in try Self.sqliteSchema(db) }
        #expect(!expected.isEmpty)
        #expect(described == expected)

        try await store.migrate()
        #expect(try await database.pool.read { db in try Self.sqliteSchema(db) } == expected)
        #expect(try await store.appliedMigrations() == StoreSchema.migrations.map(\.name))
    }

    /// Every table's columns (name, type, not null, default, primary key position), references and indexes.
    static func sqliteSchema(_ db: Database) throws -> [String] {
        var lines: [String] = []
        let tables = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('sqlite_sequence', 'grdb_migrations')
                ORDER BY name
                """)
        for table in tables {
            for row in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))") {
                lines.append(
                    "\(table).\(row["name"] as String) \(row["type"] as String) notnull=\(row["notnull"] as Int) default=\(row["dflt_value"] as String? ?? "-") pk=\(row["pk"] as Int)"
                )
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table))") {
                lines.append(
                    "\(table).\(row["from"] as String) → \(row["table"] as String)(\(row["to"] as String? ?? "")) on delete \(row["on_delete"] as String)"
                )
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA index_list(\(table))") {
                let name: String = row["name"]
                let columns = try String.fetchAll(
                    db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
                // Indexes SQLite makes for UNIQUE and PRIMARY KEY constraints are numbered in creation order: name them by
                // what they index.
                let label = name.hasPrefix("sqlite_autoindex") ? "auto" : name
                lines.append(
                    "\(table) index \(label) unique=\(row["unique"] as Int) origin=\(row["origin"] as String) (\(columns.joined(separator: ", ")))"
                )
            }
        }
        lines.append(
            "autoincrement: "
                + (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%' ORDER BY name"))
                .joined(separator: ", "))
        return lines
    }

    @Test(.enabled(if: TestPostgres.isConfigured, Comment(rawValue: TestPostgres.skipReason)))
    func postgresqlBuildsWhatTheShippedSQLBuilt() async throws {
        let endpoint = try #require(TestPostgres.endpoint)
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let admin = PostgresDatabase(endpoint: endpoint, logger: quiet)
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let (shippedSchema, describedSchema) = ("shipped_" + suffix, "described_" + suffix)
        try await admin.withRunning {
            try await admin.write { db in
                try await db.execute("CREATE SCHEMA \(raw: shippedSchema)")
                try await db.execute("CREATE SCHEMA \(raw: describedSchema)")
                try await db.execute("SET LOCAL search_path TO \(raw: shippedSchema)")
                for (_, sql) in ShippedPostgreSQL.migrations {
                    for statement in Self.statements(sql) { try await db.execute(SQL(statement)) }
                }
            }
            var described = endpoint
            described.schema = describedSchema
            let database = PostgresDatabase(endpoint: described, logger: quiet)
            do {
                try await database.withRunning {
                    let store = SQLStore(database)
                    try await store.migrate()
                    let expected = try await Self.postgresSchema(admin, shippedSchema)
                    #expect(!expected.isEmpty)
                    let built = try await Self.postgresSchema(admin, describedSchema)
                    #expect(Set(built).symmetricDifference(expected).sorted() == [])
                    #expect(built == expected)
                    try await store.migrate()
                    #expect(try await Self.postgresSchema(admin, describedSchema) == expected)
                    #expect(try await store.appliedMigrations() == StoreSchema.migrations.map(\.name))
                }
            } catch {
                _ = try? await admin.write { db in
                    try await db.execute("DROP SCHEMA \(raw: shippedSchema), \(raw: describedSchema) CASCADE")
                }
                throw error
            }
            try await admin.write { db in
                try await db.execute("DROP SCHEMA \(raw: shippedSchema), \(raw: describedSchema) CASCADE")
            }
        }
    }

    /// The shipped SQL's statements: split at the semicolons that end lines, comment lines dropped.
    static func statements(_ sql: String) -> [String] {
        let lines = sql.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("--") }
        return lines.joined(separator: "\n").split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// Every column (type, nullability, default, identity), constraint and index of a schema, without its name.
    static func postgresSchema(_ db: PostgresDatabase, _ schema: String) async throws -> [String] {
        try await db.read { db in
            var lines: [String] = []
            for row in try await db.rows(
                """
                SELECT table_name, column_name, data_type, is_nullable, COALESCE(column_default, '-') AS dflt, is_identity
                FROM information_schema.columns WHERE table_schema = \(schema) AND table_name <> 'rod_migrations'
                ORDER BY table_name, ordinal_position
                """)
            {
                lines.append(JSON.object(row.object).serializedString())
            }
            for row in try await db.rows(
                """
                SELECT rel.relname AS t, con.conname AS n, replace(pg_get_constraintdef(con.oid), \(schema + "."), '') AS d
                FROM pg_constraint con
                JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
                WHERE ns.nspname = \(schema) AND rel.relname <> 'rod_migrations' ORDER BY rel.relname, con.conname
                """)
            {
                lines.append(JSON.object(row.object).serializedString())
            }
            for row in try await db.rows(
                """
                SELECT indexname, replace(indexdef, \(schema + "."), '') AS d FROM pg_indexes
                WHERE schemaname = \(schema) AND tablename <> 'rod_migrations' ORDER BY indexname
                """)
            {
                lines.append(JSON.object(row.object).serializedString())
            }
            return lines
        }
    }
}
