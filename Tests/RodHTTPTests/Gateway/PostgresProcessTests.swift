import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import RodApp
import RodCore
import RodStorePostgres
import RodTestSupport
import Testing

@testable import RodStore

/// Two `rod serve` processes on one PostgreSQL and one Redis, as an operator runs them behind a load balancer:
/// concurrent read-modify-write saves of one sheet through both never lose an update, and gateway updates reach
/// sockets on both.
extension ServerProcessTests {
    /// A database of its own on the test server, dropped afterwards.
    func withPostgresDatabase(_ body: (String) async throws -> Void) async throws {
        let endpoint = try #require(TestPostgres.endpoint)
        let name = "rod_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = PostgresDatabase(
            endpoint: endpoint, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        var database = endpoint
        database.database = name
        try await admin.withRunning {
            // CREATE and DROP DATABASE cannot run inside a transaction: `read` runs them on a bare connection.
            _ = try await admin.read { db in try await db.execute("CREATE DATABASE \(raw: name)") }
            do {
                try await body("postgresql://\(database.username)@\(database.host):\(database.port)/\(name)")
            } catch {
                _ = try? await admin.read { db in try await db.execute("DROP DATABASE \(raw: name) WITH (FORCE)") }
                throw error
            }
            _ = try await admin.read { db in try await db.execute("DROP DATABASE \(raw: name) WITH (FORCE)") }
        }
    }

    /// A web API request with the session cookie and its CSRF token; returns status, `ETag` and body.
    func web(
        _ client: HTTPClient, port: Int, _ method: HTTPMethod, _ path: String, cookie: String, body: JSON? = nil,
        ifMatch: String? = nil
    ) async throws -> (status: Int, etag: String?, body: JSON) {
        var headers = [("Cookie", cookie)]
        if let csrf = cookie.split(separator: "; ").first(where: { $0.hasPrefix("csrftoken=") })?.dropFirst(10) {
            headers.append(("X-CSRFToken", String(csrf)))
        }
        if let ifMatch { headers.append(("If-Match", ifMatch)) }
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let reply = try await send(
            client, port: port, method, path, headers: headers, body: body?.serialized(), timeout: .seconds(60))
        return (reply.status, reply.headers.first(name: "ETag"), reply.body.isEmpty ? .null : try JSON.parse(reply.body))
    }

    @Test(
        .enabled(if: TestPostgres.isConfigured, Comment(rawValue: TestPostgres.skipReason)),
        .enabled(if: RedisServer.isInstalled, "needs redis-server (scripts/test.sh installs it)"))
    func twoProcessesOnOnePostgreSQLNeverLoseAConcurrentSave() async throws {
        try await withPostgresDatabase { databaseURL in
            let redis = try RedisServer()
            let settings = [
                "DATABASE_URL": databaseURL, "REDIS_URL": redis.url, "LOG_LEVEL": "notice", "ROD_DB_WAIT_SECONDS": "60",
            ]
            let a = try RodProcess(["serve", "--port", "0"], environment: settings)
            let b = try RodProcess(["serve", "--port", "0"], environment: settings)
            let ports = [try await a.waitUntilServing(), try await b.waitUntilServing()]
            try await waitForLog(a, "listening for gateway events on Redis")
            try await waitForLog(b, "listening for gateway events on Redis")
            // Each process keeps its own data folder: everything shared lives in PostgreSQL.
            #expect(a.folder != b.folder)
            let mint = try RodProcess(["session", "mint", "1001"], environment: settings)
            #expect(try await mint.waitForExit() == 0)
            let cookie = mint.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let sockets = ports.map { GatewayClient(port: $0, host: "127.0.0.1", cookie: cookie) }
            for socket in sockets { #expect(try await socket.identify()["user"]?["id"] == "1001") }

            try await withHTTPClient { client in
                let created = try await web(client, port: ports[0], .GET, "/api/character/new/v5?name=Vlad", cookie: cookie)
                #expect(created.status == 200)
                let id = try #require(created.body["id"]?.intValue)

                // Eight writers, four on each process, each adding 1 to exp_total five times by read-modify-write
                // with If-Match. A save on a revision that moved on is refused (412) with the current sheet, and the
                // writer tries again from it.
                let (writers, increments) = (8, 5)
                let refusals = try await withThrowingTaskGroup(of: Int.self) { group in
                    for writer in 0..<writers {
                        let port = ports[writer % 2]
                        group.addTask {
                            var refused = 0
                            var current = try await web(
                                client, port: port, .GET, "/api/character/get/v5?id=\(id)", cookie: cookie)
                            for _ in 0..<increments {
                                while true {
                                    let total = try #require(current.body["exp"]?["total"]?.intValue)
                                    let saved = try await web(
                                        client, port: port, .PUT, "/api/character/update/v5/\(id)", cookie: cookie,
                                        body: ["exp_total": .int(total + 1)], ifMatch: current.etag)
                                    if saved.status == 200 {
                                        current = try await web(
                                            client, port: port, .GET, "/api/character/get/v5?id=\(id)", cookie: cookie)
                                        break
                                    }
                                    try #require(saved.status == 412, "unexpected \(saved.status): \(saved.body)")
                                    refused += 1
                                    current = saved
                                }
                            }
                            return refused
                        }
                    }
                    return try await group.reduce(0, +)
                }
                let final = try await web(client, port: ports[1], .GET, "/api/character/get/v5?id=\(id)", cookie: cookie)
                #expect(final.body["exp"]?["total"] == .int(Int64(writers * increments)))
                // One revision per applied save, and nothing else: every refused save wrote nothing.
                #expect(final.etag == "\"\(1 + writers * increments)\"")
                // The writers did collide (otherwise this test proves little) and recovered every time.
                #expect(refusals > 0)

                // Both processes' sockets hear the last revision, whichever process saved it.
                for socket in sockets {
                    _ = try await socket.frames.take(
                        where: { $0["t"] == "UPDATE_CHARACTER" && $0["d"]?["revision"] == .int(Int64(1 + writers * increments)) },
                        timeout: .seconds(60))
                }
            }
            for socket in sockets { _ = try? await socket.close() }
            try await stop(a, b)
        }
    }

    /// Issue 27: the tier's character limit holds across processes. 120 `bot/character/new` at once for a tier-0 user
    /// (50 characters), alternating between two processes on one PostgreSQL: exactly 50 are created, every other one
    /// answered 409, and the database holds 50.
    @Test(.enabled(if: TestPostgres.isConfigured, Comment(rawValue: TestPostgres.skipReason)))
    func twoProcessesHoldTheTiersCharacterLimitTogether() async throws {
        try await withPostgresDatabase { databaseURL in
            // Room to wait for a connection under this test's load; the wait itself is FaultProcessTests'.
            let settings = ["DATABASE_URL": databaseURL, "LOG_LEVEL": "warning", "ROD_DB_WAIT_SECONDS": "60"]
            let a = try RodProcess(["serve", "--port", "0"], environment: settings)
            let b = try RodProcess(["serve", "--port", "0"], environment: settings)
            let ports = [try await a.waitUntilServing(), try await b.waitUntilServing()]
            try await withHTTPClient { client in
                // The user exists first (as after any bot command), so that every creation races only for room.
                let first: JSON = ["APIKey": "dev-api-key", "character": ["name": "C0", "user": "1001", "splat": "human5th"]]
                #expect(try await post(client, port: ports[0], "character/new", first).status == 201)
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 1..<120 {
                        let port = ports[index % 2]
                        group.addTask {
                            let body: JSON = [
                                "APIKey": "dev-api-key",
                                "character": ["name": .string("C\(index)"), "user": "1001", "splat": "human5th"],
                            ]
                            return try await post(client, port: port, "character/new", body).status
                        }
                    }
                    var statuses: [Int: Int] = [:]
                    for try await status in group { statuses[status, default: 0] += 1 }
                    return statuses
                }
                #expect(statuses == [201: 49, 409: 70], "\(statuses)")
                let count = try await post(
                    client, port: ports[1], "character/count", ["APIKey": "dev-api-key", "user_id": "1001"])
                #expect(count.status == 200)
                #expect(try JSON.parse(Array(count.body.utf8))["global"]?["total"] == 50, "\(count.body)")
            }
            try await stop(a, b)
        }
    }
}
