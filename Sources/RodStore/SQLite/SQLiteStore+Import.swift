import GRDB
import RodCore

extension SQLiteStore {
    /// Runs an import in one transaction on a connection of its own, which may stay in its transaction between the
    /// batches `body` writes: committed when `body` returns, rolled back when it throws. Other writers wait meanwhile
    /// (stop the server during an import).
    public func importing(replacing: Bool, _ body: (any ImportWriter) async throws -> Void) async throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        try await queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        do {
            try await queue.writeWithoutTransaction { db in
                if replacing {
                    for table in ImportTables.all.reversed() { try db.execute(sql: "DELETE FROM \(table)") }
                    // New ids continue after the largest imported one, not after what was erased.
                    try db.execute(sql: "DELETE FROM sqlite_sequence")
                } else {
                    let row = try Row.fetchOne(db, sql: ImportSQL.occupied)!
                    let counts: [Int] = [row[0], row[1], row[2]]
                    if counts.contains(where: { $0 > 0 }) {
                        throw StoreError.notEmpty("\(counts[0]) users, \(counts[1]) chronicles, \(counts[2]) characters")
                    }
                }
            }
            try await body(SQLiteImportWriter(queue: queue))
            try await queue.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
        } catch {
            try? await queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            throw error
        }
    }
}

/// Writes an import's batches with cached statements, inside the transaction `importing` opened.
struct SQLiteImportWriter: ImportWriter {
    let queue: DatabaseQueue

    func write(_ batch: ImportBatch) async throws {
        try await queue.writeWithoutTransaction { db in
            for (sql, rows) in ImportSQL.statements(batch) {
                let statement = try db.cachedStatement(sql: sql)
                for row in rows {
                    try statement.execute(arguments: StatementArguments(row.map(Self.value)))
                }
            }
        }
    }

    static func value(_ value: ImportValue) -> DatabaseValue {
        switch value {
        case .int(let int): int.databaseValue
        case .text(let text): text.databaseValue
        case .real(let real): real.databaseValue
        case .bool(let bool): bool.databaseValue
        case .null: .null
        }
    }
}

extension SQLiteStore {
    public func exportRows(_ table: ExportTable, after: Int64, limit: Int) async throws -> [JSONObject] {
        try read { db in
            let arguments: StatementArguments = table.isPaged ? [after, limit] : []
            return try Row.fetchAll(db, sql: table.sql, arguments: arguments).map { row in
                var object = JSONObject()
                for (column, value) in row {
                    let json: JSON
                    switch value.storage {
                    case .null: json = .null
                    case .int64(let int): json = .int(int)
                    case .double(let double): json = .double(double)
                    case .string(let text): json = .string(text)
                    case .blob(let data): json = .string(String(decoding: data, as: UTF8.self))
                    }
                    object.appendNew(column, json)
                }
                return object
            }
        }
    }
}
