/// Runs statements on one connection: inside a transaction when given by `SQLDatabase.write`.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// The rows a statement returns (a SELECT, or a write with `RETURNING`).
    func rows(_ statement: SQL) async throws -> [SQLRow]
    /// Runs a statement and returns how many rows it changed.
    @discardableResult func execute(_ statement: SQL) async throws -> Int
}

extension SQLExecutor {
    public func row(_ statement: SQL) async throws -> SQLRow? { try await rows(statement).first }

    /// The first column of the first row, if any.
    public func scalar<T: SQLDecodable>(_ statement: SQL, as type: T.Type = T.self) async throws -> T? {
        guard let row = try await row(statement), let first = row.columns.names.first else { return nil }
        return try row[first, as: T.self]
    }

    /// The first row as a record, if any.
    public func record<T: Decodable>(_ statement: SQL, as type: T.Type = T.self) async throws -> T? {
        try await row(statement)?.decode(T.self)
    }

    /// Every row as a record.
    public func records<T: Decodable>(_ statement: SQL, as type: T.Type = T.self) async throws -> [T] {
        try await rows(statement).map { try $0.decode(T.self) }
    }
}

/// One database engine (SQLite, PostgreSQL): connections, transactions, migrations and the mapping of its errors.
/// `SQLStore` writes every domain step once against this.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }
    /// Runs reads, each statement on its own snapshot (as PostgreSQL's READ COMMITTED reads outside a transaction).
    func read<T>(_ body: (any SQLExecutor) async throws -> T) async throws -> T
    /// The rows of one read: most reads are one statement, and this path has no generic closure to go through.
    func rows(_ statement: SQL) async throws -> [SQLRow]
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. The engine's own
    /// errors come out as `StoreError` (a unique key as `duplicateName`, a foreign key as `missingReference`); the
    /// body's other errors come out as they are. `transaction: false` runs a body of one statement without BEGIN
    /// and COMMIT (a statement is atomic on its own).
    func write<T>(transaction: Bool, _ body: (any SQLExecutor) async throws -> T) async throws -> T
    /// Runs statements known in advance in order, in one transaction, and returns each one's rows: one pass on
    /// SQLite's writer, one connection on PostgreSQL. For the frequent writes (a character with its history row, a
    /// command's count, a request's quota), where `write`'s statement-by-statement transaction would cost SQLite a
    /// hop to its writer per statement.
    func writeBatch(_ statements: [SQL]) async throws -> [[SQLRow]]
    /// Applies the migrations not applied yet, in order, each in its own transaction, recording their names.
    func migrate(_ migrations: [SchemaChange]) async throws
    /// The names of the migrations applied so far, oldest first.
    func appliedMigrations() async throws -> [String]
    func close() async
}

extension SQLDatabase {
    public func write<T>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        try await write(transaction: true, body)
    }

    public func rows(_ statement: SQL) async throws -> [SQLRow] {
        try await read { db in try await db.rows(statement) }
    }

    /// `writeBatch` as a transaction of `write`, for an engine where that costs nothing more (PostgreSQL: one
    /// connection either way).
    public func writeBatch(_ statements: [SQL]) async throws -> [[SQLRow]] {
        try await write(transaction: true) { db in
            var results: [[SQLRow]] = []
            for statement in statements { results.append(try await db.rows(statement)) }
            return results
        }
    }
}

/// What the two engines write differently. Everything else (`ON CONFLICT`, `RETURNING`, `TRUE`, `COUNT(CASE ...)`)
/// both take as written.
public struct SQLDialect: Sendable, Equatable {
    public enum Engine: String, Sendable { case sqlite, postgresql }

    public let engine: Engine

    public static let sqlite = SQLDialect(engine: .sqlite)
    public static let postgresql = SQLDialect(engine: .postgresql)

    /// Appended to a read inside a write that the write depends on: PostgreSQL locks the rows so a writer in another
    /// process waits; SQLite's writers already hold the database's only write lock.
    public var forUpdate: String { engine == .postgresql ? " FOR UPDATE" : "" }

    /// Whether one statement can insert or update a character and its history row together (`WITH ... RETURNING`
    /// feeding an INSERT). PostgreSQL can, which saves a transaction's round trips; SQLite runs the two statements in
    /// one transaction, which costs it nothing.
    public var writesInCTEs: Bool { engine == .postgresql }

    /// Each key of every character's document, per splat, with the characters holding it (`splat`, `key`, `n`).
    public var documentKeys: String {
        engine == .postgresql
            ? "SELECT splat, key, COUNT(*) AS n FROM characters, json_object_keys(traits::json) AS key GROUP BY splat, key ORDER BY splat, key"
            : "SELECT c.splat AS splat, j.key AS key, COUNT(*) AS n FROM characters c, json_each(c.traits) j GROUP BY c.splat, j.key ORDER BY c.splat, j.key"
    }

    /// Run when an import replaces everything: the tables' key counters start again, so that new keys continue after
    /// the largest imported one rather than after what was erased.
    public func forgettingKeys(of tables: [String]) -> [String] {
        engine == .sqlite
            ? ["DELETE FROM sqlite_sequence"]
            : tables.map { "SELECT setval(pg_get_serial_sequence('\($0)', 'id'), 1, false)" }
    }

    /// Raises a table's key counter to at least `key`, so that new keys continue after it (an import's source kept a
    /// counter above its largest key: the keys of rows it deleted).
    public func raisingKey(of table: String, to key: Int64) -> [String] {
        switch engine {
        case .sqlite:
            [
                "UPDATE sqlite_sequence SET seq = \(key) WHERE name = '\(table)' AND seq < \(key)",
                "INSERT INTO sqlite_sequence (name, seq) SELECT '\(table)', \(key) WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '\(table)')",
            ]
        case .postgresql:
            [
                "SELECT setval(\(sequence(of: table)), GREATEST(\(key), COALESCE(pg_sequence_last_value(\(sequence(of: table))::regclass), 0)))"
            ]
        }
    }

    /// Run after an import: PostgreSQL's identities continue after the largest imported key, or the counter raised
    /// above it (SQLite's AUTOINCREMENT already does both).
    public func continuingKeys(of tables: [String]) -> [String] {
        guard engine == .postgresql else { return [] }
        return tables.map {
            let sequence = sequence(of: $0)
            return
                "SELECT setval(\(sequence), GREATEST(COALESCE((SELECT MAX(id) FROM \($0)), 0), COALESCE(pg_sequence_last_value(\(sequence)::regclass), 0)) + 1, false)"
        }
    }

    private func sequence(of table: String) -> String { "pg_get_serial_sequence('\(table)', 'id')" }

    /// A column's type in this engine.
    public func type(_ type: SchemaChange.ColumnType) -> String {
        switch (engine, type) {
        case (.sqlite, .integer), (.sqlite, .flag): "INTEGER"
        case (.sqlite, .real): "REAL"
        case (.postgresql, .integer): "BIGINT"
        case (.postgresql, .flag): "BOOLEAN"
        case (.postgresql, .real): "DOUBLE PRECISION"
        case (_, .text): "TEXT"
        }
    }

    /// A generated key: AUTOINCREMENT in SQLite (never reuses a deleted row's id), an identity in PostgreSQL.
    public var generatedKey: String {
        engine == .postgresql ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
    }

    /// A literal default of a column.
    public func literal(_ value: SQLValue) -> String {
        switch value {
        case .null: "NULL"
        case .int(let int): String(int)
        case .real(let real): String(real)
        case .text(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .bool(let bool): engine == .postgresql ? (bool ? "TRUE" : "FALSE") : (bool ? "1" : "0")
        }
    }
}
