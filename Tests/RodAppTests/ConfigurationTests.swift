import Foundation
import RodChannels
import RodServices
import RodStore
import RodStorePostgres
import RodTestSupport
import Testing

@testable import RodApp
@testable import RodHTTP

@Suite struct ConfigurationTests {
    let config = packageRoot.appendingPathComponent("config").path

    @Test func developmentNeedsNoConfiguration() throws {
        let settings = try Configuration.load(environment: [:], configDirectory: "/nonexistent")
        #expect(settings.environment == .development)
        #expect(settings.http.host == "127.0.0.1" && settings.http.port == 8080)
        #expect(settings.http.apiKey == "dev-api-key")
        #expect(settings.databasePath == "data/db.sqlite3")
        #expect(settings.mediaDirectory == "data/media")
        #expect(settings.store.sqliteSynchronous == .normal)
        #expect(settings.http.botAllowedNetworks == IPNetwork.loopback)
        #expect(settings.media.avatarHosts == ["https://cdn.discordapp.com/"])
        try settings.validate()
    }

    @Test(arguments: ["development", "preproduction", "production"])
    func theShippedConfigFilesLoad(environment: String) throws {
        var variables = ["ENV": environment]
        if environment != "development" {
            variables.merge(["API_KEY": "k", "SECRET_KEY": "s", "DATABASE_URL": "postgresql://rod:pw@db:5432/rod"]) { $1 }
        }
        let settings = try Configuration.load(environment: variables, configDirectory: config)
        #expect(settings.environment.rawValue == environment)
        try settings.validate()
    }

    @Test func theEnvironmentOverridesTheConfigFile() throws {
        let settings = try Configuration.load(
            environment: [
                "API_KEY": "k", "DB_NAME": "/srv/rod.sqlite3", "ROD_DATA_DIR": "/srv", "ROD_SQLITE_SYNCHRONOUS": "FULL",
                "ROD_BOT_ALLOWED_NETWORKS": "10.0.0.0/8, fd00::/8", "ROD_AVATAR_HOSTS": "http://a/,http://b/",
                "LOG_LEVEL": "debug",
                "ROD_PORT": "9000", "ROD_HOST": "0.0.0.0",
            ], configDirectory: config)
        #expect(settings.http.apiKey == "k")
        #expect(settings.databasePath == "/srv/rod.sqlite3")
        #expect(settings.mediaDirectory == "/srv/media")
        #expect(settings.store.sqliteSynchronous == .full)
        #expect(settings.http.botAllowedNetworks.map(\.description) == ["10.0.0.0/8", "fd00::/8"])
        #expect(settings.media.avatarHosts == ["http://a/", "http://b/"])
        #expect(settings.logging.level == .debug)
        #expect(settings.http.port == 9000 && settings.http.host == "0.0.0.0")
    }

    @Test func anyOtherEnvironmentIsProductionAndNeedsItsSecrets() throws {
        let bare = try Configuration.load(environment: ["ENV": "live"], configDirectory: config)
        #expect(bare.environment == .production)
        #expect(throws: ConfigurationError.self) { try bare.validate() }
        let keyOnly = try Configuration.load(environment: ["ENV": "production", "API_KEY": "k"], configDirectory: config)
        #expect(throws: ConfigurationError.self) { try keyOnly.validate() }
        let secrets = ["ENV": "production", "API_KEY": "k", "SECRET_KEY": "s"]
        let noDatabase = try Configuration.load(environment: secrets, configDirectory: config)
        #expect {
            try noDatabase.validate()
        } throws: { error in
            (error as? ConfigurationError)?.description.contains("needs its database named") == true
        }
        for database in [["DATABASE_URL": "postgres://rod@db/rod"], ["DB_ENGINE": "sqlite3", "DB_NAME": "/srv/rod.db"]] {
            try Configuration.load(environment: secrets.merging(database) { $1 }, configDirectory: config).validate()
        }
    }

    @Test func postgresqlIsNamedByOneURLOrTheOriginalsVariables() throws {
        let url = try Configuration.load(
            environment: [
                "DATABASE_URL": "postgresql://rod:p%40ss@db.internal:6432/realm?sslmode=verify-full",
                "ROD_DB_MAX_CONNECTIONS": "8",
            ],
            configDirectory: "/nonexistent")
        #expect(url.store.engine == .postgresql)
        #expect(
            url.store.postgresEndpoint
                == PostgresDatabase.Endpoint(
                    host: "db.internal", port: 6432, username: "rod", password: "p@ss", database: "realm",
                    maximumConnections: 8, tls: .verifyFull))
        #expect(url.store.description(in: url.dataDirectory) == "postgresql://rod@db.internal:6432/realm")
        let variables = try Configuration.load(
            environment: [
                "DB_ENGINE": "django.db.backends.postgresql", "DB_HOST": "10.0.0.5", "DB_PORT": "5433", "DB_USER": "u",
                "DB_PASSWORD": "pw", "DB_SSLMODE": "disable",
            ], configDirectory: "/nonexistent")
        #expect(
            variables.store.postgresEndpoint
                == PostgresDatabase.Endpoint(
                    host: "10.0.0.5", port: 5433, username: "u", password: "pw", database: "rod", tls: .disable))
        // Over the shipped development file, naming the engine is enough: the database name defaults per engine.
        let engineOnly = try Configuration.load(environment: ["DB_ENGINE": "postgresql"], configDirectory: config)
        #expect(engineOnly.store.postgresEndpoint.database == "rod")
        let sqlite = try Configuration.load(environment: ["DATABASE_URL": "sqlite:///srv/rod.db"], configDirectory: "/x")
        #expect(sqlite.store.engine == .sqlite3 && sqlite.databasePath == "/srv/rod.db")
    }

    @Test(arguments: [
        ["DB_ENGINE": "mysql"], ["DATABASE_URL": "mysql://db/rod"], ["DATABASE_URL": "postgres://db/rod?sslmode=maybe"],
        ["DB_SSLMODE": "on"], ["DB_PORT": "0"], ["ROD_DB_MAX_CONNECTIONS": "0"],
        ["ROD_PORT": "eighty"], ["ROD_BOT_ALLOWED_NETWORKS": "172."], ["ROD_SQLITE_SYNCHRONOUS": "off"],
        ["LOG_LEVEL": "loud"],
    ])
    func badValuesAreRefusedWithAReason(variables: [String: String]) {
        #expect(throws: ConfigurationError.self) { try Configuration.load(environment: variables, configDirectory: config) }
    }

    @Test func aBrokenConfigFileNamesItself() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "port: [".write(to: folder.appendingPathComponent("development.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try Configuration.load(environment: [:], configDirectory: folder.path)
        } throws: { error in
            (error as? ConfigurationError)?.description.contains("development.yaml") == true
        }
    }

    /// Each part reads its keys from the file, nested ones and lists included; the environment wins over the file.
    @Test func everyPartReadsTheFileAndTheEnvironmentOverIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        port: 9001
        trusted_proxies: [10.0.0.0/8]
        http: {head_timeout_seconds: 3, max_head_bytes: 8192}
        database: {engine: postgresql, host: db, port: 6543, user: u, name: n, sslmode: require, max_connections: 3}
        redis_url: redis://cache:6380/2
        gateway: {max_message_bytes: 2048, ping_interval_seconds: 5}
        allowed_hosts: [.example.com]
        avatar_hosts: [https://a/]
        frontend_dir: /srv/web
        discord_api_url: http://discord.test/api
        log_format: json
        """.write(to: folder.appendingPathComponent("development.yaml"), atomically: true, encoding: .utf8)
        let file = try Configuration.load(environment: [:], configDirectory: folder.path)
        #expect(file.http.port == 9001 && file.http.trustedProxies.map(\.description) == ["10.0.0.0/8"])
        #expect(file.http.limits.headTimeout == .seconds(3) && file.http.limits.maxHeadBytes == 8192)
        #expect(
            file.store.postgresEndpoint
                == PostgresDatabase.Endpoint(
                    host: "db", port: 6543, username: "u", database: "n", maximumConnections: 3, tls: .require))
        #expect(file.store.isExplicit)
        #expect(file.channels.redis == RedisEndpoint(url: "redis://cache:6380/2"))
        #expect(file.gateway.limits.maxMessageBytes == 2048 && file.gateway.limits.pingInterval == .seconds(5))
        #expect(file.allowedHosts == [".example.com"])
        #expect(file.media.avatarHosts == ["https://a/"] && file.media.frontendDirectory == "/srv/web")
        #expect(file.services.discordAPIURL == "http://discord.test/api" && file.logging.format == .json)
        let both = try Configuration.load(
            environment: ["ROD_PORT": "9002", "DB_HOST": "other", "ROD_GATEWAY_MAX_MESSAGE_BYTES": "4096", "LOG_FORMAT": "text"],
            configDirectory: folder.path)
        #expect(both.http.port == 9002 && both.store.host == "other" && both.store.user == "u")
        #expect(both.gateway.limits.maxMessageBytes == 4096 && both.logging.format == .text)
    }

    /// A misspelt key is refused rather than ignored, and so is a value of the wrong kind.
    @Test(arguments: [
        ("prot: 9000", "`prot` is not a setting"), ("gateway: {max_mesage_bytes: 2048}", "`gateway.max_mesage_bytes`"),
        ("port: eighty", "port must be a port number"), ("gateway: {max_connections: 0}", "must be at least 1"),
        ("avatar_hosts: {a: b}", "`avatar_hosts.a` is not a setting"), ("- port", "expected a mapping"),
    ])
    func aFileKeyNoPartReadsIsRefused(text: String, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("development.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try Configuration.load(environment: [:], configDirectory: folder.path)
        } throws: { error in
            let description = (error as? ConfigurationError)?.description ?? ""
            return description.contains("development.yaml") && description.contains(message)
        }
    }
}

@Suite struct IPNetworkTests {
    @Test(arguments: [
        ("127.0.0.0/8", "127.0.0.1", true), ("127.0.0.0/8", "127.255.1.2", true), ("127.0.0.0/8", "128.0.0.1", false),
        ("::1/128", "::1", true), ("::1/128", "::2", false), ("127.0.0.0/8", "::ffff:127.0.0.1", true),
        ("172.16.0.0/12", "172.20.1.1", true), ("172.16.0.0/12", "172.32.0.1", false), ("10.1.2.3", "10.1.2.3", true),
        ("10.1.2.3", "10.1.2.4", false), ("0.0.0.0/0", "8.8.8.8", true), ("fd00::/8", "fd12::1", true),
        ("fd00::/8", "10.0.0.1", false), ("10.0.0.0/8", "not-an-ip", false),
    ])
    func matchesAddressesByPrefix(network: String, address: String, inside: Bool) throws {
        #expect(try #require(IPNetwork(network)).contains(address) == inside)
    }

    @Test(arguments: ["", "172.", "10.0.0.0/33", "::/129", "10.0.0.0/x", "host.example/8"])
    func refusesWhatIsNotANetwork(text: String) {
        #expect(IPNetwork(text) == nil)
    }

    @Test func apiKeysAreComparedWholly() {
        #expect(constantTimeEquals("dev-api-key".utf8, "dev-api-key".utf8))
        #expect(!constantTimeEquals("dev-api-key".utf8, "dev-api-kez".utf8))
        #expect(!constantTimeEquals("dev-api-key".utf8, "dev-api-key-longer".utf8))
        #expect(!constantTimeEquals([], "x".utf8))
    }
}
