import Foundation
import GRDB
import RodCore
import RodStore
import Synchronization

/// The store's statements (GRDB has a `SQL` of its own).
typealias SQL = RodStore.SQL

/// The embedded engine: one SQLite file in WAL mode, through GRDB on the system libsqlite3. `SQLStore(SQLiteDatabase(...))`
/// is the default store.
///
/// Reads run on the calling thread: a read of a WAL database never waits for the writer, and the reads here fetch a
/// few indexed rows from the page cache in microseconds, cheaper than a hop to another thread and back (which
/// measured 30% slower on `bot/character/get`, docs/performance.md). Writes run on GRDB's writer queue, never on one of
/// Swift's cooperative threads (a write may wait for the disk): a single statement or a batch (`writeBatch`: a
/// character with its history row) in one pass; a transaction whose statements depend on each other's results
/// (departures, the login's membership sync) statement by statement on a connection of its own, inside `BEGIN
/// IMMEDIATE` ... `COMMIT`, one such transaction at a time (an asynchronous lock: a waiting one suspends). SQLite's
/// write lock orders the two connections.
public final class SQLiteDatabase: SQLDatabase {
    /// SQLite's `synchronous` setting. In WAL mode, `normal` loses nothing when the process dies and only the
    /// last transactions on power loss; `full` survives power loss too, at about a quarter of the write rate.
    public enum Synchronous: String, Sendable, CaseIterable {
        case normal
        case full
    }

    public let dialect = SQLDialect.sqlite
    public let path: String
    let pool: DatabasePool
    /// The connection of transactions that span several statements; `transactions` lets one at a time use it.
    let transactionConnection: DatabaseQueue
    let transactions = AsyncLock()
    let timers = StoreTimers(engine: .sqlite)

    /// Opens (creating if needed) the database file. Migrate (`SQLStore.migrate()`) before use.
    public init(path: String, synchronous: Synchronous = .normal) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        // More readers than cooperative threads, so an inline read never waits for a connection.
        configuration.maximumReaderCount = max(8, ProcessInfo.processInfo.activeProcessorCount * 2)
        let pragma = "PRAGMA synchronous = \(synchronous.rawValue.uppercased())"
        configuration.prepareDatabase { db in
            try db.execute(sql: pragma)
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        // Its transactions span several accesses (one per statement).
        configuration.allowsUnsafeTransactions = true
        transactionConnection = try DatabaseQueue(path: path, configuration: configuration)
    }

    public func read<T>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        try await timers.time(write: false) {
            do {
                return try await body(Reader(pool: pool))
            } catch {
                throw Self.storeError(error)
            }
        }
    }

    public func rows(_ statement: RodStore.SQL) async throws -> [SQLRow] {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timers.read.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        do {
            return try readNow(statement)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Synchronous, so that GRDB's synchronous `read` runs here, on the calling thread.
    private func readNow(_ statement: SQL) throws -> [SQLRow] {
        try pool.read { db in try Self.rows(statement, in: db) }
    }

    public func write<T>(transaction: Bool, _ body: (any SQLExecutor) async throws -> T) async throws -> T {
        guard transaction else {
            return try await timers.time(write: true) {
                do {
                    return try await body(Writer(connection: pool, begin: nil))
                } catch {
                    throw Self.storeError(error)
                }
            }
        }
        await transactions.lock()
        defer { transactions.unlock() }
        return try await timers.time(write: true) {
            let writer = Writer(connection: transactionConnection, begin: "BEGIN IMMEDIATE")
            do {
                let value = try await body(writer)
                try await writer.end("COMMIT")
                return value
            } catch {
                try? await writer.end("ROLLBACK")
                throw Self.storeError(error)
            }
        }
    }

    /// One pass on GRDB's writer: the statements in one transaction.
    public func writeBatch(_ statements: [RodStore.SQL]) async throws -> [[SQLRow]] {
        try await timers.time(write: true) {
            do {
                return try await pool.write { db in try statements.map { try Self.rows($0, in: db) } }
            } catch {
                throw Self.storeError(error)
            }
        }
    }

    /// GRDB's migrator, which records applied migrations in `grdb_migrations` (as every version did).
    public func migrate(_ migrations: [SchemaChange]) async throws {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            let statements = migration.statements(for: dialect)
            migrator.registerMigration(migration.name) { db in
                for statement in statements { try db.execute(sql: statement) }
            }
        }
        await transactions.lock()
        defer { transactions.unlock() }
        try await migrator.migrate(pool)
    }

    public func appliedMigrations() async throws -> [String] { try appliedNow() }

    private func appliedNow() throws -> [String] {
        try pool.read { db in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
    }

    public func close() async {}

    /// Writes a consistent copy of the database to `destination` while the store keeps serving (SQLite's online
    /// backup, page by page from one snapshot). The copy appears whole or not at all: it is written beside the
    /// destination and renamed. Refuses to replace an existing file.
    public func backup(to destination: String) throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: destination) else {
            throw StoreError.database("\(destination) exists; choose a new file")
        }
        let partial = destination + ".partial"
        try? manager.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            try manager.moveItem(atPath: partial, toPath: destination)
        } catch {
            try? manager.removeItem(atPath: partial)
            throw error
        }
    }

    /// Maps SQLite's constraint failures to the store's errors; other errors pass as they are.
    static func storeError(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return StoreError.duplicateName
        case .SQLITE_CONSTRAINT_FOREIGNKEY: return StoreError.missingReference
        default: return StoreError.database(error.description)
        }
    }

    // MARK: Statements

    /// Reads, each statement on a reader connection of the pool.
    struct Reader: SQLExecutor {
        let pool: DatabasePool
        var dialect: SQLDialect { .sqlite }

        func rows(_ statement: SQL) async throws -> [SQLRow] { try rowsNow(statement) }
        func execute(_ statement: SQL) async throws -> Int { try executeNow(statement) }

        // Synchronous, so that GRDB's synchronous `read` runs here rather than its asynchronous one.
        private func rowsNow(_ statement: SQL) throws -> [SQLRow] {
            try pool.read { db in try SQLiteDatabase.rows(statement, in: db) }
        }

        private func executeNow(_ statement: SQL) throws -> Int {
            try pool.read { db in try SQLiteDatabase.execute(statement, in: db) }
        }
    }

    /// Writes, each statement on a writing connection's dispatch queue (a write can wait for SQLite's lock or for the
    /// disk, which must not hold up a thread of Swift's cooperative pool): the pool's writer for single statements, or
    /// the transactions' connection inside the transaction `write` opened, whose BEGIN runs with the first statement.
    final class Writer: SQLExecutor, @unchecked Sendable {
        let connection: any DatabaseWriter
        /// Set while the transaction's BEGIN has not run yet; only the task holding the write lock touches it.
        var begin: String?
        var dialect: SQLDialect { .sqlite }

        init(connection: any DatabaseWriter, begin: String?) {
            self.connection = connection
            self.begin = begin
        }

        func rows(_ statement: SQL) async throws -> [SQLRow] {
            let begin = takeBegin()
            return try await connection.writeWithoutTransaction { db in
                if let begin { try db.execute(sql: begin) }
                return try SQLiteDatabase.rows(statement, in: db)
            }
        }

        func execute(_ statement: SQL) async throws -> Int {
            let begin = takeBegin()
            return try await connection.writeWithoutTransaction { db in
                if let begin { try db.execute(sql: begin) }
                return try SQLiteDatabase.execute(statement, in: db)
            }
        }

        /// Ends the transaction: COMMIT, or ROLLBACK. Nothing to end when no statement ran.
        func end(_ statement: String) async throws {
            guard takeBegin() == nil else { return }
            try await connection.writeWithoutTransaction { db in
                if db.isInsideTransaction { try db.execute(sql: statement) }
            }
        }

        private func takeBegin() -> String? {
            defer { begin = nil }
            return begin
        }
    }

    /// The column names of each statement text, made once: a read of one row should not build its name index.
    private static let columnCache = Mutex<[String: SQLColumns]>([:])

    static func columns(of statement: Statement, _ text: String) -> SQLColumns {
        if let known = columnCache.withLock({ $0[text] }) { return known }
        let columns = SQLColumns(statement.columnNames)
        // Statement texts are the store's own (values are bound), so the cache stays as small as the store's code; the
        // bound only guards against a caller building texts without end.
        columnCache.withLock { cache in
            if cache.count >= 4096 { cache.removeAll() }
            cache[text] = columns
        }
        return columns
    }

    /// A prepared statement, from the connection's cache for the store's usual statements; an import's statements of
    /// many rows are prepared each time, so that the cache does not keep their bound documents.
    static func statement(_ sql: SQL, in db: Database) throws -> Statement {
        sql.values.count > 64 ? try db.makeStatement(sql: sql.text) : try db.cachedStatement(sql: sql.text)
    }

    static func rows(_ sql: SQL, in db: Database) throws -> [SQLRow] {
        let statement = try statement(sql, in: db)
        let columns = Self.columns(of: statement, sql.text)
        let cursor = try Row.fetchCursor(statement, arguments: arguments(sql.values))
        var rows: [SQLRow] = []
        while let row = try cursor.next() {
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for index in 0..<row.count {
                let value: DatabaseValue = row[index]
                switch value.storage {
                case .null: values.append(.null)
                case .int64(let int): values.append(.int(int))
                case .double(let double): values.append(.real(double))
                case .string(let text): values.append(.text(text))
                case .blob(let data): values.append(.text(String(decoding: data, as: UTF8.self)))
                }
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    static func execute(_ sql: SQL, in db: Database) throws -> Int {
        let statement = try statement(sql, in: db)
        try statement.execute(arguments: arguments(sql.values))
        return db.changesCount
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> DatabaseValue in
                switch value {
                case .null: .null
                case .int(let int): int.databaseValue
                case .real(let real): real.databaseValue
                case .text(let text): text.databaseValue
                case .bool(let bool): bool.databaseValue
                }
            })
    }
}

/// A first-come, first-served lock for tasks: a task waiting for it suspends instead of blocking its thread.
final class AsyncLock: Sendable {
    private struct State {
        var locked = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var next = 0
    }
    private let state = Mutex(State())

    func lock() async {
        let free = state.withLock { state -> Bool in
            guard !state.locked else { return false }
            state.locked = true
            return true
        }
        if free { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state -> Bool in
                if state.locked {
                    state.waiting.append(continuation)
                    return false
                }
                state.locked = true
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    /// Hands the lock to the longest waiting task, or frees it.
    func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.next < state.waiting.count else {
                state.locked = false
                state.waiting.removeAll(keepingCapacity: true)
                state.next = 0
                return nil
            }
            let first = state.waiting[state.next]
            state.next += 1
            if state.next >= 64 {
                state.waiting.removeFirst(state.next)
                state.next = 0
            }
            return first
        }
        next?.resume()
    }
}
