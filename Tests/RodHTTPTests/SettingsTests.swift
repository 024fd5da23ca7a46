import Foundation
import RodServices
import RodStore
import RodStorePostgres
import Testing

@testable import RodHTTP

@Suite struct SettingsTests {
    let config = packageRoot.appendingPathComponent("config").path

    @Test func developmentNeedsNoConfiguration() throws {
        let settings = try ServerSettings.load(environment: [:], configDirectory: "/nonexistent")
        #expect(settings.environment == .development)
        #expect(settings.host == "127.0.0.1" && settings.port == 8080)
        #expect(settings.apiKey == "dev-api-key")
        #expect(settings.databasePath == "data/db.sqlite3")
        #expect(settings.mediaDirectory == "data/media")
        #expect(settings.sqliteSynchronous == .normal)
        #expect(settings.botAllowedNetworks == IPNetwork.loopback)
        #expect(settings.avatarHosts == ["https://cdn.discordapp.com/"])
        try settings.validate()
    }

    @Test(arguments: ["development", "preproduction", "production"])
    func theShippedConfigFilesLoad(environment: String) throws {
        var variables = ["ENV": environment]
        if environment != "development" {
            variables.merge(["API_KEY": "k", "SECRET_KEY": "s", "DATABASE_URL": "postgresql://rod:pw@db:5432/rod"]) { $1 }
        }
        let settings = try ServerSettings.load(environment: variables, configDirectory: config)
        #expect(settings.environment.rawValue == environment)
        try settings.validate()
    }

    @Test func theEnvironmentOverridesTheConfigFile() throws {
        let settings = try ServerSettings.load(
            environment: [
                "API_KEY": "k", "DB_NAME": "/srv/rod.sqlite3", "ROD_DATA_DIR": "/srv", "ROD_SQLITE_SYNCHRONOUS": "FULL",
                "ROD_BOT_ALLOWED_NETWORKS": "10.0.0.0/8, fd00::/8", "ROD_AVATAR_HOSTS": "http://a/,http://b/",
                "LOG_LEVEL": "debug",
                "ROD_PORT": "9000", "ROD_HOST": "0.0.0.0",
            ], configDirectory: config)
        #expect(settings.apiKey == "k")
        #expect(settings.databasePath == "/srv/rod.sqlite3")
        #expect(settings.mediaDirectory == "/srv/media")
        #expect(settings.sqliteSynchronous == .full)
        #expect(settings.botAllowedNetworks.map(\.description) == ["10.0.0.0/8", "fd00::/8"])
        #expect(settings.avatarHosts == ["http://a/", "http://b/"])
        #expect(settings.logLevel == .debug)
        #expect(settings.port == 9000 && settings.host == "0.0.0.0")
    }

    @Test func anyOtherEnvironmentIsProductionAndNeedsItsSecrets() throws {
        let bare = try ServerSettings.load(environment: ["ENV": "live"], configDirectory: config)
        #expect(bare.environment == .production)
        #expect(throws: SettingsError.self) { try bare.validate() }
        let keyOnly = try ServerSettings.load(environment: ["ENV": "production", "API_KEY": "k"], configDirectory: config)
        #expect(throws: SettingsError.self) { try keyOnly.validate() }
        let secrets = ["ENV": "production", "API_KEY": "k", "SECRET_KEY": "s"]
        let noDatabase = try ServerSettings.load(environment: secrets, configDirectory: config)
        #expect {
            try noDatabase.validate()
        } throws: { error in
            (error as? SettingsError)?.description.contains("needs its database named") == true
        }
        for database in [["DATABASE_URL": "postgres://rod@db/rod"], ["DB_ENGINE": "sqlite3", "DB_NAME": "/srv/rod.db"]] {
            try ServerSettings.load(environment: secrets.merging(database) { $1 }, configDirectory: config).validate()
        }
    }

    @Test func postgresqlIsNamedByOneURLOrTheOriginalsVariables() throws {
        let url = try ServerSettings.load(
            environment: [
                "DATABASE_URL": "postgresql://rod:p%40ss@db.internal:6432/realm?sslmode=verify-full",
                "ROD_DB_MAX_CONNECTIONS": "8",
            ],
            configDirectory: "/nonexistent")
        #expect(url.databaseEngine == .postgresql)
        #expect(
            url.postgresEndpoint
                == PostgresDatabase.Endpoint(
                    host: "db.internal", port: 6432, username: "rod", password: "p@ss", database: "realm",
                    maximumConnections: 8, tls: .verifyFull))
        #expect(url.databaseDescription == "postgresql://rod@db.internal:6432/realm")
        let variables = try ServerSettings.load(
            environment: [
                "DB_ENGINE": "django.db.backends.postgresql", "DB_HOST": "10.0.0.5", "DB_PORT": "5433", "DB_USER": "u",
                "DB_PASSWORD": "pw", "DB_SSLMODE": "disable",
            ], configDirectory: "/nonexistent")
        #expect(
            variables.postgresEndpoint
                == PostgresDatabase.Endpoint(
                    host: "10.0.0.5", port: 5433, username: "u", password: "pw", database: "rod", tls: .disable))
        // Over the shipped development file, naming the engine is enough: the database name defaults per engine.
        let engineOnly = try ServerSettings.load(environment: ["DB_ENGINE": "postgresql"], configDirectory: config)
        #expect(engineOnly.postgresEndpoint.database == "rod")
        let sqlite = try ServerSettings.load(environment: ["DATABASE_URL": "sqlite:///srv/rod.db"], configDirectory: "/x")
        #expect(sqlite.databaseEngine == .sqlite3 && sqlite.databasePath == "/srv/rod.db")
    }

    @Test(arguments: [
        ["DB_ENGINE": "mysql"], ["DATABASE_URL": "mysql://db/rod"], ["DATABASE_URL": "postgres://db/rod?sslmode=maybe"],
        ["DB_SSLMODE": "on"], ["DB_PORT": "0"], ["ROD_DB_MAX_CONNECTIONS": "0"],
        ["ROD_PORT": "eighty"], ["ROD_BOT_ALLOWED_NETWORKS": "172."], ["ROD_SQLITE_SYNCHRONOUS": "off"],
        ["LOG_LEVEL": "loud"],
    ])
    func badValuesAreRefusedWithAReason(variables: [String: String]) {
        #expect(throws: SettingsError.self) { try ServerSettings.load(environment: variables, configDirectory: config) }
    }

    @Test func aBrokenConfigFileNamesItself() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "port: [".write(to: folder.appendingPathComponent("development.yaml"), atomically: true, encoding: .utf8)
        #expect {
            try ServerSettings.load(environment: [:], configDirectory: folder.path)
        } throws: { error in
            (error as? SettingsError)?.description.contains("development.yaml") == true
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
