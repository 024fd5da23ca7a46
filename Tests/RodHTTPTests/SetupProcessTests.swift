import AsyncHTTPClient
import Foundation
import RodTestSupport
import Testing

@testable import RodApp
@testable import RodHTTP

/// `rod setup` and `.env` files as an operator meets them: the real binary, its working folder, its exit status.
extension ServerProcessTests {
    static let unattended = [
        "setup", "--env", "production", "--db", "postgresql", "--db-name", "realm", "--db-user", "keeper",
        "--db-password", "pa ss'word", "--db-host", "db.internal", "--db-port", "6432", "--discord-app-id", "1234",
        "--discord-app-secret", "app-secret", "--discord-bot-token", "bot.token", "--discord-debug-channel", "987",
        "--patreon-webhook-secret", "patreon", "--yes",
    ]

    func variables(_ file: URL) throws -> [String: String] {
        DotEnv.variables(try DotEnv.parse(String(contentsOf: file, encoding: .utf8), file: file.path), environment: [:])
    }

    @Test func setupRunsUnattendedAndNeverOverwritesWithoutForce() async throws {
        let setup = try RodProcess(Self.unattended)
        #expect(try await setup.waitForExit() == 0, "\(setup.standardError)")
        let file = setup.folder.appendingPathComponent(".env")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let written = try variables(file)
        #expect(
            written.filter { !["SECRET_KEY", "API_KEY"].contains($0.key) } == [
                "ENV": "production", "DB_ENGINE": "postgresql", "DB_NAME": "realm", "DB_USER": "keeper",
                "DB_PASSWORD": "pa ss'word", "DB_HOST": "db.internal", "DB_PORT": "6432", "DISCORD_APP_ID": "1234",
                "DISCORD_APP_SECRET": "app-secret", "DISCORD_BOT_TOKEN": "bot.token", "DISCORD_DEBUG_CHANNEL": "987",
                "PATREON_WEBHOOK_SECRET": "patreon",
            ])
        let (secret, apiKey) = (written["SECRET_KEY"] ?? "", written["API_KEY"] ?? "")
        #expect(secret.count == 64 && apiKey.count == 43 && secret != apiKey)
        #expect(setup.standardOutput.contains("API_KEY is new"))
        // The file configures a production server rod accepts.
        try Configuration.load(environment: written, configDirectory: "/nonexistent").validate()

        let before = try Data(contentsOf: file)
        let again = try RodProcess(Self.unattended, files: [".env": String(decoding: before, as: UTF8.self)])
        #expect(try await again.waitForExit() == 1)
        #expect(again.standardError.contains(".env exists; run again with --force"))
        #expect(try Data(contentsOf: again.folder.appendingPathComponent(".env")) == before)

        let forced = try RodProcess(
            Self.unattended + ["--force", "--api-key", "the-bots-key"], files: [".env": "API_KEY=old\n"])
        #expect(try await forced.waitForExit() == 0, "\(forced.standardError)")
        let replaced = try variables(forced.folder.appendingPathComponent(".env"))
        #expect(replaced["API_KEY"] == "the-bots-key" && replaced["SECRET_KEY"] != secret)
        #expect(!forced.standardOutput.contains("API_KEY is new"))
        let mode = try FileManager.default.attributesOfItem(atPath: forced.folder.appendingPathComponent(".env").path)
        #expect((mode[.posixPermissions] as? Int) == 0o600)
    }

    @Test func setupAsksWhatNoFlagGives() async throws {
        // Environment, engine, SQLite file, SECRET_KEY (new), API_KEY, Discord id, secret, bot token, channel, Patreon.
        let answers = "production\nsqlite3\n/srv/rod/db.sqlite3\n\nthe-bots-key\n1234\n\n\n\n\n"
        let setup = try RodProcess(["setup"], input: answers)
        #expect(try await setup.waitForExit() == 0, "\(setup.standardError)")
        let written = try variables(setup.folder.appendingPathComponent(".env"))
        #expect(written["ENV"] == "production" && written["DB_ENGINE"] == "sqlite3")
        #expect(written["DB_NAME"] == "/srv/rod/db.sqlite3" && written["API_KEY"] == "the-bots-key")
        #expect(written["DISCORD_APP_ID"] == "1234" && written["DISCORD_BOT_TOKEN"] == "")
        #expect(written["SECRET_KEY"]?.count == 64)

        let refused = try RodProcess(["setup"], input: "staging\n")
        #expect(try await refused.waitForExit() != 0)
        #expect(refused.standardError.contains("development, preproduction or production"))
        #expect(!FileManager.default.fileExists(atPath: refused.folder.appendingPathComponent(".env").path))
    }

    /// A new operator copies the original's `.env` beside the server and starts it: the bots' key works.
    @Test func theOriginalsEnvFileConfiguresAServer() async throws {
        let rod = try RodProcess(["serve", "--port", "0"], files: [".env": OriginalEnvFile.development])
        let port = try await rod.waitUntilServing()
        #expect(FileManager.default.fileExists(atPath: rod.folder.appendingPathComponent("data/db.sqlite3").path))
        // Copied with the usual umask, the file is everyone's to read: the operator is told.
        #expect(rod.standardError.contains("rod: warning: .env holds secrets and other users can read it"))
        try await withHTTPClient { client in
            let user = #""user":{"id":"1001","username":"mirai","discriminator":"0","avatar_url":"","create":true}"#
            let accepted = try await send(
                client, port: port, .POST, "/bot/user/update", body: Array(#"{"APIKey":"the bots' key",\#(user)}"#.utf8))
            #expect(accepted.status == 200, "\(accepted.body)")
            let refused = try await send(
                client, port: port, .POST, "/bot/user/update", body: Array(#"{"APIKey":"dev-api-key",\#(user)}"#.utf8))
            #expect(refused.status == 404)
        }

        // --env-file names another file; a malformed line stops every command with the file and line.
        let named = try RodProcess(
            ["migrate", "--env-file", "settings/rod.env"], files: [".env": "DB_NAME=wrong\n"])
        #expect(try await named.waitForExit() == 1)
        #expect(named.standardError.contains("settings/rod.env"))
        let broken = try RodProcess(["migrate"], files: [".env": "ENV=development\nAPI KEY=x\n"])
        #expect(try await broken.waitForExit() == 1)
        #expect(broken.standardError.contains(".env, line 2: expected NAME=value"), "\(broken.standardError)")
        let mysql = try RodProcess(["migrate"], files: [".env": "ENV=production\nDB_ENGINE=mysql\n"])
        #expect(try await mysql.waitForExit() == 1)
        #expect(mysql.standardError.contains("MySQL is not supported") && mysql.standardError.contains("rod import"))
    }
}

extension ServerProcessTests {
    /// A failed `rod import` reaches the operators' channel before the command exits.
    @Test func aFailedImportIsReportedToDiscord() async throws {
        try await FakeDiscord.run { discord in
            let reports = [
                "DISCORD_BOT_TOKEN": FakeDiscord.botToken, "DISCORD_DEBUG_CHANNEL": "4242", "ROD_DISCORD_API_URL": discord.apiURL,
            ]
            let truncated = try RodProcess(["import", "dump.json"], environment: reports, files: ["dump.json": "[{\"model\": "])
            #expect(try await truncated.waitForExit() == 1)
            let message = try await discord.waitForMessages(1)[0]
            #expect(message.channel == "4242")
            #expect(message.content.hasPrefix("`rod import` failed, nothing was written: "), "\(message.content)")
            // A dry run is a check, not an import: nothing is posted.
            let dryRun = try RodProcess(["import", "--dry-run", "dump.json"], environment: reports, files: ["dump.json": "{"])
            #expect(try await dryRun.waitForExit() == 1)
            try await Task.sleep(for: .milliseconds(300))
            #expect(discord.messages.count == 1)
        }
    }
}
