import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RodCore
import RodStore
import RodTestSupport
import Testing

/// The real `rod` binary, driven over real sockets.
@Suite(.serialized) struct ServerProcessTests {
    /// One request to a server process on loopback: every helper below sends through here.
    func send(
        _ client: HTTPClient, port: Int, _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [],
        body: [UInt8]? = nil, timeout: TimeAmount = .seconds(60)
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        request.headers.add(contentsOf: headers)
        if let body { request.body = .bytes(body) }
        let response = try await client.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 4 << 20)
        return (Int(response.status.code), response.headers, String(buffer: bytes))
    }

    /// Runs `body` with an HTTP client, shut down afterwards whether `body` throws or not.
    func withHTTPClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let value = try await body(client)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Stops server processes as an orchestrator does (SIGTERM) and expects each to exit cleanly.
    func stop(_ processes: RodProcess..., sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        for rod in processes { rod.process.terminate() }
        for rod in processes { #expect(try await rod.waitForExit() == 0, sourceLocation: sourceLocation) }
    }

    /// A bot API request (`/bot/<path>`) with a JSON body.
    func post(_ client: HTTPClient, port: Int, _ path: String, _ body: JSON) async throws -> (status: Int, body: String) {
        let reply = try await send(
            client, port: port, .POST, "/bot/\(path)", headers: [("Content-Type", "application/json")], body: body.serialized())
        return (reply.status, reply.body)
    }

    @Test func servesTheBotAPIAndStopsCleanlyOnSIGTERM() async throws {
        let rod = try RodProcess(["serve", "--port", "0"])
        let port = try await rod.waitUntilServing()
        try await withHTTPClient { client in
            let health = try await client.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)/health"), timeout: .seconds(60))
            #expect(health.status == .ok)

            let payload: JSON = [
                "APIKey": "dev-api-key", "character": ["name": "Vlad", "user": "1001", "splat": "vampire5th", "hunger": 3],
            ]
            #expect(try await post(client, port: port, "character/new", payload).status == 201)
            let got = try await post(
                client, port: port, "character/get", ["APIKey": "dev-api-key", "user_id": "1001", "name": "Vlad"])
            #expect(got.status == 200)
            #expect(try JSON.parse(got.body)["hunger"] == 3)
            let refused = try await post(client, port: port, "character/get", ["user_id": "1001", "name": "Vlad"])
            #expect(refused.status == 404)
            #expect(refused.body == #"{"detail":"Not found."}"#)
        }

        try await stop(rod)

        // The character outlived the process: a new one on the same data folder reads it back as it was saved.
        let again = try RodProcess(
            ["serve", "--port", "0"], environment: ["ROD_DATA_DIR": rod.folder.appendingPathComponent("data").path])
        let restarted = try await again.waitUntilServing()
        let reader = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let got = try await post(
                reader, port: restarted, "character/get", ["APIKey": "dev-api-key", "user_id": "1001", "name": "Vlad"])
            #expect(got.status == 200)
            let character = try JSON.parse(got.body)
            #expect(character["hunger"] == 3 && character["name"] == "Vlad" && character["splat"] == "vampire5th")
        } catch {
            try? await reader.shutdown()
            throw error
        }
        try await reader.shutdown()
        try await stop(again)
    }

    /// What a new user does: mint a session with `rod session mint`, then create, read, update and delete a
    /// sheet of every splat over HTTP, as curl would.
    @Test func aMintedSessionDrivesTheWebAPIForEverySplat() async throws {
        let rod = try RodProcess(["serve", "--port", "0"])
        let port = try await rod.waitUntilServing()
        let mint = try RodProcess(
            ["session", "mint", "1001"], environment: ["ROD_DATA_DIR": rod.folder.appendingPathComponent("data").path])
        #expect(try await mint.waitForExit() == 0)
        let cookie = mint.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(cookie.hasPrefix("sessionid=") && cookie.contains("; csrftoken="))
        let csrf = String(cookie.split(separator: "=").last ?? "")
        try await withHTTPClient { client in
            func call(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
                let reply = try await send(
                    client, port: port, method, "/api/character/\(path)", headers: [("Cookie", cookie), ("X-CSRFToken", csrf)],
                    body: body.map { Array($0.utf8) })
                return (reply.status, reply.body)
            }
            for slug in registry.slugs {
                let created = try await call(.GET, "new/\(slug)?name=Sheet")
                #expect(created.status == 200, "\(slug): \(created.body)")
                let id = try #require(try JSON.parse(created.body)["id"]?.intValue)
                #expect(try await call(.GET, "get/\(slug)?id=\(id)").status == 200)
                #expect(try await call(.PUT, "update/\(slug)/\(id)", body: #"{"notes":"by curl"}"#).status == 200)
                #expect(try JSON.parse(try await call(.GET, "get/\(slug)?id=\(id)").body)["notes"] == "by curl")
                #expect(try await call(.DELETE, "delete?id=\(id)").status == 200)
            }
        }
    }

    @Test func refusesBotCallsFromOutsideTheAllowedNetworks() async throws {
        let rod = try RodProcess(["serve", "--port", "0"], environment: ["ROD_BOT_ALLOWED_NETWORKS": "10.0.0.0/8"])
        let port = try await rod.waitUntilServing()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let result = try await post(client, port: port, "character/count", ["APIKey": "dev-api-key", "user_id": "1"])
        try await client.shutdown()
        #expect(result.status == 404)
        #expect(result.body == #"{"detail":"Not found."}"#)
    }

    @Test func splatCheckExitsNonZeroAndListsEveryProblem() async throws {
        let good = try RodProcess(["splat", "check", "--splats", packageRoot.appendingPathComponent("splats").path])
        #expect(try await good.waitForExit() == 0)
        #expect(good.standardOutput.contains("\(registry.splats.count) splats, no problems."))

        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("rod-broken-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("splats"), to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        let vampire = broken.appendingPathComponent("vampire5th.yaml")
        let text = try String(contentsOf: vampire, encoding: .utf8)
            .replacingOccurrences(of: "hunger: {min: 0, max: 5, default: 1}", with: "hunger: {min: 0, max: 5, default: 7}")
        try text.write(to: vampire, atomically: true, encoding: .utf8)
        try "splat: mage20th\nname: [\n".write(
            to: broken.appendingPathComponent("mage20th.yaml"), atomically: true, encoding: .utf8)

        // The folder named by the flag, or else by ROD_SPLATS_DIR (issue 23: the variable was ignored).
        for (arguments, environment) in [
            (["splat", "check", "--splats", broken.path], [:]), (["splat", "check"], ["ROD_SPLATS_DIR": broken.path]),
        ] {
            let check = try RodProcess(arguments, environment: environment)
            #expect(try await check.waitForExit() == 1)
            #expect(check.standardError.contains("vampire5th.yaml:"))
            #expect(check.standardError.contains("default 7 is refused by its own declaration"))
            #expect(check.standardError.contains("mage20th.yaml:3:1: error: invalid YAML"))
            #expect(check.standardError.contains("2 problem(s) found in \(broken.path)."))
        }
    }

    /// Issue 23: every command finds the splats the same way: `--splats`, then ROD_SPLATS_DIR, then config.
    @Test func schemaExportReadsTheConfiguredSplatsFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-cod-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("splats"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["character2nd.yaml", "mortal2nd.yaml"] {
            try FileManager.default.copyItem(
                at: packageRoot.appendingPathComponent("Tests/Fixtures/splats-cod/\(name)"),
                to: folder.appendingPathComponent(name))
        }
        let export = try RodProcess(["schema", "export", "out"], environment: ["ROD_SPLATS_DIR": folder.path])
        #expect(try await export.waitForExit() == 0, "\(export.standardError)")
        let schema = try JSON.parse(
            Array(try Data(contentsOf: export.folder.appendingPathComponent("out/mortal2nd.json"))))
        #expect(schema["$defs"]?["Mortal2ndSheet"] != nil, "\(schema.serializedString().prefix(300))")
        let check = try RodProcess(["splat", "check"], environment: ["ROD_SPLATS_DIR": folder.path])
        #expect(try await check.waitForExit() == 0)
        #expect(
            check.standardOutput.contains("mortal2nd: Mortal 2nd")
                && check.standardOutput.contains("\(registry.splats.count + 1) splats"))
    }

    @Test func migrateIsSafeToRunTwice() async throws {
        let first = try RodProcess(["migrate"])
        #expect(try await first.waitForExit() == 0)
        #expect(first.standardOutput.contains("is up to date (\(StoreSchema.migrations.count) migrations"))
        let again = try RodProcess(["migrate"], environment: ["ROD_DATA_DIR": first.folder.appendingPathComponent("data").path])
        #expect(try await again.waitForExit() == 0)
    }

    @Test func productionRefusesToStartWithTheDevelopmentSecrets() async throws {
        let rod = try RodProcess(["serve", "--port", "0"], environment: ["ENV": "production"])
        #expect(try await rod.waitForExit() == 1)
        #expect(rod.standardError.contains("needs API_KEY"))
    }
}
