import AsyncHTTPClient
import Foundation
import RodCore
import RodTestSupport
import Testing

/// Issue 23, as an operator and the bot meet it: a shipped trait renamed in a copy of `splats/` while characters hold
/// it. Before the restart Human 5th's `stains` is stored; after it, the trait is `stain_count` (`renamed_from:
/// [stains]`): every face serves the stored values under the new name at once, old clients' writes of `stains` still
/// land, `rod splat migrate` rewrites the documents with history rows, and a rename left undeclared is reported.
extension ServerProcessTests {
    @Test func aRenamedTraitKeepsEveryStoredValue() async throws {
        let splats = FileManager.default.temporaryDirectory.appendingPathComponent("rod-rename-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("splats"), to: splats)
        defer { try? FileManager.default.removeItem(at: splats) }
        let first = try RodProcess(["serve", "--port", "0"], environment: ["ROD_SPLATS_DIR": splats.path])
        let data = first.folder.appendingPathComponent("data").path
        let settings = ["ROD_SPLATS_DIR": splats.path, "ROD_DATA_DIR": data]
        let mint = try RodProcess(["session", "mint", "1001"], environment: settings)
        #expect(try await mint.waitForExit() == 0)
        let cookie = mint.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        try await withHTTPClient { client in
            try await renameScenario(client, first: first, splats: splats, settings: settings, cookie: cookie)
        }
    }

    private func renameScenario(
        _ client: HTTPClient, first: RodProcess, splats: URL, settings: [String: String], cookie: String
    ) async throws {
        var port = try await first.waitUntilServing()
        let tracker: JSON = [
            "APIKey": "dev-api-key", "character": ["name": "Ada", "user": "1001", "splat": "human5th", "stains": 3],
        ]
        let created = try await post(client, port: port, "character/new", tracker)
        #expect(created.status == 201, "\(created.body)")
        // Cyd is left alone after the rename: only `rod splat migrate` rewrites its document.
        let cyd: JSON = [
            "APIKey": "dev-api-key", "character": ["name": "Cyd", "user": "1001", "splat": "human5th", "stains": 2],
        ]
        #expect(try await post(client, port: port, "character/new", cyd).status == 201)
        let sheet = try await web(client, port: port, .GET, "/api/character/new/human5th?name=Bea", cookie: cookie)
        let bea = try #require(sheet.body["id"]?.intValue)
        #expect(
            try await web(client, port: port, .PUT, "/api/character/update/human5th/\(bea)", cookie: cookie, body: ["stains": 2])
                .status == 200)
        try await stop(first)

        // The trait is renamed, and declares it.
        let file = splats.appendingPathComponent("human5th.yaml")
        try (try String(contentsOf: file, encoding: .utf8))
            .replacingOccurrences(
                of: "  stains: {min: 0, max: 10, default: 0}",
                with: "  stain_count: {min: 0, max: 10, default: 0, renamed_from: [stains]}"
            )
            .replacingOccurrences(of: "[stains, humanity]", with: "[stain_count, humanity]")
            .write(to: file, atomically: true, encoding: .utf8)
        let second = try RodProcess(["serve", "--port", "0"], environment: settings)
        port = try await second.waitUntilServing()
        // The bot, the web and the gateway read the stored values under the new name.
        let ada = try JSON.parse(
            try await post(client, port: port, "character/get", ["APIKey": "dev-api-key", "user_id": "1001", "name": "Ada"]).body)
        #expect(ada["stain_count"] == 3 && ada["stains"] == nil, "\(ada)")
        let read = try await web(client, port: port, .GET, "/api/character/get/human5th?id=\(bea)", cookie: cookie)
        #expect(read.body["stain_count"] == 2 && read.body["stains"] == nil)
        let socket = GatewayClient(port: port, host: "127.0.0.1", cookie: cookie)
        _ = try await socket.identify()
        let edited = try await socket.fieldUpdate([
            "id": .string(String(bea)), "key": "stain_count", "revision": .int(2), "add": 1,
        ])
        #expect(edited["t"] == "FIELD_UPDATED" && edited["d"]?["value"] == 3, "\(edited)")
        _ = try? await socket.close()
        // An old client still writes the old key: it lands on the new trait, under its rules.
        let adaID = try #require(ada["id"])
        let old: JSON = ["APIKey": "dev-api-key", "character": ["id": adaID, "user": "1001", "splat": "human5th", "stains": 1]]
        #expect(try await post(client, port: port, "character/save", old).status == 200)
        let tooMany: JSON = [
            "APIKey": "dev-api-key", "character": ["id": adaID, "user": "1001", "splat": "human5th", "stains": 9],
        ]
        let refused = try await post(client, port: port, "character/save", tooMany)
        #expect(refused.status == 400 && refused.body.contains("Too many stains"), "\(refused.body)")
        let export = try RodProcess(["user", "export", "1001"], environment: settings)
        #expect(try await export.waitForExit() == 0)
        let exported = try JSON.parse(Array(export.standardOutput.utf8))
        #expect(exported["characters"]?.arrayValue?.map { $0["sheet"]?["stain_count"] } == [1, 2, 3], "\(export.standardError)")

        // Rewritten for good: Ada and Bea were rewritten by their writes since; Cyd waits for `rod splat migrate`. A dry
        // run counts, the run writes a history row (face `migrate`), then nothing is left to do.
        let dry = try RodProcess(["splat", "migrate", "--dry-run"], environment: settings)
        #expect(try await dry.waitForExit() == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("human5th: 1 character(s) to rewrite"), "\(dry.standardOutput)")
        let migrate = try RodProcess(["splat", "migrate"], environment: settings)
        #expect(try await migrate.waitForExit() == 0)
        #expect(migrate.standardOutput.contains("human5th: 1 character(s) rewritten"), "\(migrate.standardOutput)")
        let cydID = try #require(
            try JSON.parse(
                try await post(client, port: port, "character/get", ["APIKey": "dev-api-key", "user_id": "1001", "name": "Cyd"])
                    .body)["id"])
        let history = try RodProcess(["history", "show", cydID.serializedString()], environment: settings)
        #expect(try await history.waitForExit() == 0)
        #expect(history.standardOutput.contains("update via migrate"), "\(history.standardOutput)")
        let again = try RodProcess(["splat", "migrate", "--dry-run"], environment: settings)
        #expect(try await again.waitForExit() == 0)
        #expect(again.standardOutput.contains("0 would be rewritten"), "\(again.standardOutput)")
        try await stop(second)

        // A rename nobody declares hides nothing: `rod splat check --data` and the server at start name the key.
        try (try String(contentsOf: file, encoding: .utf8))
            .replacingOccurrences(
                of: "  humanity: {min: 0, max: 10, default: 7}", with: "  humanity_score: {min: 0, max: 10, default: 7}"
            )
            .replacingOccurrences(of: "[stain_count, humanity]", with: "[stain_count, humanity_score]")
            .write(to: file, atomically: true, encoding: .utf8)
        let check = try RodProcess(["splat", "check", "--data"], environment: settings)
        #expect(try await check.waitForExit() == 1)
        #expect(
            check.standardError.contains("human5th: stored keys no trait declares: `humanity` (3 characters)"),
            "\(check.standardError)")
        #expect(check.standardError.contains("renamed_from"))
        let third = try RodProcess(["serve", "--port", "0"], environment: settings)
        _ = try await third.waitUntilServing()
        try await waitForLog(third, "stored keys no trait declares: `humanity`")
        try await stop(third)
    }
}
