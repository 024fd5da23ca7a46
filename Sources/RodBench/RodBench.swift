import ArgumentParser
import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import Synchronization

/// Load tools for `scripts/bench.sh`. Not part of the server.
@main
struct RodBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rod-bench", abstract: "Load tools for scripts/bench.sh.",
        subcommands: [
            Fanout.self, FieldUpdates.self, FaultDrill.self, JSONObjectBench.self, HistoryBench.self, SeedChronicle.self,
            ReadyBench.self,
        ])
}

/// Opens a gateway socket as a signed-in page does (its session's cookie, an allowed Origin), with the client's own
/// log quiet, and runs `handler` on it.
@discardableResult
func connectGateway(
    url: String, cookie: String, maxFrameSize: Int = 1 << 24, handler: @escaping WebSocketDataHandler<WebSocketClient.Context>
) async throws -> WebSocketCloseFrame? {
    var headers = HTTPFields()
    headers[.cookie] = cookie
    headers[.origin] = "http://localhost:3000"
    var logger = Logger(label: "rod-bench")
    logger.logLevel = .critical
    return try await WebSocketClient.connect(
        url: url, configuration: .init(maxFrameSize: maxFrameSize, additionalHeaders: headers), logger: logger,
        handler: handler)
}

/// VmRSS of a process, in KiB.
func residentMemory(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
    return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
}

/// Opens N gateway sockets of one user, all following one character, then saves it through the bot API again and
/// again and measures, for each save, the time from the save's HTTP response to each socket's `UPDATE_CHARACTER`.
struct Fanout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fan-out latency of one character's saves to N sockets, and the server's memory with them open.")

    @Option(help: "The server, e.g. http://127.0.0.1:18090.") var url: String
    @Option(help: "The Cookie header of a session of the character's owner (rod session mint).") var cookie: String
    @Option(help: "The id of the character the sockets watch.") var character: Int64
    @Option(help: "The character's owner (Discord id) and name, for the bot's save payload.") var user: String
    @Option var name: String
    @Option(help: "How many sockets to open.") var sockets = 1000
    @Option(help: "How many saves to measure.") var saves = 20
    @Option(help: "The server's process id, to read its resident memory.") var pid: Int32?
    @Option(help: "Seconds to keep the sockets open after the saves (to inspect the server meanwhile).") var hold = 0

    func run() async throws {
        let host = url.replacingOccurrences(of: "http://", with: "")
        let watchers = Watchers(count: sockets)
        let rssBefore = pid.flatMap(residentMemory)
        let opened = ContinuousClock.now
        var tasks: [Task<Void, Never>] = []
        for index in 0..<sockets {
            tasks.append(Task { await watchers.watch(index, url: "ws://\(host)/gateway/web/", cookie: cookie) })
            // Open in batches, as pages load, not all in one burst.
            if index % 50 == 49 { try await watchers.waitUntilReady(index + 1, timeout: .seconds(60)) }
        }
        try await watchers.waitUntilReady(sockets, timeout: .seconds(60))
        let openTime = ContinuousClock.now - opened
        try await Task.sleep(for: .seconds(1))
        let rssOpen = pid.flatMap(residentMemory)
        guard let startRevision = watchers.firstRevision(of: character) else {
            throw ValidationError(
                "READY did not list character \(character) for this session: \(watchers.firstReady?.prefix(500) ?? "no READY")")
        }

        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var latencies: [Duration] = []
        var missed = 0
        do {
            // Each save changes the hunger (2 and 3 in turn, never the new character's 1), so each makes a revision: a
            // save that changed nothing would store nothing, and every later revision would be waited for in vain.
            for save in 1...saves {
                let revision = startRevision + Int64(save)
                let body =
                    #"{"APIKey":"dev-api-key","character":{"id":\#(character),"name":"\#(name)","user":"\#(user)","#
                    + #""splat":"vampire5th","chronicle":null,"hunger":\#(2 + save % 2)}}"#
                var request = HTTPClientRequest(url: "\(url)/bot/character/save")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
                let response = try await client.execute(request, timeout: .seconds(10))
                let answered = ContinuousClock.now
                guard response.status == .ok else { throw ValidationError("save \(save) answered \(response.status)") }
                let arrivals = await watchers.arrivals(of: revision, timeout: .seconds(5))
                missed += sockets - arrivals.count
                // An update may reach a socket before the response reaches the client: that counts as 0.
                latencies += arrivals.map { max(.zero, $0 - answered) }
                try await Task.sleep(for: .milliseconds(100))
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        let rssAfter = pid.flatMap(residentMemory)
        try await Task.sleep(for: .seconds(hold))
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        // What the server gives back once they are gone (it returns freed memory once 500 sockets have closed).
        try await Task.sleep(for: .seconds(12))
        let rssClosed = pid.flatMap(residentMemory)

        latencies.sort()
        func percentile(_ p: Double) -> String {
            guard !latencies.isEmpty else { return "-" }
            return milliseconds(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))])
        }
        let memory = [rssBefore, rssOpen, rssAfter, rssClosed].map { $0.map { "\($0 / 1024) MiB" } ?? "-" }
        let perSocket =
            rssBefore.flatMap { before in rssOpen.map { String(format: "%.1f KiB", Double($0 - before) / Double(sockets)) } }
            ?? "-"
        print(
            "| \(sockets) | \(saves) | \(percentile(0.5)) | \(percentile(0.99)) | \(milliseconds(latencies.last ?? .zero)) | "
                + "\(missed) | \(memory[0]) | \(memory[1]) | \(perSocket) | \(memory[2]) | \(memory[3]) | "
                + "\(milliseconds(openTime)) |")
    }

    func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}

/// The sockets' shared record: which have read READY, and when each saw each revision of the character.
final class Watchers: Sendable {
    private struct State {
        var ready = 0
        var readyText: String?
        var arrivals: [Int64: [ContinuousClock.Instant]] = [:]
    }

    private let state = Mutex(State())
    let count: Int

    init(count: Int) { self.count = count }

    func watch(_ index: Int, url: String, cookie: String) async {
        do {
            try await connectGateway(url: url, cookie: cookie) { inbound, outbound, _ in
                try await outbound.write(.text(#"{"op": 3, "d": null, "t": null}"#))
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    guard case .text(let text) = message else { continue }
                    self.received(text)
                }
            }
        } catch {
            if !Task.isCancelled { FileHandle.standardError.write(Data("socket \(index): \(error)\n".utf8)) }
        }
    }

    private func received(_ text: String) {
        let now = ContinuousClock.now
        if text.contains(#""t": "UPDATE_CHARACTER""#), let revision = Self.revision(in: text) {
            state.withLock { $0.arrivals[revision, default: []].append(now) }
        } else if text.contains(#""t": "READY""#) {
            state.withLock { state in
                state.ready += 1
                if state.readyText == nil { state.readyText = text }
            }
        }
    }

    /// The `"revision": N` of an update: the last key of its `d`.
    static func revision(in text: String) -> Int64? {
        guard let range = text.range(of: #""revision": "#, options: .backwards) else { return nil }
        return Int64(text[range.upperBound...].prefix { $0.isNumber })
    }

    func waitUntilReady(_ wanted: Int, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while state.withLock({ $0.ready }) < wanted {
            guard ContinuousClock.now < deadline else {
                throw ValidationError("only \(state.withLock { $0.ready }) of \(wanted) sockets read READY")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    var firstReady: String? { state.withLock { $0.readyText } }

    /// The character's revision in the first READY.
    func firstRevision(of character: Int64) -> Int64? {
        guard let text = state.withLock({ $0.readyText }), let data = text.data(using: .utf8),
            let frame = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let revisions = (frame["d"] as? [String: Any])?["revisions"] as? [String: Any]
        else { return nil }
        return (revisions[String(character)] as? NSNumber)?.int64Value
    }

    /// When each socket saw the revision, waiting until all have or the timeout passes.
    func arrivals(of revision: Int64, timeout: Duration) async -> [ContinuousClock.Instant] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, state.withLock({ $0.arrivals[revision]?.count ?? 0 }) < count {
            try? await Task.sleep(for: .milliseconds(1))
        }
        return state.withLock { $0.arrivals.removeValue(forKey: revision) ?? [] }
    }
}
