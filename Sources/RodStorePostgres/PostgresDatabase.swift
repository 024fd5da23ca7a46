import Foundation
import Logging
import PostgresNIO
import RodCore
import RodStore
import ServiceLifecycle

/// The engine for several server processes: one PostgreSQL database, through postgres-nio's connection pool.
/// `SQLStore(PostgresDatabase(...))` has the same tables, transactions and revision rules as the SQLite store; the
/// conformance tests run against both. Writes that read before they write lock the rows they read (`FOR UPDATE`), so
/// a concurrent writer in another process waits instead of being overwritten.
///
/// A service: its connection pool works while `run()` runs (`rod serve` runs it in its service group; the other
/// commands and the tests with `withRunning`).
public final class PostgresDatabase: SQLDatabase, Service {
    /// Where the database is and how to log in.
    public struct Endpoint: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        /// The schema to work in (`search_path`); nil for the server's default (`public`). Tests use one per test.
        public var schema: String?
        /// Connections the pool may open.
        public var maximumConnections: Int
        /// How long a call waits for a connection before it fails with `StoreError.unavailable` (the request answers
        /// 503): while PostgreSQL is away, the pool cannot open one.
        public var wait: Duration = .seconds(5)
        /// Calls that may wait for a connection at once; beyond them a call fails at once, unavailable.
        public var maximumWaiting = 256
        /// How long one statement may take; nil for no limit. The server aborts a statement a second before
        /// (`statement_timeout`); past it, the call fails with `StoreError.unavailable` and its connection is closed.
        /// A statement in flight when the server dies is not always failed by the driver: this ends its wait.
        public var statementLimit: Duration? = .seconds(15)
        /// TLS to the server, as libpq's `sslmode`.
        public var tls: TLSMode

        /// As libpq's: `disable`, never; `prefer` (the default), when the server offers it; `require`, always; both
        /// without checking the certificate (Debian's clusters use a self-signed one). `verify-full`: always, with the
        /// certificate verified against the system's trust roots and the host name.
        public enum TLSMode: String, Sendable, CaseIterable {
            case disable, prefer, require
            case verifyFull = "verify-full"
        }

        public init(
            host: String = "127.0.0.1", port: Int = 5432, username: String = "postgres", password: String? = nil,
            database: String = "rod", schema: String? = nil, maximumConnections: Int = 20, tls: TLSMode = .prefer
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.schema = schema
            self.maximumConnections = maximumConnections
            self.tls = tls
        }

        /// `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require|verify-full]` (or `postgresql://`),
        /// user and password percent-decoded. Nil when it is not such a URL.
        public init?(url text: String) {
            guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql",
                let host = url.host, !host.isEmpty
            else { return nil }
            let database = String(url.path.drop { $0 == "/" })
            guard !database.isEmpty, !database.contains("/") else { return nil }
            var tls = TLSMode.prefer
            if let mode = url.queryItems?.first(where: { $0.name == "sslmode" })?.value {
                guard let known = TLSMode(rawValue: mode) else { return nil }
                tls = known
            }
            self.init(
                host: host, port: url.port ?? 5432, username: url.user?.removingPercentEncoding ?? "postgres",
                password: url.password?.removingPercentEncoding, database: database, tls: tls)
        }

        /// For logs: no password.
        public var description: String { "postgresql://\(username)@\(host):\(port)/\(database)" }
    }

    public let dialect = SQLDialect.postgresql
    public let endpoint: Endpoint
    let client: PostgresClient
    let logger: Logger
    let timers = StoreTimers(engine: .postgresql)
    /// Calls waiting for a connection, and the outage they may be in.
    let waiting = ConnectionWait()

    /// The connection pool, which opens connections on first use once `run()` runs. Nothing starts here.
    public init(endpoint: Endpoint, logger: Logger) {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        let tls: PostgresClient.Configuration.TLS
        switch endpoint.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(unverified)
        case .require: tls = .require(unverified)
        case .verifyFull: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username, password: endpoint.password,
            database: endpoint.database, tls: tls)
        configuration.options.maximumConnections = endpoint.maximumConnections
        if let schema = endpoint.schema {
            configuration.options.additionalStartupParameters.append(("search_path", schema))
        }
        if let limit = endpoint.statementLimit {
            let milliseconds = max(1, limit.components.seconds * 1000 - 1000)
            configuration.options.additionalStartupParameters.append(("statement_timeout", String(milliseconds)))
        }
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.endpoint = endpoint
    }

    /// Runs the connection pool until the task is cancelled (or the service group shuts down); then closes every
    /// connection.
    public func run() async {
        await client.run()
    }

    /// Runs `body` while the connection pool runs, then stops the pool.
    public func withRunning<T>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    public func close() async {}

    // MARK: Migrations

    /// Applies the migrations not applied yet, each in its own transaction, under an advisory lock so that processes
    /// starting together take turns. Safe to run at every start and from `rod migrate` on every deploy.
    public func migrate(_ migrations: [SchemaChange]) async throws {
        let dialect = dialect
        let logger = logger
        try await write(limited: false) { db in
            // A migration's statement (an index on a large table) may take longer than a request's.
            try await db.execute("SET LOCAL statement_timeout = 0")
            try await db.execute("SELECT pg_advisory_xact_lock(7320216)")
            try await db.execute(
                "CREATE TABLE IF NOT EXISTS rod_migrations (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
            let applied = Set(try await db.rows("SELECT name FROM rod_migrations").map { try $0["name", as: String.self] })
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements(for: dialect) { try await db.execute(SQL(statement)) }
                try await db.execute(
                    "INSERT INTO rod_migrations (name, applied_at) VALUES (\(migration.name), \(Date().timeIntervalSince1970))")
                logger.notice("applied migration", metadata: ["migration": "\(migration.name)"])
            }
        }
    }

    public func appliedMigrations() async throws -> [String] {
        try await read { db in
            try await db.rows("SELECT name FROM rod_migrations ORDER BY applied_at, name").map { try $0["name"] }
        }
    }

    // MARK: Running statements

    public func read<T>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        try await timers.time(write: false) {
            do {
                return try await withConnection { connection in
                    try await body(Executor(connection: connection, logger: logger, limit: endpoint.statementLimit))
                }
            } catch {
                throw storeError(error)
            }
        }
    }

    /// Runs `body` in one transaction; a body of one statement passes `transaction: false`, which saves BEGIN's and
    /// COMMIT's round trips.
    public func write<T>(transaction: Bool, _ body: (any SQLExecutor) async throws -> T) async throws -> T {
        try await write(transaction: transaction, limited: true, body)
    }

    /// A write whose statements have no time limit when `limited` is false (migrations).
    func write<T>(transaction: Bool = true, limited: Bool, _ body: (any SQLExecutor) async throws -> T) async throws -> T {
        try await timers.time(write: true) {
            do {
                return try await withConnection { connection in
                    let db = Executor(connection: connection, logger: logger, limit: limited ? endpoint.statementLimit : nil)
                    guard transaction else { return try await body(db) }
                    try await db.execute("BEGIN")
                    do {
                        let value = try await body(db)
                        try await db.execute("COMMIT")
                        return value
                    } catch {
                        _ = try? await db.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch {
                throw storeError(error)
            }
        }
    }

    /// A statement that did not complete within `Endpoint.statementLimit`.
    struct StatementTimedOut: Error {
        let limit: Duration
    }

    /// Maps PostgreSQL's constraint failures to the store's errors, and a lost connection or a server shutting down
    /// to `unavailable` (noting the outage); other errors pass as they are.
    func storeError(_ error: any Error) -> any Error {
        if case StoreError.unavailable = error { return error }
        if let error = error as? StatementTimedOut {
            return unavailable("a statement did not complete within \(error.limit); its connection was closed")
        }
        guard let error = error as? PSQLError else { return error }
        let state = error.serverInfo?[.sqlState]
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
            return unavailable("the connection to PostgreSQL was lost (\(String(reflecting: error.code)))")
        default: break
        }
        switch state {
        case "23505": return StoreError.duplicateName
        case "23503": return StoreError.missingReference
        // Connection exceptions (class 08), the server shutting down or starting (57P01 to 57P03), and a statement it
        // cancelled at `statement_timeout` (57014): nothing of the transaction was applied.
        case let state? where state.hasPrefix("08") || ["57P01", "57P02", "57P03", "57014"].contains(state):
            return unavailable("PostgreSQL: \(error.serverInfo?[.message] ?? state)")
        default: return StoreError.database(error.serverInfo?[.message] ?? String(reflecting: error.code))
        }
    }

    /// One connection's statements, each `?` numbered as PostgreSQL's `$n`.
    struct Executor: SQLExecutor {
        let connection: PostgresConnection
        let logger: Logger
        /// How long one statement may take (`Endpoint.statementLimit`).
        let limit: Duration?
        var dialect: SQLDialect { .postgresql }

        func rows(_ statement: SQL) async throws -> [SQLRow] {
            let result = try await run(statement)
            guard let first = result.rows.first else { return [] }
            let columns = SQLColumns(first.map(\.columnName))
            return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
        }

        func execute(_ statement: SQL) async throws -> Int {
            try await run(statement).metadata.rows ?? 0
        }

        /// Runs a statement, failing it with `StatementTimedOut` (and closing the connection, which the pool then
        /// replaces) when it has not completed within the limit.
        func run(_ statement: SQL) async throws -> PostgresQueryResult {
            let query: EventLoopFuture<PostgresQueryResult> = connection.query(Self.query(statement), logger: logger)
            guard let limit else { return try await query.get() }
            let loop = query.eventLoop
            let answer = loop.makePromise(of: PostgresQueryResult.self)
            let connection = connection
            let timer = loop.scheduleTask(in: TimeAmount(limit)) {
                answer.fail(StatementTimedOut(limit: limit))
                let closing: EventLoopFuture<Void> = connection.close()
                closing.whenComplete { _ in }
            }
            query.whenComplete { result in
                timer.cancel()
                answer.completeWith(result)
            }
            return try await answer.futureResult.get()
        }

        static func query(_ statement: SQL) -> PostgresQuery {
            var bindings = PostgresBindings(capacity: statement.values.count)
            for value in statement.values {
                switch value {
                case .null: bindings.appendNull()
                case .int(let int): bindings.append(int)
                case .real(let real): bindings.append(real)
                case .text(let text): bindings.append(text)
                case .bool(let bool): bindings.append(bool)
                }
            }
            return PostgresQuery(unsafeSQL: numbered(statement.text), binds: bindings)
        }

        /// `?` → `$1`, `$2`, ... (no statement has a `?` of its own).
        static func numbered(_ text: String) -> String {
            guard text.utf8.contains(UInt8(ascii: "?")) else { return text }
            var result = ""
            result.reserveCapacity(text.utf8.count + 16)
            var index = 0
            for character in text {
                if character == "?" {
                    index += 1
                    result += "$\(index)"
                } else {
                    result.append(character)
                }
            }
            return result
        }

        static func value(_ cell: PostgresCell) throws -> SQLValue {
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int8, .int4, .int2: return .int(try cell.decode(Int64.self))
            case .float8, .float4: return .real(try cell.decode(Double.self))
            case .bool: return .bool(try cell.decode(Bool.self))
            default: return .text(try cell.decode(String.self))
            }
        }
    }
}
