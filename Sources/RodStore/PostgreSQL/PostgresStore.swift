import Foundation
import Logging
import Metrics
import PostgresNIO
import RodCore

/// The store for several server processes: one PostgreSQL database, through postgres-nio's connection pool.
///
/// Same tables, transactions and revision rules as `SQLiteStore`; the conformance tests run against both. Writes
/// that read before they write lock the rows they read (`FOR UPDATE`), so a concurrent writer in another process
/// waits instead of being overwritten; a character update still only applies on the revision it read.
public final class PostgresStore: Store {
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

    let client: PostgresClient
    let logger: Logger
    public let endpoint: Endpoint
    private let runner: Task<Void, Never>
    let timers = StoreTimers(engine: "postgresql")

    /// Starts the connection pool; connections open on first use. Call `migrate()` before use and `close()` at the
    /// end.
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
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.endpoint = endpoint
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Closes every connection.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    // MARK: Migrations

    /// Applies the migrations not applied yet, each in its own transaction, under an advisory lock so that processes
    /// starting together take turns. Safe to run at every start and from `rod migrate` on every deploy.
    public func migrate() async throws {
        try await write { db in
            try await db.run("SELECT pg_advisory_xact_lock(7320216)")
            try await db.run(
                "CREATE TABLE IF NOT EXISTS rod_migrations (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
            let applied = Set(try await db.rows("SELECT name FROM rod_migrations").map { try $0.decode(String.self) })
            for (name, sql) in PostgresSchema.migrations where !applied.contains(name) {
                // One statement per query: the extended protocol runs a single statement at a time.
                for statement in Self.statements(sql) {
                    try await db.run(PostgresQuery(unsafeSQL: statement))
                }
                try await db.run(
                    "INSERT INTO rod_migrations (name, applied_at) VALUES (\(name), \(Date().timeIntervalSince1970))")
                logger.notice("applied migration", metadata: ["migration": "\(name)"])
            }
        }
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await read { db in
            try await db.rows("SELECT name FROM rod_migrations ORDER BY applied_at, name").map { try $0.decode(String.self) }
        }
    }

    /// Splits a migration into statements at the semicolons that end lines (no migration has one elsewhere), dropping
    /// comment lines.
    static func statements(_ sql: String) -> [String] {
        let lines = sql.split(separator: "\n").map { String($0).trimmingWhitespace }.filter { !$0.hasPrefix("--") }
        return lines.joined(separator: "\n").split(separator: ";").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    public func ping() async throws {
        _ = try await read { db in try await db.run("SELECT 1") }
    }

    // MARK: Running queries

    /// One connection's queries.
    struct Connection: Sendable {
        let connection: PostgresConnection
        let logger: Logger

        func result(_ query: PostgresQuery) async throws -> PostgresQueryResult {
            try await connection.query(query, logger: logger).get()
        }

        func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
            try await result(query).rows
        }

        func row(_ query: PostgresQuery) async throws -> PostgresRow? {
            try await result(query).rows.first
        }

        /// Runs a statement and returns how many rows it changed.
        @discardableResult
        func run(_ query: PostgresQuery) async throws -> Int {
            try await result(query).metadata.rows ?? 0
        }
    }

    /// Runs reads on one pooled connection, outside a transaction.
    func read<T>(_ body: (Connection) async throws -> T) async throws -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timers.read.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        do {
            return try await client.withConnection { connection in
                try await body(Connection(connection: connection, logger: logger))
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. A body that runs one
    /// statement passes `transaction: false`: a single statement is atomic on its own, and skipping BEGIN and COMMIT
    /// saves two round trips.
    func write<T>(transaction: Bool = true, _ body: (Connection) async throws -> T) async throws(StoreError) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timers.write.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        do {
            return try await client.withConnection { connection in
                let db = Connection(connection: connection, logger: logger)
                guard transaction else { return try await body(db) }
                try await db.run("BEGIN")
                do {
                    let value = try await body(db)
                    try await db.run("COMMIT")
                    return value
                } catch {
                    _ = try? await db.run("ROLLBACK")
                    throw error
                }
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Maps PostgreSQL's constraint failures to the store's errors.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError {
            switch error.serverInfo?[.sqlState] {
            case "23505": return .duplicateName
            case "23503": return .missingReference
            default:
                let message = error.serverInfo?[.message] ?? String(reflecting: error.code)
                return .database(message)
            }
        }
        return .database(String(describing: error))
    }
}

/// Reads a row's cells in order: `var cells = Cells(row); let id: Int64 = try cells()`.
struct Cells {
    private var iterator: PostgresRow.Iterator

    init(_ row: PostgresRow) { iterator = row.makeIterator() }

    mutating func callAsFunction<T: PostgresDecodable>() throws -> T {
        guard let cell = iterator.next() else { throw StoreError.database("a row has fewer columns than expected") }
        return try cell.decode(T.self)
    }
}
