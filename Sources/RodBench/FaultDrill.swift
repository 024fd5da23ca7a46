import ArgumentParser
import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// What clients see while `scripts/fault-drill.sh` breaks things under them: clients save counters through several
/// processes in closed loops (each its own character, the processes taken in turn), one gateway socket per process
/// follows every character, and at the end each character is read back and compared with its last acknowledged
/// save, and each socket's last state of it with the stored one. Prints one table row.
struct FaultDrill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fault-drill", abstract: "Saves and sockets across processes while faults are injected.")

    @Option(help: "The processes, comma-separated: http://127.0.0.1:18091,http://127.0.0.1:18092.") var urls: String
    @Option(help: "The Cookie header of a session of the characters' owner.") var cookie: String
    @Option(help: "The characters' owner (Discord id).") var user: String
    @Option(help: "The characters' ids, comma-separated: one client each.") var characters: String
    @Option(help: "How long the clients save, in seconds.") var seconds = 40
    @Option(help: "The fault, for the table row.") var fault = "none"

    func run() async throws {
        let servers = urls.split(separator: ",").map(String.init)
        let ids = characters.split(separator: ",").compactMap { Int64($0) }
        let sockets = servers.map { _ in PageRecord() }
        var socketTasks: [Task<Void, Never>] = []
        for (server, record) in zip(servers, sockets) {
            let url = server.replacingOccurrences(of: "http://", with: "ws://") + "/gateway/web/"
            socketTasks.append(Task { await record.follow(url: url, cookie: cookie) })
        }
        try await Task.sleep(for: .seconds(1))

        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let deadline = ContinuousClock.now + .seconds(seconds)
        // Keyed by character: the clients end in any order.
        let outcomes = await withTaskGroup(of: (Int64, ClientOutcome).self) { group in
            for id in ids {
                group.addTask { (id, await Self.save(id, user: user, through: servers, client: client, until: deadline)) }
            }
            return await group.reduce(into: [Int64: ClientOutcome]()) { $0[$1.0] = $1.1 }
        }
        // Let the pages settle after the last save (Redis back, events crossed), then compare.
        try await Task.sleep(for: .seconds(5))
        var lost = 0
        var stale = 0
        for (id, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            let stored = try await Self.storedTotal(id, through: servers[0], client: client)
            if stored < outcome.lastAcknowledged {
                lost += 1
                FileHandle.standardError.write(
                    Data("character \(id): stored \(stored), last acknowledged \(outcome.lastAcknowledged)\n".utf8))
            }
            for page in sockets where page.lastTotal(of: id) != stored { stale += 1 }
        }
        try await client.shutdown()
        for task in socketTasks { task.cancel() }

        let answers = outcomes.values.reduce(into: [String: Int]()) { total, outcome in
            for (status, count) in outcome.statuses { total[status, default: 0] += count }
        }
        let acknowledged = answers["200"] ?? 0
        let slowest = outcomes.values.map(\.slowest).max() ?? .zero
        let slowest503 = outcomes.values.map(\.slowest503).max() ?? .zero
        let backwards = sockets.reduce(0) { $0 + $1.wentBack }
        let statuses = answers.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
        print(
            "| \(fault) | \(acknowledged) | \(statuses) | \(seconds(slowest)) | \(seconds(slowest503)) | \(lost) | \(backwards) | \(stale) |"
        )
    }

    func seconds(_ duration: Duration) -> String {
        let (whole, attoseconds) = duration.components
        return String(format: "%.2f s", Double(whole) + Double(attoseconds) / 1e18)
    }

    struct ClientOutcome: Sendable {
        var statuses: [String: Int] = [:]
        var lastAcknowledged: Int64 = 0
        var slowest = Duration.zero
        var slowest503 = Duration.zero
    }

    /// One client's closed loop: save `exp.total = n` for n = 1, 2, ..., each through the next process.
    static func save(
        _ id: Int64, user: String, through servers: [String], client: HTTPClient, until deadline: ContinuousClock.Instant
    ) async -> ClientOutcome {
        var outcome = ClientOutcome()
        var counter: Int64 = 0
        while ContinuousClock.now < deadline {
            counter += 1
            let body =
                #"{"APIKey":"dev-api-key","character":{"id":\#(id),"name":"Drill \#(id)","user":"\#(user)","#
                + #""splat":"vampire5th","exp_current":0,"exp_total":\#(counter)}}"#
            var request = HTTPClientRequest(url: servers[Int(counter) % servers.count] + "/bot/character/save")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
            let started = ContinuousClock.now
            let status: String
            do {
                let response = try await client.execute(request, timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                status = String(response.status.code)
            } catch {
                // The process is gone (killed) or did not answer in time: the save may or may not have applied.
                status = "no answer"
                try? await Task.sleep(for: .milliseconds(100))
            }
            let took = ContinuousClock.now - started
            outcome.slowest = max(outcome.slowest, took)
            outcome.statuses[status, default: 0] += 1
            if status == "200" { outcome.lastAcknowledged = counter }
            if status == "503" {
                outcome.slowest503 = max(outcome.slowest503, took)
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        return outcome
    }

    /// `exp.total` as the store holds it.
    static func storedTotal(_ id: Int64, through server: String, client: HTTPClient) async throws -> Int64 {
        var request = HTTPClientRequest(url: server + "/bot/character/get")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"APIKey":"dev-api-key","pk":\#(id)}"#))
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(bytes.readableBytesView)) as? [String: Any] ?? [:]
        let nested = object["exp"] as? [String: Any] ?? [:]
        let total: Any? = object["exp_total"] ?? nested["total"]
        return (total as? NSNumber)?.int64Value ?? -1
    }
}

/// One page's view of the characters: the last revision and `exp.total` shown for each, and how many times it was
/// shown a revision older than one it had (`UPDATE_CHARACTER` or READY). Reconnects when the socket closes.
final class PageRecord: Sendable {
    private struct Shown {
        var revision: Int64
        var total: Int64
    }
    private let state = Mutex<(shown: [Int64: Shown], wentBack: Int)>(([:], 0))

    var wentBack: Int { state.withLock { $0.wentBack } }

    func lastTotal(of id: Int64) -> Int64? { state.withLock { $0.shown[id]?.total } }

    func follow(url: String, cookie: String) async {
        while !Task.isCancelled {
            _ = try? await connectGateway(url: url, cookie: cookie) { inbound, outbound, _ in
                try await outbound.write(.text(#"{"op": 3, "d": null, "t": null}"#))
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    if case .text(let text) = message { self.received(text) }
                }
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
    }

    private func received(_ text: String) {
        guard let frame = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let d = frame["d"] as? [String: Any]
        else { return }
        func total(_ character: Any?) -> Int64? {
            ((character as? [String: Any])?["exp"] as? [String: Any]).flatMap { ($0["total"] as? NSNumber)?.int64Value }
        }
        var seen: [(Int64, Shown)] = []
        switch frame["t"] as? String {
        case "UPDATE_CHARACTER":
            guard let id = (d["id"] as? NSNumber)?.int64Value, let revision = (d["revision"] as? NSNumber)?.int64Value,
                let value = total(d["character"])
            else { return }
            seen = [(id, Shown(revision: revision, total: value))]
        case "READY":
            let characters = d["characters"] as? [String: Any] ?? [:]
            for (key, revision) in d["revisions"] as? [String: Any] ?? [:] {
                guard let id = Int64(key), let revision = (revision as? NSNumber)?.int64Value,
                    let value = total(characters[key])
                else { continue }
                seen.append((id, Shown(revision: revision, total: value)))
            }
        default: return
        }
        state.withLock { state in
            for (id, shown) in seen {
                if let known = state.shown[id], shown.revision < known.revision { state.wentBack += 1 }
                state.shown[id] = shown
            }
        }
    }
}
