import Foundation
import RodTestSupport
import Testing

@testable import RodApp

/// `.env` files as python-dotenv reads them. The expected values were checked against python-dotenv 1.2.2.
@Suite struct DotEnvTests {
    static let sample = """
        # Realm of Darkness Environment Configuration
        # Created on Mon Nov 30

        ENV=development
        export API_KEY=bot-key-123
          SECRET_KEY = "s3cr#t value"   # trailing comment
        URL=postgres://u:p@h/db?x=1&y=2
        HASH=abc#not-a-comment
        SPACED=a b  # comment
        SINGLE='it\\'s ${API_KEY} \\n raw'
        DOUBLE="line1\\nline2\\t\\"q\\" \\\\ \\x"
        MULTI="first
        second"
        EMPTY=
        EMPTYQ=""
        BARE
        REF=${API_KEY}/${MISSING:-fallback}/${NOPE}
        'QUOTED_NAME'=q
        WIN=from-file
        EQ=a=b=c
        TRAIL=value   \("")
        CRLF=x\r
        LAST=1
        """

    @Test func everyFormOperatorsWrite() throws {
        let bindings = try DotEnv.parse(Self.sample, file: "sample.env")
        let values = DotEnv.variables(bindings, environment: ["WIN": "from-env"])
        #expect(
            values == [
                "ENV": "development", "API_KEY": "bot-key-123", "SECRET_KEY": "s3cr#t value",
                "URL": "postgres://u:p@h/db?x=1&y=2", "HASH": "abc#not-a-comment", "SPACED": "a b",
                "SINGLE": "it's bot-key-123 \\n raw", "DOUBLE": "line1\nline2\t\"q\" \\ \\x", "MULTI": "first\nsecond",
                "EMPTY": "", "EMPTYQ": "", "REF": "bot-key-123/fallback/", "QUOTED_NAME": "q", "EQ": "a=b=c",
                "TRAIL": "value", "CRLF": "x", "LAST": "1",
            ])
        // A bare name sets nothing; the environment's WIN is not repeated.
        #expect(bindings.first { $0.name == "BARE" }?.value == nil)
        #expect(bindings.first { $0.name == "WIN" }?.value == "from-file")
        #expect(bindings.first { $0.name == "MULTI" }?.line == 12)
        #expect(bindings.first { $0.name == "EMPTY" }?.line == 14)
    }

    @Test func theEnvironmentWinsAndIsWhatReferencesSee() throws {
        let text = "API_KEY=file-key\nBASE=${API_KEY}-x\nPORT=8000\n"
        let loaded = DotEnv.variables(try DotEnv.parse(text, file: ".env"), environment: ["API_KEY": "env-key"])
        #expect(loaded == ["BASE": "env-key-x", "PORT": "8000"])
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("settings.env").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let merged = try DotEnv.load(path: path, over: ["API_KEY": "env-key", "HOME": "/root"])
        #expect(merged == ["API_KEY": "env-key", "HOME": "/root", "BASE": "env-key-x", "PORT": "8000"])
    }

    @Test(arguments: [
        ("FOO BAR=1", 3, "expected NAME=value"),
        ("=value", 3, "expected NAME=value"),
        ("K=\"unclosed\nOK=1", 3, "double quote is not closed"),
        ("K='x", 3, "single quote is not closed"),
        ("K=\"a\" b", 3, "after the closing quote"),
        ("K=\"a\\\"b\nOK=1", 3, "after the closing quote"),
        ("export =1", 3, "expected NAME=value"),
        ("'K=1", 3, "quoted name is not closed"),
    ])
    func aMalformedLineNamesTheFileAndLine(line: String, number: Int, reason: String) {
        let text = "A='two\nlines'\n" + line + "\n"
        #expect {
            _ = try DotEnv.parse(text, file: "/srv/rod/.env")
        } throws: { error in
            let description = (error as? ConfigurationError)?.description ?? ""
            return description.hasPrefix("/srv/rod/.env, line \(number): ") && description.contains(reason)
        }
    }

    @Test func aMissingOrUnreadableFile() throws {
        // A file named with --env-file must exist and be UTF-8 (without one, a missing .env is fine: RodProcess tests).
        let folder = try temporaryFolder()
        #expect(throws: ConfigurationError.self) { try DotEnv.load(path: folder.appendingPathComponent("none").path, over: [:]) }
        let binary = folder.appendingPathComponent("latin1.env")
        try Data([0x41, 0x3D, 0xE9, 0x0A]).write(to: binary)
        #expect {
            try DotEnv.load(path: binary.path, over: [:])
        } throws: { error in
            (error as? ConfigurationError)?.description == "\(binary.path) is not UTF-8 text"
        }
    }

    /// The original's file, for development and changed for production.
    @Test func theOriginalsFileConfiguresTheServer() throws {
        let development = OriginalEnvFile.development
        let variables = DotEnv.variables(try DotEnv.parse(development, file: ".env"), environment: [:])
        let settings = try Configuration.load(environment: variables, configDirectory: "/nonexistent")
        #expect(settings.environment == .development && settings.store.engine == .sqlite3)
        #expect(settings.http.apiKey == "the bots' key" && settings.services.discordAppID == "1234")
        #expect(settings.databasePath == "data/db.sqlite3")
        try settings.validate()

        let production = development.replacingOccurrences(of: "ENV=development", with: "ENV=production")
            .replacingOccurrences(of: "DB_ENGINE=sqlite3\nDB_NAME=db.sqlite3", with: "DB_ENGINE=mysql\nDB_NAME=realm_of_darkness")
        #expect {
            _ = try Configuration.load(
                environment: DotEnv.variables(try DotEnv.parse(production, file: ".env"), environment: [:]),
                configDirectory: "/nonexistent")
        } throws: { error in
            let text = (error as? ConfigurationError)?.description ?? ""
            return text.contains("MySQL is not supported") && text.contains("rod import")
        }
        // Switched to PostgreSQL, production still refuses the setup script's well-known development secret.
        let postgres = production.replacingOccurrences(of: "DB_ENGINE=mysql", with: "DB_ENGINE=postgresql")
        let switched = try Configuration.load(
            environment: DotEnv.variables(try DotEnv.parse(postgres, file: ".env"), environment: [:]),
            configDirectory: "/nonexistent")
        #expect(switched.store.postgresEndpoint.database == "realm_of_darkness")
        #expect {
            try switched.validate()
        } throws: { error in
            (error as? ConfigurationError)?.description.contains("SECRET_KEY set to a secret of its own") == true
        }
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-dotenv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// The file `rod setup` writes, and how it is written.
@Suite struct SetupFileTests {
    @Test func whatIsWrittenIsReadBackUnchanged() throws {
        var file = SetupFile()
        file.environment = .preproduction
        file.databaseEngine = .postgresql
        file.databaseName = "realm"
        file.databasePassword = #"p@ss w0rd 'quoted' \ # "double" $HOME"#
        file.discordAppSecret = "multi\nline"
        file.discordDebugChannel = "987654321"
        let text = try file.render()
        let read = DotEnv.variables(try DotEnv.parse(text, file: ".env"), environment: [:])
        #expect(read["DB_PASSWORD"] == file.databasePassword && read["DISCORD_APP_SECRET"] == "multi\nline")
        #expect(read["ENV"] == "preproduction" && read["DB_PORT"] == "5432" && read["API_KEY"] == file.apiKey)
        #expect(text.contains("\nSECRET_KEY=\(file.secretKey)\n"), "generated secrets need no quotes")
        #expect(SetupFile().secretKey != file.secretKey)
    }

    @Test func refusesWhatTheFileOrTheServerCannotTake() {
        var expansion = SetupFile()
        expansion.databaseEngine = .postgresql
        expansion.databasePassword = "a${B}c"
        #expect(throws: ConfigurationError.self) { try expansion.render() }
        var channel = SetupFile()
        channel.discordDebugChannel = "#general"
        #expect(throws: ConfigurationError.self) { try channel.render() }
        var insecure = SetupFile()
        insecure.environment = .production
        insecure.apiKey = "dev-api-key-for-testing"
        #expect(throws: ConfigurationError.self) { try insecure.render() }
    }

    @Test func theFileIsTheOwnersAndReplacedOnlyWhenAsked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(".env").path
        try SetupFile.save("A=1\n", to: path, replacing: false)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect {
            try SetupFile.save("A=2\n", to: path, replacing: false)
        } throws: { error in
            (error as? ConfigurationError)?.description.contains("exists; run again with --force") == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "A=1\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try SetupFile.save("A=3\n", to: path, replacing: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "A=3\n")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".env"], "no temporary file left")
    }
}
