import AsyncHTTPClient
import Foundation
import NIOHTTP1
import RodCore
import RodTestSupport
import Testing

/// Faults injected from outside into the real services `rod serve` runs on: PostgreSQL stopped under a server, Redis
/// killed or frozen under two servers. What is checked is what clients see.
extension ServerProcessTests {
    /// Two `rod serve` processes on one SQLite file and one Redis, each ready to pass gateway events, and a session
    /// cookie for user 1001.
    func processPair(redis: RedisServer) async throws -> (a: RodProcess, b: RodProcess, ports: [Int], cookie: String) {
        let settings = ["REDIS_URL": redis.url, "LOG_LEVEL": "notice"]
        let a = try RodProcess(["serve", "--port", "0"], environment: settings)
        let portA = try await a.waitUntilServing()
        let data = a.folder.appendingPathComponent("data").path
        let b = try RodProcess(["serve", "--port", "0"], environment: settings.merging(["ROD_DATA_DIR": data]) { $1 })
        let portB = try await b.waitUntilServing()
        try await waitForLog(a, "listening for gateway events on Redis")
        try await waitForLog(b, "listening for gateway events on Redis")
        let mint = try RodProcess(["session", "mint", "1001"], environment: ["ROD_DATA_DIR": data])
        #expect(try await mint.waitForExit() == 0)
        return (a, b, [portA, portB], mint.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The revisions of character `id` a socket was shown, in order: each `UPDATE_CHARACTER`'s, and each READY's
    /// (frames not taken by the test).
    func shownRevisions(_ socket: GatewayClient, _ id: JSON) -> [Int64] {
        socket.frames.pending.compactMap { frame in
            switch frame["t"]?.stringValue {
            case "UPDATE_CHARACTER" where frame["d"]?["id"]?.coercedInteger == id.coercedInteger:
                frame["d"]?["revision"]?.intValue
            case "READY": frame["d"]?["revisions"]?[id.coercedInteger.map { String($0) } ?? ""]?.intValue
            default: nil
            }
        }
    }

    /// Waits until the last state of character `id` the socket was shown is `revision`.
    func waitUntilShown(_ socket: GatewayClient, _ id: JSON, revision: Int64) async throws {
        let deadline = ContinuousClock.now + Wait.budget
        while shownRevisions(socket, id).last != revision {
            guard ContinuousClock.now < deadline else {
                throw SupportError("revision \(revision) never shown; shown: \(shownRevisions(socket, id))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The id of the first character the socket was sent, leaving its frame for `shownRevisions`.
    func createdCharacter(_ socket: GatewayClient) async throws -> JSON {
        let deadline = ContinuousClock.now + Wait.budget
        while true {
            if let id = socket.frames.pending.first(where: { $0["t"] == "UPDATE_CHARACTER" })?["d"]?["id"] { return id }
            guard ContinuousClock.now < deadline else { throw SupportError("no UPDATE_CHARACTER: \(socket.frames.pending)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The character's revision in the store, from the web API's `ETag`.
    func storedRevision(_ client: HTTPClient, port: Int, _ id: JSON, cookie: String) async throws -> Int64 {
        let reply = try await send(
            client, port: port, .GET, "/api/character/get/vampire5th?id=\(id.coercedInteger ?? 0)",
            headers: [("Cookie", cookie)])
        let etag = reply.headers.first(name: "ETag") ?? ""
        return try #require(Int64(etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))), "\(reply.status) \(etag)")
    }

    /// Waits until `/ready` answers `status`.
    func waitForReadiness(_ client: HTTPClient, port: Int, _ status: Int) async throws -> String {
        let deadline = ContinuousClock.now + Wait.budget
        while true {
            let reply = try await get(client, port: port, "/ready")
            if reply.status == status { return reply.body }
            guard ContinuousClock.now < deadline else { throw SupportError("/ready still answers \(reply.status)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// A bot save of user 1001's character `id` through `port`.
    func save(_ client: HTTPClient, port: Int, _ id: JSON, hunger: Int64) async throws -> Int {
        let character: JSON = ["id": id, "name": "Vlad", "user": "1001", "splat": "vampire5th", "hunger": .int(hunger)]
        return try await post(client, port: port, "character/save", ["APIKey": "dev-api-key", "character": character]).status
    }

    @Test(.enabled(if: RedisServer.isInstalled, "needs redis-server (scripts/test.sh installs it)"))
    func noPageGoesBackToAnOlderRevisionWhenRedisReturns() async throws {
        let redis = try RedisServer()
        let (a, b, ports, cookie) = try await processPair(redis: redis)
        let sockets = ports.map { GatewayClient(port: $0, host: "127.0.0.1", cookie: cookie) }
        for socket in sockets { _ = try await socket.identify() }
        try await withHTTPClient { client in
            let payload: JSON = ["APIKey": "dev-api-key", "character": ["name": "Vlad", "user": "1001", "splat": "vampire5th"]]
            #expect(try await post(client, port: ports[0], "character/new", payload).status == 201)
            let id = try await createdCharacter(sockets[1])
            for socket in sockets { try await waitUntilShown(socket, id, revision: 1) }

            // Redis goes away. A save through A (revision 2), then one through B (revision 3): each process's own
            // sockets see its save at once, the other's cannot.
            redis.stop()
            try await waitForLog(a, "Redis unavailable")
            try await waitForLog(b, "Redis unavailable")
            #expect(try await save(client, port: ports[0], id, hunger: 2) == 200)
            try await waitUntilShown(sockets[0], id, revision: 2)
            #expect(try await save(client, port: ports[1], id, hunger: 3) == 200)
            try await waitUntilShown(sockets[1], id, revision: 3)

            // Redis returns: with no further save, both pages come to revision 3 (A's reads its state again), and
            // B's is never shown A's revision 2, which the original's queue would have replayed.
            try redis.start()
            for socket in sockets { try await waitUntilShown(socket, id, revision: 3) }
            #expect(try await waitForReadiness(client, port: ports[0], 200).contains("ok"))

            // Events flow again. Then saves through both processes at once: each process's own sockets hear its
            // saves at once and the other's a little later, through Redis, so events arrive out of order; every
            // page's revisions still only ever go forward.
            #expect(try await save(client, port: ports[0], id, hunger: 4) == 200)
            for round in 0..<30 {
                async let throughA = save(client, port: ports[0], id, hunger: 0)
                async let throughB = save(client, port: ports[1], id, hunger: Int64(1 + round % 4))
                #expect(try await [throughA, throughB] == [200, 200])
            }
            let last = try await storedRevision(client, port: ports[0], id, cookie: cookie)
            for socket in sockets {
                try await waitUntilShown(socket, id, revision: last)
                let shown = shownRevisions(socket, id)
                #expect(shown == shown.sorted(), "\(shown)")
            }
            #expect(!shownRevisions(sockets[1], id).contains(2))
        }
        try await stop(a, b)
    }

    @Test(.enabled(if: RedisServer.isInstalled, "needs redis-server (scripts/test.sh installs it)"))
    func aFrozenRedisIsReportedAndPagesCatchUpWhenItThaws() async throws {
        let redis = try RedisServer()
        let (a, b, ports, cookie) = try await processPair(redis: redis)
        let sockets = ports.map { GatewayClient(port: $0, host: "127.0.0.1", cookie: cookie) }
        for socket in sockets { _ = try await socket.identify() }
        // A failing test must not leave Redis frozen for the next.
        defer { redis.thaw() }
        try await withHTTPClient { client in
            let payload: JSON = ["APIKey": "dev-api-key", "character": ["name": "Vlad", "user": "1001", "splat": "vampire5th"]]
            #expect(try await post(client, port: ports[0], "character/new", payload).status == 201)
            let id = try #require(try await sockets[1].frames.next("UPDATE_CHARACTER")["d"]?["id"])

            // Frozen, Redis keeps its connections open and answers nothing: each process finds out by its pings,
            // says so in /ready and in its log, and keeps serving HTTP.
            redis.freeze()
            for port in ports {
                let body = try await waitForReadiness(client, port: port, 503)
                #expect(try JSON.parse(body)["channels"]?.stringValue?.hasPrefix("unavailable") == true, "\(body)")
            }
            try await waitForLog(a, "has not answered")
            #expect(try await save(client, port: ports[0], id, hunger: 2) == 200)
            #expect(try await save(client, port: ports[1], id, hunger: 3) == 200)
            try await waitUntilShown(sockets[1], id, revision: 3)

            // Thawed, Redis delivers what it held (A's revision 2 among it): no page goes back, and both come to
            // revision 3, then follow the next save.
            redis.thaw()
            for port in ports { _ = try await waitForReadiness(client, port: port, 200) }
            for socket in sockets { try await waitUntilShown(socket, id, revision: 3) }
            #expect(try await save(client, port: ports[0], id, hunger: 4) == 200)
            for socket in sockets {
                try await waitUntilShown(socket, id, revision: 4)
                let shown = shownRevisions(socket, id)
                #expect(shown == shown.sorted(), "\(shown)")
            }
        }
        try await stop(a, b)
    }

    @Test(.enabled(if: PostgresServer.isInstalled, "needs PostgreSQL (scripts/test.sh installs it)"))
    func aPostgreSQLOutageAnswers503WithinTheWaitAndAppliesNothingItRefused() async throws {
        let postgres = try PostgresServer()
        let settings = [
            "DATABASE_URL": postgres.url, "ROD_DB_WAIT_SECONDS": "2", "ROD_DB_MAX_WAITING": "4", "LOG_LEVEL": "notice",
        ]
        let rod = try RodProcess(["serve", "--port", "0"], environment: settings)
        let port = try await rod.waitUntilServing()
        let mint = try RodProcess(["session", "mint", "1001"], environment: settings)
        #expect(try await mint.waitForExit() == 0)
        let cookie = mint.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let socket = GatewayClient(port: port, host: "127.0.0.1", cookie: cookie)
        _ = try await socket.identify()
        try await withHTTPClient { client in
            let payload: JSON = ["APIKey": "dev-api-key", "character": ["name": "Vlad", "user": "1001", "splat": "vampire5th"]]
            #expect(try await post(client, port: port, "character/new", payload).status == 201)
            let id = try #require(try await socket.frames.next("UPDATE_CHARACTER")["d"]?["id"])
            #expect(try await save(client, port: port, id, hunger: 1) == 200)

            // PostgreSQL stops and stays stopped while the requests below are answered: an answer at all means the
            // wait ended it, not the database's return. Twelve saves at once, beyond the four that may wait: every
            // one answers 503 with Retry-After, in the bot's error format.
            postgres.stop()
            let replies = try await withThrowingTaskGroup(of: (status: Int, headers: HTTPHeaders, body: String).self) { group in
                for hunger in 2...13 {
                    let character: JSON = [
                        "id": id, "name": "Vlad", "user": "1001", "splat": "vampire5th", "hunger": .int(Int64(hunger)),
                    ]
                    let body = JSON.object(["APIKey": "dev-api-key", "character": character]).serialized()
                    group.addTask {
                        try await send(
                            client, port: port, .POST, "/bot/character/save", headers: [("Content-Type", "application/json")],
                            body: body)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for reply in replies {
                #expect(reply.status == 503, "\(reply.body)")
                #expect(reply.headers.first(name: "Retry-After") == "2")
                #expect(try JSON.parse(reply.body)["detail"]?.stringValue?.hasPrefix("The database is unavailable") == true)
            }
            // The web face and the gateway say the same in their own formats.
            let csrf = String(cookie.split(separator: "=").last ?? "")
            let web = try await send(
                client, port: port, .GET, "/api/character/get/vampire5th?id=\(id.coercedInteger ?? 0)",
                headers: [("Cookie", cookie), ("X-CSRFToken", csrf)])
            #expect(web.status == 503 && web.headers.first(name: "Retry-After") == "2", "\(web.status) \(web.body)")
            let refused = try await socket.fieldUpdate(["nonce": 1, "id": id, "key": "hunger", "revision": 2, "value": 5])
            #expect(refused["t"] == "FIELD_ERROR" && refused["d"]?["reason"] == "unavailable", "\(refused)")
            #expect(try await waitForReadiness(client, port: port, 503).contains("unavailable"))

            // Back: the server serves again by itself, and not one refused save was applied later.
            try postgres.start()
            _ = try await waitForReadiness(client, port: port, 200)
            let got = try await post(client, port: port, "character/get", ["APIKey": "dev-api-key", "pk": id])
            #expect(got.status == 200)
            #expect(try JSON.parse(got.body)["hunger"] == 1, "\(got.body)")
            #expect(try await save(client, port: port, id, hunger: 5) == 200)
            // The outage is two lines of the log, however many requests it refused.
            try await waitForLog(rod, "PostgreSQL available again")
            #expect(rod.standardError.components(separatedBy: "PostgreSQL unavailable").count == 2, "\(rod.standardError)")
        }
        try await stop(rod)
    }
}
