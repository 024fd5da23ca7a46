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

extension SQLStore {
    /// Every column of every table (as the database's schema lists them) holding `value` in some row, as
    /// `table.column` with how many rows: where a user's id is stored, wherever a later migration put it.
    public func cellsHolding(_ value: Int64) async throws -> [String: Int] {
        let columns: SQL =
            database.dialect.engine == .sqlite
            ? """
            SELECT m.name AS t, c.name AS c FROM sqlite_master m, pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT IN ('sqlite_sequence', 'grdb_migrations') AND m.name NOT LIKE 'sqlite_%'
            """
            : """
            SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> 'rod_migrations'
            """
        return try await database.read { db in
            var found: [String: Int] = [:]
            for row in try await db.rows(columns) {
                let (table, column): (String, String) = (try row["t"], try row["c"])
                let count: Int64 =
                    try await db.scalar(
                        "SELECT COUNT(*) FROM \(raw: table) WHERE CAST(\(raw: column) AS TEXT) = \(String(value))") ?? 0
                if count > 0 { found["\(table).\(column)"] = Int(count) }
            }
            return found
        }
    }
}
