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
        try await withHTTPClient { client in
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
        }
        try await stop(rod)
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
    /// `rod backup` while saves keep arriving: every save is acknowledged, saves acknowledged after the backup started
    /// are in the copy (it was taken while they ran), and the copy is a whole, consistent database holding every write
    /// acknowledged before the backup started.
    @Test func backupCopiesTheSQLiteStoreWhileItServesWrites() async throws {
        let rod = try RodProcess(["serve", "--port", "0"])
        let port = try await rod.waitUntilServing()
        let data = ["ROD_DATA_DIR": rod.folder.appendingPathComponent("data").path]
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let copy = rod.folder.appendingPathComponent("copy.sqlite3").path
        // The saves acknowledged so far (each writes `notes` = "save N", N counting up), and whether to stop.
        let acknowledged = Shared((count: 0, refused: [Int](), stop: false))
        do {
            for index in 0..<20 {
                let character: JSON = ["name": .string("V\(index)"), "user": "7", "splat": "vampire5th"]
                #expect(
                    try await post(client, port: port, "character/new", ["APIKey": "dev-api-key", "character": character]).status
                        == 201)
            }
            let writer = Task {
                var number = 0
                while !acknowledged.withLock({ $0.stop }) {
                    number += 1
                    let character: JSON = ["id": 1, "user": "7", "splat": "vampire5th", "notes": .string("save \(number)")]
                    let status = try await post(
                        client, port: port, "character/save", ["APIKey": "dev-api-key", "character": character]
                    ).status
                    acknowledged.withLock {
                        if status == 200 { $0.count = number } else { $0.refused.append(Int(status)) }
                    }
                }
            }
            while acknowledged.withLock({ $0.count }) < 5 { try await Task.sleep(for: .milliseconds(10)) }
            let beforeBackup = acknowledged.withLock { $0.count }
            let backup = try RodProcess(["backup", copy], environment: data)
            #expect(try await backup.waitForExit() == 0, "\(backup.standardError)")
            let afterBackup = acknowledged.withLock { $0.count }
            while acknowledged.withLock({ $0.count }) < afterBackup + 3 { try await Task.sleep(for: .milliseconds(10)) }
            acknowledged.withLock { $0.stop = true }
            try await writer.value
            #expect(backup.standardOutput.contains("backed up"))
            #expect(acknowledged.withLock { $0.refused } == [], "every save is acknowledged")
            // The saves went on while the backup process ran.
            #expect(afterBackup > beforeBackup)

            // The copy is a whole database of its own, consistent, taken while the saves ran.
            let database = try SQLiteDatabase(path: copy)
            let integrity: String? = try await database.rows("PRAGMA integrity_check").first?["integrity_check"]
            #expect(integrity == "ok")
            let store = SQLStore(database)
            try await store.migrate()
            #expect(try await store.characterSummaries(CharacterQuery(userID: 7)).count == 20)
            let saved = try #require(try await store.character(id: 1))
            let number = try #require(saved.values["notes"]?.stringValue.flatMap { Int($0.dropFirst("save ".count)) })
            // Every save acknowledged before the backup began is in it, and some acknowledged after it began: the
            // copy was taken in the middle of the saves, never past what the server had committed.
            #expect(number > beforeBackup, "the copy holds save \(number); \(beforeBackup) were acknowledged before")
            #expect(number <= afterBackup + 1)
            // Never half a write: the character's history holds exactly its revisions.
            #expect(try await store.history(characterID: 1).map(\.revision) == Array(1...saved.revision))

            let again = try RodProcess(["backup", copy], environment: data)
            #expect(try await again.waitForExit() == 1)
            #expect(again.standardError.contains("exists"))
        } catch {
            acknowledged.withLock { $0.stop = true }
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        rod.process.terminate()
        _ = try await rod.waitForExit()
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
