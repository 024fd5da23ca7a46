import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import RodApp
import RodChannels
import RodCore
import RodStore
import RodStorePostgres
import RodStoreSQLite
import RodTestSupport
import Synchronization
import Testing

@testable import RodHTTP

extension ServerProcessTests {
    func get(_ client: HTTPClient, port: Int, _ path: String, headers: [(String, String)] = []) async throws -> (
        status: Int, headers: [(String, String)], body: String
    ) {
        let reply = try await send(client, port: port, .GET, path, headers: headers)
        return (reply.status, reply.headers.map { ($0.name, $0.value) }, reply.body)
    }

    @Test func healthReadinessMetricsAndRequestIDs() async throws {
        let token = "scrape-token-0123456789"
        let rod = try RodProcess(
            ["serve", "--port", "0"], environment: ["ROD_METRICS_TOKEN": token, "LOG_FORMAT": "json", "LOG_LEVEL": "info"])
        let port = try await rod.waitUntilServing()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            #expect(try await get(client, port: port, "/health").body == #"{"status":"ok"}"#)
            let ready = try await get(client, port: port, "/ready")
            #expect(ready.status == 200)
            #expect(try JSON.parse(ready.body) == ["status": "ready", "store": "ok", "channels": "ok"])

            // The client's request id is echoed and carried by the request's log line, a JSON object.
            let traced = try await get(client, port: port, "/health", headers: [("X-Request-Id", "lb-4f2a")])
            #expect(traced.headers.contains { $0.0.lowercased() == "x-request-id" && $0.1 == "lb-4f2a" })
            let untraced = try await get(client, port: port, "/health")
            let generated = try #require(untraced.headers.first { $0.0.lowercased() == "x-request-id" }?.1)
            #expect(!generated.isEmpty && generated != "lb-4f2a")
            try await waitForLog(rod, "lb-4f2a")
            let line = try #require(rod.standardError.split(separator: "\n").first { $0.contains("lb-4f2a") })
            let entry = try JSON.parse(String(line))
            #expect(entry["message"] == "request" && entry["level"] == "info")
            #expect(entry["hb.request.id"] == "lb-4f2a" && entry["path"] == "/health" && entry["status"] == "200")
            #expect(entry["duration_ms"]?.stringValue.flatMap(Double.init) != nil)

            // Metrics only for the bearer of the token.
            #expect(try await get(client, port: port, "/metrics").status == 401)
            #expect(try await get(client, port: port, "/metrics", headers: [("Authorization", "Bearer wrong")]).status == 401)
            _ = try await post(
                client, port: port, "character/new",
                ["APIKey": "dev-api-key", "character": ["name": "V", "user": "7", "splat": "vampire5th"]])
            let metrics = try await get(client, port: port, "/metrics", headers: [("Authorization", "Bearer \(token)")])
            #expect(metrics.status == 200)
            for name in [
                "hb_requests", "http_server_request_duration_bucket", "http_server_active_requests", "rod_gateway_connections",
                #"rod_store_duration_seconds_count{engine="sqlite",access="write"}"#,
            ] {
                #expect(metrics.body.contains(name), "\(name) missing from /metrics")
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        rod.process.terminate()
        #expect(try await rod.waitForExit() == 0)
    }

    @Test func withoutATokenThereIsNoMetricsRoute() async throws {
        let rod = try RodProcess(["serve", "--port", "0"])
        let port = try await rod.waitUntilServing()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let metrics = try await get(client, port: port, "/metrics")
        try await client.shutdown()
        #expect(metrics.status == 404)
        rod.process.terminate()
        _ = try await rod.waitForExit()
    }
}

@Suite struct JSONLogHandlerTests {
    @Test func writesOneJSONObjectPerLineWithTheMetadata() throws {
        let lines = Mutex<[[UInt8]]>([])
        var handler = JSONLogHandler(label: "rod") { bytes in lines.withLock { $0.append(bytes) } }
        handler.logLevel = .debug
        handler[metadataKey: "hb.request.id"] = "r1"
        var logger = Logger(label: "rod") { _ in handler }
        logger[metadataKey: "user"] = .stringConvertible(42)
        logger.info("saved \"Vlad\"\nsecond line", metadata: ["ids": [.string("1"), .string("2")]])
        logger.trace("not written")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.last == UInt8(ascii: "\n") && line.dropLast().allSatisfy { $0 != UInt8(ascii: "\n") })
        let entry = try JSON.parse(String(decoding: line, as: UTF8.self))
        #expect(entry["message"] == "saved \"Vlad\"\nsecond line")
        #expect(entry["level"] == "info" && entry["label"] == "rod")
        #expect(entry["hb.request.id"] == "r1" && entry["user"] == "42" && entry["ids"] == ["1", "2"])
        #expect(entry["time"]?.stringValue?.hasSuffix("Z") == true)
    }
}

extension ServerProcessTests {
    @Test func backupCopiesTheSQLiteStoreWhileItServesWrites() async throws {
        let rod = try RodProcess(["serve", "--port", "0"])
        let port = try await rod.waitUntilServing()
        let data = ["ROD_DATA_DIR": rod.folder.appendingPathComponent("data").path]
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let copy = rod.folder.appendingPathComponent("copy.sqlite3").path
        do {
            for index in 0..<20 {
                let character: JSON = ["name": .string("V\(index)"), "user": "7", "splat": "vampire5th"]
                #expect(
                    try await post(client, port: port, "character/new", ["APIKey": "dev-api-key", "character": character]).status
                        == 201)
            }
            // Saves keep coming while the copy is taken.
            let writer = Task {
                for hunger in 0..<40 {
                    _ = try await post(
                        client, port: port, "character/save",
                        [
                            "APIKey": "dev-api-key",
                            "character": ["id": 1, "user": "7", "splat": "vampire5th", "hunger": .int(Int64(hunger % 5))],
                        ])
                }
            }
            let backup = try RodProcess(["backup", copy], environment: data)
            #expect(try await backup.waitForExit() == 0, "\(backup.standardError)")
            try await writer.value
            #expect(backup.standardOutput.contains("backed up"))

            let again = try RodProcess(["backup", copy], environment: data)
            #expect(try await again.waitForExit() == 1)
            #expect(again.standardError.contains("exists"))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        rod.process.terminate()
        _ = try await rod.waitForExit()

        // The copy is a whole database of its own: every character created before the backup began is in it.
        let store = SQLStore(try SQLiteDatabase(path: copy))
        try await store.migrate()
        #expect(try await store.characterSummaries(CharacterQuery(userID: 7)).count == 20)
        #expect(try await store.character(id: 1)?.name == "V0")
    }

    @Test func backupPointsPostgreSQLOperatorsToPgDump() async throws {
        let backup = try RodProcess(["backup", "x.sqlite3"], environment: ["DATABASE_URL": "postgresql://rod@db.internal/rod"])
        #expect(try await backup.waitForExit() == 2)
        #expect(backup.standardError.contains("pg_dump -Fc -h db.internal -p 5432 -U rod rod"))
    }
}

@Suite struct ReadinessTests {
    @Test func aDatabaseThatDoesNotAnswerMakesTheProcessNotReady() async throws {
        // Nothing listens on this port: the pool's connection is refused.
        let port = try freeLoopbackPort()
        let database = PostgresDatabase(
            endpoint: PostgresDatabase.Endpoint(port: port, database: "rod"),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let (ready, body) = try await database.withRunning {
            await ObservabilityRoutes.readiness(store: SQLStore(database), channels: InProcessChannelLayer())
        }
        #expect(!ready)
        #expect(body["status"] == "unavailable" && body["channels"] == "ok")
        #expect(body["store"]?.stringValue?.hasPrefix("unavailable: ") == true)
    }
}
