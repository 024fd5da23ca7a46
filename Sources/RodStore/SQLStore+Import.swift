import RodCore

/// `rod import` and `rod export`.
extension SQLStore {
    /// One transaction: `body`'s errors (a file that cannot be read) come out as they are, and leave nothing written.
    public func importing(replacing: Bool, _ body: (any ImportWriter) async throws -> Void) async throws {
        let dialect = dialect
        try await database.write { db in
            if replacing {
                // Every table, so that nothing of the database replaced is left (its deleted characters, preferences).
                for table in StoreSchema.tables.reversed() { try await db.execute("DELETE FROM \(raw: table)") }
                for statement in dialect.forgettingKeys(of: StoreSchema.generatedKeyTables) {
                    try await db.execute(SQL(statement))
                }
            } else {
                let row = try await db.row(SQL(ImportSQL.occupied))
                let counts: [Int64] = try ["users", "chronicles", "characters"].map { try row?[$0] ?? 0 }
                if counts.contains(where: { $0 > 0 }) {
                    throw StoreError.notEmpty("\(counts[0]) users, \(counts[1]) chronicles, \(counts[2]) characters")
                }
            }
            try await body(SQLImportWriter(db: db))
            for statement in dialect.continuingKeys(of: ImportTables.generatedKeys) { try await db.execute(SQL(statement)) }
        }
    }

    public func exportRows(_ table: ExportTable, after: Int64, limit: Int) async throws -> [JSONObject] {
        let statement = SQL(table.sql, table.isPaged ? [.int(after), .int(Int64(limit))] : [])
        return try await database.read { db in try await db.rows(statement).map(\.object) }
    }
}

/// Writes an import's batches inside its transaction, many rows per statement: a statement per row would bound the
/// import by PostgreSQL's round trips.
struct SQLImportWriter: ImportWriter {
    let db: any SQLExecutor

    static let rowsPerStatement = 200

    func write(_ batch: ImportBatch) async throws {
        for (sql, rows) in try ImportSQL.statements(batch) {
            guard let values = sql.range(of: "VALUES ", options: .backwards) else {
                for row in rows { try await db.execute(SQL(sql, row)) }
                continue
            }
            let tuple = String(sql[values.upperBound...])
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(rows.count, start + Self.rowsPerStatement)]
                let text = sql[..<values.upperBound] + Array(repeating: tuple, count: chunk.count).joined(separator: ", ")
                try await db.execute(SQL(String(text), Array(chunk.joined())))
                start += chunk.count
            }
        }
        for (table, key) in batch.keyCounters.sorted(by: { $0.key < $1.key }) {
            for statement in db.dialect.raisingKey(of: table, to: key) { try await db.execute(SQL(statement)) }
        }
    }
}
