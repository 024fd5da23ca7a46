import RodStore

extension SQLStore {
    /// Every table the database holds, as its own schema lists it (not as the store's code names them), with its rows;
    /// the engines' bookkeeping (migrations applied, SQLite's key counters) left out. A test that compares these
    /// before and after sees a table added by a later migration without being told of it.
    public func rowCounts() async throws -> [String: Int] {
        let list: SQL =
            database.dialect.engine == .sqlite
            ? """
            SELECT name FROM sqlite_master WHERE type = 'table'
            AND name NOT IN ('sqlite_sequence', 'grdb_migrations') AND name NOT LIKE 'sqlite_%'
            """
            : """
            SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'rod_migrations'
            """
        return try await database.read { db in
            var counts: [String: Int] = [:]
            for row in try await db.rows(list) {
                let table: String = try row["name"]
                let count: Int64 = try await db.scalar("SELECT COUNT(*) FROM \(raw: table)") ?? 0
                counts[table] = Int(count)
            }
            return counts
        }
    }
}
