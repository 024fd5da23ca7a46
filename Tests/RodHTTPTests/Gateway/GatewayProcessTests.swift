import AsyncHTTPClient
import Foundation
import RodApp
import RodCore
import RodTestSupport
import Testing

/// Two `rod serve` processes sharing one store and one Redis, as an operator runs them behind a load balancer.
extension ServerProcessTests {
    /// Waits until the process's log shows `text`.
    func waitForLog(_ rod: RodProcess, _ text: String, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !rod.standardError.contains(text) {
            guard ContinuousClock.now < deadline else { throw SupportError("no `\(text)` in the log: \(rod.standardError)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test(.enabled(if: RedisServer.isInstalled, "needs redis-server (scripts/test.sh installs it)"))
    func aSaveThroughOneProcessReachesASocketOnAnotherAndSurvivesRedisGoingAway() async throws {
        let redis = try RedisServer()
        let (a, b, ports, cookie) = try await processPair(redis: redis)
        let (portA, portB) = (ports[0], ports[1])
        let data = a.folder.appendingPathComponent("data").path

        let socket = GatewayClient(port: portB, host: "127.0.0.1", cookie: cookie)
        #expect(try await socket.identify()["user"]?["id"] == "1001")
        try await withHTTPClient { client in
            func save(_ traits: JSON) async throws -> Int {
                var character: JSONObject = ["name": "Vlad", "user": "1001", "splat": "vampire5th"]
                for (key, value) in traits.objectValue ?? [:] { character[key] = value }
                let path = traits["id"] == nil ? "character/new" : "character/save"
                return try await post(client, port: portA, path, ["APIKey": "dev-api-key", "character": .object(character)])
                    .status
            }
            // A creation and a save through process A reach the socket held by process B.
            #expect(try await save(["hunger": 1]) == 201)
            let created = try await socket.frames.next("UPDATE_CHARACTER", timeout: .seconds(60))
            let id = try #require(created["d"]?["id"])
            #expect(try await save(["id": id, "hunger": 2]) == 200)
            #expect(try await socket.frames.next("UPDATE_CHARACTER")["d"]?["character"]?["hunger"] == 2)

            // A web sheet changed and restored through process A: the restore reaches the socket on B, and
            // `rod history show` reads it from the store.
            let csrf = String(cookie.split(separator: "=").last ?? "")
            let web: [(String, String)] = [("Cookie", cookie), ("X-CSRFToken", csrf), ("Content-Type", "application/json")]
            let sheet = try await send(client, port: portA, .GET, "/api/character/new/vampire5th?name=Sheet", headers: web)
            let sheetID = try #require(try JSON.parse(sheet.body)["id"]?.intValue)
            _ = try await socket.frames.next("UPDATE_CHARACTER")
            let changed = try await send(
                client, port: portA, .PUT, "/api/character/update/vampire5th/\(sheetID)", headers: web,
                body: Array(#"{"hunger": 4}"#.utf8))
            #expect(changed.status == 200)
            _ = try await socket.frames.next("UPDATE_CHARACTER")
            let restored = try await send(
                client, port: portA, .POST, "/api/character/restore/\(sheetID)", headers: web,
                body: Array(#"{"revision": 1}"#.utf8))
            #expect(restored.status == 200, "\(restored.body)")
            let seen = try await socket.frames.next("UPDATE_CHARACTER")["d"]
            #expect(seen?["id"] == .int(sheetID) && seen?["character"]?["hunger"] == 1 && seen?["revision"] == 3)
            let show = try RodProcess(["history", "show", "\(sheetID)"], environment: ["ROD_DATA_DIR": data])
            #expect(try await show.waitForExit() == 0)
            #expect(show.standardOutput.contains("r3") && show.standardOutput.contains("via restore by 1001, restoring r1"))
            #expect(show.standardOutput.contains("hunger: 4 -> 1"), "\(show.standardOutput)")

            // Without Redis, HTTP keeps serving and nothing saved is lost; each process says so in its log.
            redis.stop()
            #expect(try await save(["id": id, "hunger": 3]) == 200)
            try await waitForLog(b, "Redis unavailable")
            let notReady = try await get(client, port: portB, "/ready")
            #expect(notReady.status == 503)
            #expect(try JSON.parse(notReady.body)["channels"]?.stringValue?.hasPrefix("unavailable") == true)
            let got = try await post(client, port: portB, "character/get", ["APIKey": "dev-api-key", "pk": id])
            #expect(try JSON.parse(got.body)["hunger"] == 3)

            // Once Redis is back, updates flow again. The page may learn of this save from a fresh READY (process A's
            // events sent while Redis was away were lost, so B's sockets read their state again) rather than from
            // UPDATE_CHARACTER, which then is not sent twice.
            try redis.start()
            try await waitForLog(b, "Redis is back")
            #expect(try await get(client, port: portB, "/ready").status == 200)
            #expect(try await save(["id": id, "hunger": 4]) == 200)
            let key = String(id.coercedInteger ?? 0)
            _ = try await socket.frames.take(
                where: {
                    ($0["t"] == "UPDATE_CHARACTER" && $0["d"]?["character"]?["hunger"] == 4)
                        || ($0["t"] == "READY" && $0["d"]?["characters"]?[key]?["hunger"] == 4)
                }, timeout: .seconds(60))

            // The user erases themselves through process A: their socket on B closes.
            let erased = try await send(
                client, port: portA, .DELETE, "/api/user/me", headers: web, body: Array(#"{"confirm": "erase my data"}"#.utf8))
            #expect(erased.status == 200, "\(erased.body)")
            #expect(try await socket.closedByServer()?.reason == "signed out")
        }
        try await stop(a, b)
    }
}
