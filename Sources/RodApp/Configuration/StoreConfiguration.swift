import Foundation
import Logging
import RodStore
import RodStorePostgres
import RodStoreSQLite

/// The database: SQLite (the embedded default) or PostgreSQL (several processes on one database).
public struct StoreConfiguration: Sendable {
    public enum Engine: String, Sendable {
        case sqlite3, postgresql
    }

    /// `database.engine`, `DB_ENGINE` (or `DATABASE_URL`'s scheme).
    public var engine = Engine.sqlite3
    /// `database.name`, `DB_NAME`: the SQLite file, relative to the data folder unless absolute; or the PostgreSQL
    /// database (default `rod`).
    public var name: String?
    /// `database.host`, `DB_HOST`; `database.port`, `DB_PORT`; `database.user`, `DB_USER`; `DB_PASSWORD` (never in
    /// the file): where PostgreSQL is and how to log in.
    public var host = "127.0.0.1"
    public var port = 5432
    public var user = "rod"
    public var password: String?
    /// `database.sslmode`, `DB_SSLMODE` (or `?sslmode=` in `DATABASE_URL`): TLS to PostgreSQL.
    public var tls = PostgresDatabase.Endpoint.TLSMode.prefer
    /// `database.max_connections`, `ROD_DB_MAX_CONNECTIONS`: the PostgreSQL connections one process may open.
    public var maxConnections = 20
    /// `database.wait_seconds`, `ROD_DB_WAIT_SECONDS`: how long a request waits for a PostgreSQL connection before it
    /// answers 503 with `Retry-After` (default 5).
    public var wait = Duration.seconds(5)
    /// `database.max_waiting`, `ROD_DB_MAX_WAITING`: requests that may wait for a connection at once; beyond them a
    /// request answers 503 at once (default 256).
    public var maxWaiting = 256
    /// `database.statement_seconds`, `ROD_DB_STATEMENT_SECONDS`: how long one PostgreSQL statement may take (default
    /// 15; the server aborts it a second before); past it the request answers 503 and the connection is closed.
    public var statementLimit = Duration.seconds(15)
    /// The PostgreSQL schema the tables live in (tests give each a schema of its own); nil is the server's default.
    public var schema: String?
    /// `database.sqlite_synchronous`, `ROD_SQLITE_SYNCHRONOUS`: `normal` (default; safe when the process dies, may lose
    /// the last transactions on power loss) or `full` (survives power loss; about a quarter of the write rate).
    public var sqliteSynchronous = SQLiteDatabase.Synchronous.normal
    /// True once the config file or the environment chose the database; outside development it must be.
    public var isExplicit = false

    public init() {}

    /// A PostgreSQL database, as an endpoint names it.
    public init(postgres endpoint: PostgresDatabase.Endpoint) {
        engine = .postgresql
        (host, port, user, password) = (endpoint.host, endpoint.port, endpoint.username, endpoint.password)
        (name, tls, maxConnections, schema) = (endpoint.database, endpoint.tls, endpoint.maximumConnections, endpoint.schema)
        (wait, maxWaiting) = (endpoint.wait, endpoint.maximumWaiting)
        statementLimit = endpoint.statementLimit ?? statementLimit
        isExplicit = true
    }

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        if let (url, origin) = try layer.text(nil, "DATABASE_URL"), !url.isEmpty {
            try apply(url: url, origin: origin)
        }
        for (key, variable) in [("database.engine", "DB_ENGINE"), ("database.name", "DB_NAME"), (nil, "DB_HOST")]
        where try layer.text(key, variable) != nil {
            isExplicit = true
        }
        try layer.read(&engine, "database.engine", "DB_ENGINE", Self.engine)
        try layer.read(&name, "database.name", "DB_NAME")
        try layer.read(&host, "database.host", "DB_HOST")
        try layer.read(&port, "database.port", "DB_PORT", Parse.port)
        try layer.read(&user, "database.user", "DB_USER")
        try layer.read(&password, nil, "DB_PASSWORD")
        try layer.read(&tls, "database.sslmode", "DB_SSLMODE", Parse.choice(PostgresDatabase.Endpoint.TLSMode.self))
        try layer.read(&maxConnections, "database.max_connections", "ROD_DB_MAX_CONNECTIONS", Parse.atLeast(1))
        try layer.read(&wait, "database.wait_seconds", "ROD_DB_WAIT_SECONDS", Parse.seconds)
        try layer.read(&maxWaiting, "database.max_waiting", "ROD_DB_MAX_WAITING", Parse.atLeast(1))
        try layer.read(&statementLimit, "database.statement_seconds", "ROD_DB_STATEMENT_SECONDS", Parse.seconds)
        try layer.read(
            &sqliteSynchronous, "database.sqlite_synchronous", "ROD_SQLITE_SYNCHRONOUS",
            Parse.choice(SQLiteDatabase.Synchronous.self))
    }

    /// `DATABASE_URL`: `postgresql://user:password@host:port/name?sslmode=...` or `sqlite:///path`.
    private mutating func apply(url: String, origin: String) throws(ConfigurationError) {
        isExplicit = true
        if url.hasPrefix("sqlite:") {
            engine = .sqlite3
            // sqlite:///absolute/path or sqlite:relative/path
            let path = url.dropFirst("sqlite:".count)
            name = path.hasPrefix("//") ? String(path.dropFirst(2)) : String(path)
        } else if url.lowercased().hasPrefix("mysql") {
            _ = try Self.engine("mysql", origin)
        } else if let endpoint = PostgresDatabase.Endpoint(url: url) {
            engine = .postgresql
            (host, port, user, password) = (endpoint.host, endpoint.port, endpoint.username, endpoint.password)
            (name, tls) = (endpoint.database, endpoint.tls)
        } else {
            throw ConfigurationError(
                "\(origin) must look like postgresql://user:password@host:port/name[?sslmode=disable|prefer|require|verify-full] or sqlite:///path"
            )
        }
    }

    /// `DB_ENGINE`'s value: ours, or Django's backend names; anything else (MySQL) is refused with the way out.
    public static func engine(_ text: String, _ origin: String) throws(ConfigurationError) -> Engine {
        switch text.lowercased() {
        case "sqlite3", "sqlite", "django.db.backends.sqlite3": return .sqlite3
        case "postgresql", "postgres", "django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2":
            return .postgresql
        default:
            // The original takes every other value for MySQL (`mysql` is what its setup script writes).
            throw ConfigurationError(
                "\(origin)=\(text): MySQL is not supported; use postgresql (or sqlite3 for one process). Move the original's MySQL data with `python manage.py dumpdata` and `rod import` (docs/operations.md, \"Moving from the original\")."
            )
        }
    }

    /// The SQLite file's path.
    public func sqlitePath(in dataDirectory: String) -> String {
        let file = name ?? "db.sqlite3"
        return file.hasPrefix("/") ? file : dataDirectory + "/" + file
    }

    /// The PostgreSQL server and database.
    public var postgresEndpoint: PostgresDatabase.Endpoint {
        var endpoint = PostgresDatabase.Endpoint(
            host: host, port: port, username: user, password: password, database: name ?? "rod",
            maximumConnections: maxConnections, tls: tls)
        endpoint.schema = schema
        endpoint.wait = wait
        endpoint.maximumWaiting = maxWaiting
        endpoint.statementLimit = statementLimit
        return endpoint
    }

    /// The database for logs and messages, without a password.
    public func description(in dataDirectory: String) -> String {
        switch engine {
        case .sqlite3: sqlitePath(in: dataDirectory)
        case .postgresql: postgresEndpoint.description
        }
    }

    /// Opens the configured engine (creating the SQLite file's folder). PostgreSQL's connection pool is a service:
    /// it serves once run, by the server's service group or by `withStore`.
    public func database(in dataDirectory: String, logger: Logger) throws -> any SQLDatabase {
        switch engine {
        case .sqlite3:
            let path = sqlitePath(in: dataDirectory)
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try SQLiteDatabase(path: path, synchronous: sqliteSynchronous)
        case .postgresql:
            return PostgresDatabase(endpoint: postgresEndpoint, logger: logger)
        }
    }
}

extension SQLDatabase {
    /// Runs `body` while the database can serve: PostgreSQL's pool runs meanwhile; SQLite needs nothing.
    public func whileRunning<T>(_ body: () async throws -> T) async throws -> T {
        guard let postgres = self as? PostgresDatabase else { return try await body() }
        return try await postgres.withRunning(body)
    }
}
