import Foundation
import Logging
import RodChannels
import RodCore
import RodGateway
import RodServices
import RodStore
import RodStorePostgres
import RodStoreSQLite
import Yams

/// Why the settings cannot be used.
public struct SettingsError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Everything `rod` is configured with. Layered, each layer overriding the previous one:
/// built-in development defaults, `config/<ENV>.yaml`, the original's environment variables plus `ROD_*` ones,
/// then command-line flags. Development needs none of them.
public struct ServerSettings: Sendable {
    public enum Environment: String, Sendable {
        case development, preproduction, production
    }

    public var environment: Environment = .development
    public var host = "127.0.0.1"
    public var port = 8080
    /// The bot API's shared secret (`API_KEY`).
    public var apiKey = ServerSettings.developmentAPIKey
    /// Signs sessions and CSRF tokens (`SECRET_KEY`).
    public var secretKey = ServerSettings.developmentSecretKey
    /// Where the database and media live by default (`ROD_DATA_DIR`).
    public var dataDirectory = "data"
    /// `DB_ENGINE`: `sqlite3` (the embedded default) or `postgresql` (several processes on one database).
    public var databaseEngine = DatabaseEngine.sqlite3
    /// `DB_NAME`: the SQLite file, relative to the data folder unless absolute; or the PostgreSQL database
    /// (default `rod`).
    public var databaseName: String?
    /// `DB_HOST`, `DB_PORT`, `DB_USER`, `DB_PASSWORD`: where PostgreSQL is and how to log in.
    public var databaseHost = "127.0.0.1"
    public var databasePort = 5432
    public var databaseUser = "rod"
    public var databasePassword: String?
    /// `DB_SSLMODE` (or `?sslmode=` in `DATABASE_URL`): TLS to PostgreSQL: `disable`, `prefer`, `require` or `verify-full`.
    public var databaseTLS = PostgresDatabase.Endpoint.TLSMode.prefer
    /// `ROD_DB_MAX_CONNECTIONS`: the PostgreSQL connections one process may open.
    public var databaseMaxConnections = 20
    /// True once the config file or the environment chose the database; outside development it must be.
    public var databaseIsExplicit = false
    /// `ROD_SQLITE_SYNCHRONOUS`: `normal` (default; safe when the process dies, may lose the last
    /// transactions on power loss) or `full` (survives power loss; about a quarter of the write rate).
    public var sqliteSynchronous = SQLiteDatabase.Synchronous.normal
    /// `ROD_SPLATS_DIR`: the folder of splat declarations.
    public var splatsDirectory = "splats"
    /// `ROD_BOT_ALLOWED_NETWORKS`: client networks allowed on `bot/`, comma-separated CIDR ranges.
    public var botAllowedNetworks = IPNetwork.loopback
    /// `ROD_AVATAR_HOSTS`: URL prefixes avatars may be downloaded from, comma-separated.
    public var avatarHosts = ["https://cdn.discordapp.com/"]
    /// `LOG_LEVEL`: trace, debug, info, notice, warning, error, critical.
    public var logLevel = Logger.Level.info
    /// `DISCORD_APP_ID` and `DISCORD_APP_SECRET`: the OAuth2 client of the Discord login.
    public var discordAppID = ""
    public var discordAppSecret = ""
    /// `ROD_DISCORD_API_URL`: Discord's API, where the login sends users and exchanges codes and error reports go.
    public var discordAPIURL = "https://discord.com/api"
    /// `DISCORD_BOT_TOKEN` and `DISCORD_DEBUG_CHANNEL`: with both, server errors and Patreon events are posted to
    /// that channel (`DiscordReporter`).
    public var discordBotToken = ""
    public var discordDebugChannel = ""
    /// `ROD_PUBLIC_URL`: the site's address as browsers see it; the login's redirect URI is under it.
    public var publicURL: String?
    /// `ROD_FINAL_REDIRECT`: where the login and logout send the browser back to.
    public var finalRedirect: String?
    /// `ROD_FRONTEND_DIR`: the built web frontend, served at `/`.
    public var frontendDirectory = "frontend/build"
    /// `PATREON_WEBHOOK_SECRET`: the key of the Patreon webhook's signatures. Empty refuses every webhook.
    public var patreonWebhookSecret = ""
    /// `ROD_ALLOWED_HOSTS`: the hosts a gateway socket's `Origin` may name (Django's `ALLOWED_HOSTS`: exact names,
    /// `.example.com` for a domain and its subdomains, `*` for any). Per environment as in the original unless set.
    public var allowedHosts: [String]?
    /// `REDIS_URL`, or the original's `REDIS_DB_INDEX`: the Redis the gateway's channel layer uses so that several
    /// processes share events. Nil (the default) keeps events in the process.
    public var redis: RedisEndpoint?
    /// `LOG_FORMAT`: `text` (one readable line per entry) or `json` (one JSON object per line, for log collectors).
    public var logFormat = LogFormat.text
    /// `ROD_METRICS_TOKEN`: the bearer token `/metrics` asks for. Unset, `/metrics` does not exist (404).
    public var metricsToken: String?
    /// `gateway:` in the config file and `ROD_GATEWAY_*`: limits on sockets.
    public var gateway = GatewayLimits()
    /// `http:` in the config file and `ROD_HTTP_*`: limits on HTTP connections.
    public var http = HTTPLimits()
    /// `ROD_TRUSTED_PROXIES`: reverse proxies (CIDR) whose `X-Forwarded-For` names the client, for the limits counted
    /// per client address. None by default: the socket's peer is the client.
    public var trustedProxies: [IPNetwork] = []
    /// `ROD_LOGIN_STARTS_PER_MINUTE`: Discord logins one client address may start per minute (each one stores a state).
    public var loginStartsPerMinute = 20

    public static let developmentAPIKey = "dev-api-key"
    public static let developmentSecretKey = "django-insecure-dev-key"

    public init() {}

    public enum DatabaseEngine: String, Sendable {
        case sqlite3, postgresql
    }

    public enum LogFormat: String, Sendable {
        case text, json
    }

    public var isDevelopment: Bool { environment == .development }

    /// The SQLite file's path.
    public var databasePath: String {
        let name = databaseName ?? "db.sqlite3"
        return name.hasPrefix("/") ? name : dataDirectory + "/" + name
    }

    /// The PostgreSQL server and database.
    public var postgresEndpoint: PostgresDatabase.Endpoint {
        PostgresDatabase.Endpoint(
            host: databaseHost, port: databasePort, username: databaseUser, password: databasePassword,
            database: databaseName ?? "rod", maximumConnections: databaseMaxConnections, tls: databaseTLS)
    }

    /// The database for logs and messages, without a password.
    public var databaseDescription: String {
        switch databaseEngine {
        case .sqlite3: return databasePath
        case .postgresql: return postgresEndpoint.description
        }
    }

    /// The media folder: `<data>/media`.
    public var mediaDirectory: String { dataDirectory + "/media" }

    /// The site's address, per environment as in the original unless set.
    public var resolvedPublicURL: String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        switch environment {
        case .development: return "http://localhost:\(port)"
        case .preproduction: return "https://dev.realmofdarkness.app"
        case .production: return "https://realmofdarkness.app"
        }
    }

    /// Where login and logout end, per environment as in the original unless set.
    public var resolvedFinalRedirect: String {
        if let finalRedirect { return finalRedirect }
        switch environment {
        case .development: return "http://localhost:3000/"
        case .preproduction: return "https://dev.realmofdarkness.app/"
        case .production: return "https://realmofdarkness.app/"
        }
    }

    /// The original's `ALLOWED_HOSTS` per environment, unless set.
    public var resolvedAllowedHosts: [String] {
        if let allowedHosts { return allowedHosts }
        switch environment {
        case .development: return ["localhost", "127.0.0.1"]
        case .preproduction: return ["localhost", "127.0.0.1", "[::1]", "dev.realmofdarkness.app"]
        case .production: return ["localhost", "127.0.0.1", "[::1]", "realmofdarkness.app", "www.realmofdarkness.app"]
        }
    }

    /// Where error reports go: set when both `DISCORD_BOT_TOKEN` and `DISCORD_DEBUG_CHANNEL` are.
    public var discordReports: DiscordReporter.Channel? {
        guard !discordBotToken.isEmpty, !discordDebugChannel.isEmpty else { return nil }
        return DiscordReporter.Channel(apiURL: discordAPIURL, botToken: discordBotToken, channelID: discordDebugChannel)
    }

    /// Cookies are Secure outside development.
    public var secureCookies: Bool { !isDevelopment }

    /// Reads `config/<ENV>.yaml` (when present) and the environment over the built-in defaults.
    public static func load(environment variables: [String: String], configDirectory: String? = nil) throws(SettingsError)
        -> ServerSettings
    {
        var settings = ServerSettings()
        let environmentName = variables["ENV"] ?? "development"
        // The original treats every value other than development and preproduction as production.
        settings.environment = Environment(rawValue: environmentName) ?? .production
        let folder = variables["ROD_CONFIG_DIR"] ?? configDirectory ?? "config"
        let file = "\(folder)/\(settings.environment.rawValue).yaml"
        if FileManager.default.fileExists(atPath: file) {
            try settings.apply(configFile: file)
        }
        try settings.apply(environment: variables)
        return settings
    }

    /// Refuses settings that would be unsafe in this environment.
    public func validate() throws(SettingsError) {
        guard !isDevelopment else { return }
        // The development defaults, of this server and of the original's setup script, are known to everyone.
        if apiKey.isEmpty || [Self.developmentAPIKey, "dev-api-key-for-testing"].contains(apiKey) {
            throw SettingsError(
                description:
                    "ENV=\(environment.rawValue) needs API_KEY set to a secret of its own (`rod setup` makes one; give the bots the same)"
            )
        }
        if secretKey.isEmpty || secretKey.hasPrefix("django-insecure-") {
            throw SettingsError(
                description: "ENV=\(environment.rawValue) needs SECRET_KEY set to a secret of its own (`rod setup` makes one)")
        }
        if !databaseIsExplicit {
            throw SettingsError(
                description:
                    "ENV=\(environment.rawValue) needs its database named: DATABASE_URL, or DB_ENGINE=postgresql with DB_HOST, DB_NAME, DB_USER and DB_PASSWORD (or DB_ENGINE=sqlite3 with DB_NAME)"
            )
        }
    }

    /// The keys of `config/<ENV>.yaml`.
    struct ConfigFile: Decodable {
        struct Database: Decodable {
            var engine: String?
            var name: String?
            var host: String?
            var port: Int?
            var user: String?
            var maxConnections: Int?
            var sqliteSynchronous: String?

            enum CodingKeys: String, CodingKey {
                case engine, name, host, port, user
                case maxConnections = "max_connections"
                case sqliteSynchronous = "sqlite_synchronous"
            }
        }
        var host: String?
        var port: Int?
        var apiKey: String?
        var secretKey: String?
        var dataDirectory: String?
        var database: Database?
        var splatsDirectory: String?
        var botAllowedNetworks: [String]?
        var avatarHosts: [String]?
        var logLevel: String?
        var logFormat: String?
        var discordAPIURL: String?
        var publicURL: String?
        var finalRedirect: String?
        var frontendDirectory: String?
        var allowedHosts: [String]?
        var redisURL: String?
        var gateway: Gateway?

        var http: HTTP?
        var loginStartsPerMinute: Int?
        var trustedProxies: [String]?

        struct Gateway: Decodable {
            var maxMessageBytes: Int?
            var maxConnectionsPerUser: Int?
            var maxConnections: Int?
            var maxAnonymousConnections: Int?
            var maxAnonymousConnectionsPerAddress: Int?
            var maxPendingEvents: Int?
            var pingIntervalSeconds: Int?
            var messagesPerSecond: Int?
            var messageBurst: Int?

            enum CodingKeys: String, CodingKey {
                case maxMessageBytes = "max_message_bytes"
                case maxConnectionsPerUser = "max_connections_per_user"
                case maxConnections = "max_connections"
                case maxAnonymousConnections = "max_anonymous_connections"
                case maxAnonymousConnectionsPerAddress = "max_anonymous_connections_per_address"
                case maxPendingEvents = "max_pending_events"
                case pingIntervalSeconds = "ping_interval_seconds"
                case messagesPerSecond = "messages_per_second"
                case messageBurst = "message_burst"
            }
        }

        struct HTTP: Decodable {
            var headTimeoutSeconds: Int?
            var idleTimeoutSeconds: Int?
            var maxHeadBytes: Int?

            enum CodingKeys: String, CodingKey {
                case headTimeoutSeconds = "head_timeout_seconds"
                case idleTimeoutSeconds = "idle_timeout_seconds"
                case maxHeadBytes = "max_head_bytes"
            }
        }

        enum CodingKeys: String, CodingKey {
            case host, port, database, gateway, http
            case loginStartsPerMinute = "login_starts_per_minute"
            case trustedProxies = "trusted_proxies"
            case allowedHosts = "allowed_hosts"
            case redisURL = "redis_url"
            case discordAPIURL = "discord_api_url"
            case publicURL = "public_url"
            case finalRedirect = "final_redirect"
            case frontendDirectory = "frontend_dir"
            case apiKey = "api_key"
            case secretKey = "secret_key"
            case dataDirectory = "data_dir"
            case splatsDirectory = "splats_dir"
            case botAllowedNetworks = "bot_allowed_networks"
            case avatarHosts = "avatar_hosts"
            case logLevel = "log_level"
            case logFormat = "log_format"
        }
    }

    mutating func apply(configFile path: String) throws(SettingsError) {
        let config: ConfigFile
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            config = try YAMLDecoder().decode(ConfigFile.self, from: text)
        } catch {
            throw SettingsError(description: "\(path): \(error)")
        }
        host = config.host ?? host
        port = config.port ?? port
        apiKey = config.apiKey ?? apiKey
        secretKey = config.secretKey ?? secretKey
        dataDirectory = config.dataDirectory ?? dataDirectory
        if let database = config.database {
            if database.engine != nil || database.name != nil { databaseIsExplicit = true }
            if let value = database.engine { databaseEngine = try Self.engine(value, from: "\(path): database.engine") }
            databaseName = database.name ?? databaseName
            databaseHost = database.host ?? databaseHost
            if let value = database.port { databasePort = try Self.port(value, from: "\(path): database.port") }
            databaseUser = database.user ?? databaseUser
            if let value = database.maxConnections {
                databaseMaxConnections = try Self.atLeast(1, value, from: "\(path): database.max_connections")
            }
            if let value = database.sqliteSynchronous { sqliteSynchronous = try Self.synchronous(value, from: path) }
        }
        splatsDirectory = config.splatsDirectory ?? splatsDirectory
        if let value = config.botAllowedNetworks { botAllowedNetworks = try Self.networks(value, from: path) }
        avatarHosts = config.avatarHosts ?? avatarHosts
        if let value = config.logLevel { logLevel = try Self.level(value, from: path) }
        if let value = config.logFormat { logFormat = try Self.format(value, from: "\(path): log_format") }
        discordAPIURL = config.discordAPIURL ?? discordAPIURL
        publicURL = config.publicURL ?? publicURL
        finalRedirect = config.finalRedirect ?? finalRedirect
        frontendDirectory = config.frontendDirectory ?? frontendDirectory
        allowedHosts = config.allowedHosts ?? allowedHosts
        if let url = config.redisURL { redis = try Self.redis(url, from: path) }
        if let limits = config.gateway {
            try setGateway(limits.maxMessageBytes, \.maxMessageBytes, minimum: 1024, from: "\(path): max_message_bytes")
            try setGateway(
                limits.maxConnectionsPerUser, \.maxConnectionsPerUser, minimum: 1, from: "\(path): max_connections_per_user")
            try setGateway(limits.maxConnections, \.maxConnections, minimum: 1, from: "\(path): max_connections")
            try setGateway(
                limits.maxAnonymousConnections, \.maxAnonymousConnections, minimum: 0,
                from: "\(path): max_anonymous_connections")
            try setGateway(
                limits.maxAnonymousConnectionsPerAddress, \.maxAnonymousConnectionsPerAddress, minimum: 0,
                from: "\(path): max_anonymous_connections_per_address")
            try setGateway(limits.maxPendingEvents, \.maxPendingInputs, minimum: 16, from: "\(path): max_pending_events")
            try setGateway(limits.messagesPerSecond, \.messagesPerSecond, minimum: 1, from: "\(path): messages_per_second")
            try setGateway(limits.messageBurst, \.messageBurst, minimum: 1, from: "\(path): message_burst")
            if let seconds = limits.pingIntervalSeconds { gateway.pingInterval = try Self.pingInterval(seconds, from: path) }
        }
        if let limits = config.http {
            if let seconds = limits.headTimeoutSeconds {
                http.headTimeout = try Self.seconds(seconds, from: "\(path): http.head_timeout_seconds")
            }
            if let seconds = limits.idleTimeoutSeconds {
                http.idleTimeout = try Self.seconds(seconds, from: "\(path): http.idle_timeout_seconds")
            }
            if let bytes = limits.maxHeadBytes {
                http.maxHeadBytes = try Self.atLeast(4096, bytes, from: "\(path): http.max_head_bytes")
            }
        }
        if let value = config.trustedProxies { trustedProxies = try Self.networks(value, from: path) }
        if let value = config.loginStartsPerMinute {
            loginStartsPerMinute = try Self.atLeast(1, value, from: "\(path): login_starts_per_minute")
        }
    }

    private mutating func setGateway(
        _ value: Int?, _ limit: WritableKeyPath<GatewayLimits, Int>, minimum: Int, from source: String
    ) throws(SettingsError) {
        guard let value else { return }
        gateway[keyPath: limit] = try Self.atLeast(minimum, value, from: source)
    }

    mutating func apply(environment variables: [String: String]) throws(SettingsError) {
        if let value = variables["ROD_HOST"] { host = value }
        if let value = variables["ROD_PORT"] {
            guard let number = Int(value), (0...65535).contains(number) else {
                throw SettingsError(description: "ROD_PORT must be a port number, got \(value)")
            }
            port = number
        }
        if let value = variables["API_KEY"] { apiKey = value }
        if let value = variables["SECRET_KEY"] { secretKey = value }
        if let value = variables["ROD_DATA_DIR"] { dataDirectory = value }
        try apply(database: variables)
        if let value = variables["ROD_SQLITE_SYNCHRONOUS"] {
            sqliteSynchronous = try Self.synchronous(value, from: "ROD_SQLITE_SYNCHRONOUS")
        }
        if let value = variables["ROD_SPLATS_DIR"] { splatsDirectory = value }
        if let value = variables["ROD_BOT_ALLOWED_NETWORKS"] {
            botAllowedNetworks = try Self.networks(Self.list(value), from: "ROD_BOT_ALLOWED_NETWORKS")
        }
        if let value = variables["ROD_AVATAR_HOSTS"] { avatarHosts = Self.list(value) }
        if let value = variables["LOG_LEVEL"] { logLevel = try Self.level(value, from: "LOG_LEVEL") }
        if let value = variables["LOG_FORMAT"] { logFormat = try Self.format(value, from: "LOG_FORMAT") }
        if let value = variables["ROD_METRICS_TOKEN"], !value.isEmpty {
            guard value.utf8.count >= 16 else {
                throw SettingsError(description: "ROD_METRICS_TOKEN must be at least 16 characters long")
            }
            metricsToken = value
        }
        if let value = variables["DISCORD_APP_ID"] { discordAppID = value }
        if let value = variables["DISCORD_APP_SECRET"] { discordAppSecret = value }
        if let value = variables["DISCORD_BOT_TOKEN"] { discordBotToken = value }
        if let value = variables["DISCORD_DEBUG_CHANNEL"] {
            guard value.allSatisfy(\.isNumber) else {
                throw SettingsError(description: "DISCORD_DEBUG_CHANNEL must be a channel id (a number), got \(value)")
            }
            discordDebugChannel = value
        }
        if let value = variables["ROD_DISCORD_API_URL"] { discordAPIURL = value }
        if let value = variables["ROD_PUBLIC_URL"] { publicURL = value }
        if let value = variables["ROD_FINAL_REDIRECT"] { finalRedirect = value }
        if let value = variables["ROD_FRONTEND_DIR"] { frontendDirectory = value }
        if let value = variables["PATREON_WEBHOOK_SECRET"] { patreonWebhookSecret = value }
        if let value = variables["ROD_ALLOWED_HOSTS"] { allowedHosts = Self.list(value) }
        if let value = variables["REDIS_URL"], !value.isEmpty {
            redis = try Self.redis(value, from: "REDIS_URL")
        } else if let value = variables["REDIS_DB_INDEX"] {
            guard let index = Int(value), index >= 0 else {
                throw SettingsError(description: "REDIS_DB_INDEX must be a database number, got \(value)")
            }
            redis = RedisEndpoint(database: index)
        }
        for (name, limit, minimum) in [
            ("ROD_GATEWAY_MAX_MESSAGE_BYTES", \GatewayLimits.maxMessageBytes, 1024),
            ("ROD_GATEWAY_MAX_CONNECTIONS_PER_USER", \GatewayLimits.maxConnectionsPerUser, 1),
            ("ROD_GATEWAY_MAX_CONNECTIONS", \GatewayLimits.maxConnections, 1),
            ("ROD_GATEWAY_MAX_ANONYMOUS_CONNECTIONS", \GatewayLimits.maxAnonymousConnections, 0),
            ("ROD_GATEWAY_MAX_ANONYMOUS_PER_ADDRESS", \GatewayLimits.maxAnonymousConnectionsPerAddress, 0),
            ("ROD_GATEWAY_MAX_PENDING_EVENTS", \GatewayLimits.maxPendingInputs, 16),
            ("ROD_GATEWAY_MESSAGES_PER_SECOND", \GatewayLimits.messagesPerSecond, 1),
            ("ROD_GATEWAY_MESSAGE_BURST", \GatewayLimits.messageBurst, 1),
        ] {
            guard let value = variables[name] else { continue }
            try setGateway(try Self.integer(value, from: name), limit, minimum: minimum, from: name)
        }
        if let value = variables["ROD_GATEWAY_PING_SECONDS"] {
            let seconds = try Self.integer(value, from: "ROD_GATEWAY_PING_SECONDS")
            gateway.pingInterval = try Self.pingInterval(seconds, from: "ROD_GATEWAY_PING_SECONDS")
        }
        for (name, limit) in [
            ("ROD_HTTP_HEAD_TIMEOUT_SECONDS", \HTTPLimits.headTimeout),
            ("ROD_HTTP_IDLE_TIMEOUT_SECONDS", \HTTPLimits.idleTimeout),
        ] {
            guard let value = variables[name] else { continue }
            http[keyPath: limit] = try Self.seconds(try Self.integer(value, from: name), from: name)
        }
        if let value = variables["ROD_HTTP_MAX_HEAD_BYTES"] {
            let bytes = try Self.integer(value, from: "ROD_HTTP_MAX_HEAD_BYTES")
            http.maxHeadBytes = try Self.atLeast(4096, bytes, from: "ROD_HTTP_MAX_HEAD_BYTES")
        }
        if let value = variables["ROD_TRUSTED_PROXIES"] {
            trustedProxies = try Self.networks(Self.list(value), from: "ROD_TRUSTED_PROXIES")
        }
        if let value = variables["ROD_LOGIN_STARTS_PER_MINUTE"] {
            let number = try Self.integer(value, from: "ROD_LOGIN_STARTS_PER_MINUTE")
            loginStartsPerMinute = try Self.atLeast(1, number, from: "ROD_LOGIN_STARTS_PER_MINUTE")
        }
    }

    /// `DATABASE_URL` first, then the `DB_*` variables over it.
    mutating func apply(database variables: [String: String]) throws(SettingsError) {
        if let value = variables["DATABASE_URL"], !value.isEmpty {
            databaseIsExplicit = true
            if value.hasPrefix("sqlite:") {
                databaseEngine = .sqlite3
                // sqlite:///absolute/path or sqlite:relative/path
                let path = value.dropFirst("sqlite:".count)
                databaseName = path.hasPrefix("//") ? String(path.dropFirst(2)) : String(path)
            } else if value.lowercased().hasPrefix("mysql") {
                _ = try Self.engine("mysql", from: "DATABASE_URL")
            } else if let endpoint = PostgresDatabase.Endpoint(url: value) {
                databaseEngine = .postgresql
                databaseHost = endpoint.host
                databasePort = endpoint.port
                databaseUser = endpoint.username
                databasePassword = endpoint.password
                databaseName = endpoint.database
                databaseTLS = endpoint.tls
            } else {
                throw SettingsError(
                    description:
                        "DATABASE_URL must look like postgresql://user:password@host:port/name[?sslmode=disable|prefer|require|verify-full] or sqlite:///path"
                )
            }
        }
        if let value = variables["DB_ENGINE"] { databaseEngine = try Self.engine(value, from: "DB_ENGINE") }
        if let value = variables["DB_NAME"] { databaseName = value }
        if let value = variables["DB_HOST"] { databaseHost = value }
        if let value = variables["DB_PORT"] {
            databasePort = try Self.port(try Self.integer(value, from: "DB_PORT", "a port number"), from: "DB_PORT")
        }
        if let value = variables["DB_USER"] { databaseUser = value }
        if let value = variables["DB_PASSWORD"] { databasePassword = value }
        if let value = variables["DB_SSLMODE"] {
            guard let mode = PostgresDatabase.Endpoint.TLSMode(rawValue: value.lowercased()) else {
                throw SettingsError(description: "DB_SSLMODE must be disable, prefer, require or verify-full, got \(value)")
            }
            databaseTLS = mode
        }
        if let value = variables["ROD_DB_MAX_CONNECTIONS"] {
            let number = try Self.integer(value, from: "ROD_DB_MAX_CONNECTIONS")
            databaseMaxConnections = try Self.atLeast(1, number, from: "ROD_DB_MAX_CONNECTIONS")
        }
        if ["DB_ENGINE", "DB_NAME", "DB_HOST"].contains(where: { variables[$0] != nil }) { databaseIsExplicit = true }
    }

    /// `DB_ENGINE`'s value: ours, or Django's backend names; anything else (MySQL) is refused with the way out.
    public static func engine(_ text: String, from source: String) throws(SettingsError) -> DatabaseEngine {
        switch text.lowercased() {
        case "sqlite3", "sqlite", "django.db.backends.sqlite3": return .sqlite3
        case "postgresql", "postgres", "django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2":
            return .postgresql
        default:
            // The original takes every other value for MySQL (`mysql` is what its setup script writes).
            throw SettingsError(
                description:
                    "\(source)=\(text): MySQL is not supported; use postgresql (or sqlite3 for one process). Move the original's MySQL data with `python manage.py dumpdata` and `rod import` (docs/operations.md, \"Moving from the original\")."
            )
        }
    }

    static func port(_ number: Int, from source: String) throws(SettingsError) -> Int {
        guard (1...65535).contains(number) else {
            throw SettingsError(description: "\(source) must be a port number, got \(number)")
        }
        return number
    }

    static func atLeast(_ minimum: Int, _ number: Int, from source: String) throws(SettingsError) -> Int {
        guard number >= minimum else {
            throw SettingsError(description: "\(source) must be at least \(minimum), got \(number)")
        }
        return number
    }

    /// An environment variable's whole number; `what` names the kind in the error.
    static func integer(_ text: String, from source: String, _ what: String = "a number") throws(SettingsError) -> Int {
        guard let number = Int(text) else { throw SettingsError(description: "\(source) must be \(what), got \(text)") }
        return number
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    static func networks(_ texts: [String], from source: String) throws(SettingsError) -> [IPNetwork] {
        var result: [IPNetwork] = []
        for text in texts {
            guard let network = IPNetwork(text) else {
                throw SettingsError(description: "\(source): `\(text)` is not a network in CIDR notation such as 10.0.0.0/8")
            }
            result.append(network)
        }
        return result
    }

    static func redis(_ url: String, from source: String) throws(SettingsError) -> RedisEndpoint {
        guard let endpoint = RedisEndpoint(url: url) else {
            throw SettingsError(description: "\(source) must look like redis://[:password@]host[:port][/db]")
        }
        return endpoint
    }

    /// A timeout of at least one second.
    static func seconds(_ seconds: Int, from source: String) throws(SettingsError) -> Duration {
        .seconds(try atLeast(1, seconds, from: source))
    }

    static func pingInterval(_ seconds: Int, from source: String) throws(SettingsError) -> Duration {
        guard seconds >= 1 else { throw SettingsError(description: "\(source): the ping interval must be at least 1 second") }
        return .seconds(seconds)
    }

    static func synchronous(_ text: String, from source: String) throws(SettingsError) -> SQLiteDatabase.Synchronous {
        guard let value = SQLiteDatabase.Synchronous(rawValue: text.lowercased()) else {
            throw SettingsError(description: "\(source) must be normal or full, got \(text)")
        }
        return value
    }

    static func format(_ text: String, from source: String) throws(SettingsError) -> LogFormat {
        guard let format = LogFormat(rawValue: text.lowercased()) else {
            throw SettingsError(description: "\(source) must be text or json, got \(text)")
        }
        return format
    }

    static func level(_ text: String, from source: String) throws(SettingsError) -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw SettingsError(
                description: "\(source) must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return level
    }
}
