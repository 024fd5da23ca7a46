import Foundation
import PostgresNIO
import RodCore

extension PostgresStore {
    /// Runs an import in one transaction: committed when `body` returns, rolled back when it throws. Afterwards new ids
    /// continue after the largest imported one.
    public func importing(replacing: Bool, _ body: (any ImportWriter) async throws -> Void) async throws {
        // Not `write`: an error of `body` (a file that cannot be read) must reach the caller as it is.
        try await client.withConnection { connection in
            let db = Connection(connection: connection, logger: logger)
            try await db.run("BEGIN")
            do {
                if replacing {
                    for table in ImportTables.all.reversed() {
                        try await db.run(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"))
                    }
                } else {
                    let row = try await db.row(PostgresQuery(unsafeSQL: ImportSQL.occupied))
                    let (users, chronicles, characters) = try row!.decode((Int64, Int64, Int64).self)
                    if users > 0 || chronicles > 0 || characters > 0 {
                        throw StoreError.notEmpty("\(users) users, \(chronicles) chronicles, \(characters) characters")
                    }
                }
                try await body(PostgresImportWriter(db: db))
                for table in ["characters", "members", "command_stats"] {
                    try await db.run(
                        PostgresQuery(
                            unsafeSQL:
                                "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)"
                        ))
                }
                try await db.run("COMMIT")
            } catch {
                _ = try? await db.run("ROLLBACK")
                throw error is PSQLError ? Self.storeError(error) : error
            }
        }
    }
}

/// Writes an import's batches on the transaction's connection, each statement's `?` numbered as PostgreSQL's `$n`.
struct PostgresImportWriter: ImportWriter {
    let db: PostgresStore.Connection

    /// Rows inserted by one statement: a round trip per row would bound the import by the network's latency.
    static let rowsPerStatement = 200

    func write(_ batch: ImportBatch) async throws {
        for (sql, rows) in ImportSQL.statements(batch) {
            guard let values = sql.range(of: "VALUES ", options: .backwards) else {
                for row in rows { try await run(Self.numbered(sql), [row]) }
                continue
            }
            let tuple = String(sql[values.upperBound...])
            var start = 0
            while start < rows.count {
                let chunk = Array(rows[start..<min(rows.count, start + Self.rowsPerStatement)])
                let statement = sql[..<values.upperBound] + Array(repeating: tuple, count: chunk.count).joined(separator: ", ")
                try await run(Self.numbered(String(statement)), chunk)
                start += chunk.count
            }
        }
    }

    private func run(_ sql: String, _ rows: [[ImportValue]]) async throws {
        var bindings = PostgresBindings(capacity: rows.count * (rows.first?.count ?? 0))
        for value in rows.joined() {
            switch value {
            case .int(let int): bindings.append(int)
            case .text(let text): bindings.append(text)
            case .real(let real): bindings.append(real)
            case .bool(let bool): bindings.append(bool)
            case .null: bindings.appendNull()
            }
        }
        try await db.run(PostgresQuery(unsafeSQL: sql, binds: bindings))
    }

    /// `?` → `$1`, `$2`, ... (no statement of the import has a `?` inside a literal).
    static func numbered(_ sql: String) -> String {
        var result = ""
        var index = 0
        for character in sql {
            if character == "?" {
                index += 1
                result += "$\(index)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}

extension PostgresStore {
    public func exportRows(_ table: ExportTable, after: Int64, limit: Int) async throws -> [JSONObject] {
        var bindings = PostgresBindings()
        if table.isPaged {
            bindings.append(after)
            bindings.append(Int64(limit))
        }
        let query = PostgresQuery(unsafeSQL: PostgresImportWriter.numbered(table.sql), binds: bindings)
        return try await read { db in
            try await db.rows(query).map { row in
                var object = JSONObject()
                for cell in row {
                    let json: JSON
                    if cell.bytes == nil {
                        json = .null
                    } else {
                        switch cell.dataType {
                        case .int8, .int4, .int2: json = .int(try cell.decode(Int64.self))
                        case .float8, .float4: json = .double(try cell.decode(Double.self))
                        case .bool: json = .bool(try cell.decode(Bool.self))
                        default: json = .string(try cell.decode(String.self))
                        }
                    }
                    object.appendNew(cell.columnName, json)
                }
                return object
            }
        }
    }
}
