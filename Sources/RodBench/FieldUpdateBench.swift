import ArgumentParser
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import Synchronization

/// The gateway's field updates under load: one socket per sheet (each of its own user, so that no daily quota runs
/// out), each sending `field_update`s of its sheet's hunger in a closed loop, the next as soon as the last is answered.
/// Prints a table row: updates applied per second, the answer's p50 and p99, and refusals.
struct FieldUpdates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "field-updates", abstract: "Throughput and latency of the gateway's field updates.")

    @Option(help: "The server, e.g. http://127.0.0.1:18090.") var url: String
    @Option(help: "A file of lines `<Cookie header>\\t<sheet id>`: one socket each.") var sheets: String
    @Option(help: "How long to send, in seconds.") var seconds = 10

    func run() async throws {
        let lines = try String(contentsOfFile: sheets, encoding: .utf8).split(separator: "\n")
        let pairs = lines.compactMap { line -> (cookie: String, id: Int64)? in
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
            return (String(parts[0]), id)
        }
        let host = url.replacingOccurrences(of: "http://", with: "")
        let deadline = ContinuousClock.now + .seconds(seconds)
        let outcomes = await withTaskGroup(of: (applied: Int, refused: Int, latencies: [Duration]).self) { group in
            for (cookie, id) in pairs {
                group.addTask {
                    await Self.drive(url: "ws://\(host)/gateway/web/", cookie: cookie, sheet: id, until: deadline)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let applied = outcomes.reduce(0) { $0 + $1.applied }
        let refused = outcomes.reduce(0) { $0 + $1.refused }
        let latencies = outcomes.flatMap(\.latencies).sorted()
        func percentile(_ p: Double) -> String {
            guard !latencies.isEmpty else { return "-" }
            let (whole, attoseconds) = latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))].components
            return String(format: "%.2fms", Double(whole) * 1000 + Double(attoseconds) / 1e15)
        }
        print(
            "| gateway field_update (\(pairs.count) sockets) | \(applied / max(seconds, 1)) | \(percentile(0.5)) | \(percentile(0.99)) | \(refused) |"
        )
    }

    /// One socket's closed loop: READY gives the sheet's revision; each answer gives the next.
    static func drive(url: String, cookie: String, sheet: Int64, until deadline: ContinuousClock.Instant) async
        -> (applied: Int, refused: Int, latencies: [Duration])
    {
        let tally = Tally()
        do {
            try await connectGateway(url: url, cookie: cookie) { inbound, outbound, _ in
                try await outbound.write(.text(#"{"op": 3, "d": null, "t": null}"#))
                var revision: Int64?
                var sent = ContinuousClock.now
                var number = 0
                func send(_ revision: Int64) async throws {
                    number += 1
                    sent = .now
                    try await outbound.write(
                        .text(
                            #"{"op": 1, "t": "field_update", "d": {"nonce": \#(number), "id": "\#(sheet)", "key": "hunger", "revision": \#(revision), "value": \#(number % 5)}}"#
                        ))
                }
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    guard case .text(let text) = message else { continue }
                    if revision == nil, text.contains(#""t": "READY""#) {
                        guard let current = Self.revision(of: sheet, inReady: text) else { return }
                        revision = current
                        try await send(current)
                    } else if text.contains(#""t": "FIELD_UPDATED""#) || text.contains(#""t": "FIELD_ERROR""#) {
                        tally.count(.now - sent, applied: text.contains("FIELD_UPDATED"))
                        guard ContinuousClock.now < deadline, let next = Watchers.revision(in: text) else { return }
                        revision = next
                        try await send(next)
                    }
                }
            }
        } catch {
            FileHandle.standardError.write(Data("sheet \(sheet): \(error)\n".utf8))
        }
        return tally.state.withLock { $0 }
    }

    /// One socket's answers, counted from its handler.
    final class Tally: Sendable {
        let state = Mutex((applied: 0, refused: 0, latencies: [Duration]()))

        func count(_ latency: Duration, applied: Bool) {
            state.withLock {
                $0.latencies.append(latency)
                if applied { $0.applied += 1 } else { $0.refused += 1 }
            }
        }
    }

    /// The sheet's revision in READY's `revisions`.
    static func revision(of sheet: Int64, inReady text: String) -> Int64? {
        guard let data = text.data(using: .utf8),
            let frame = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let revisions = (frame["d"] as? [String: Any])?["revisions"] as? [String: Any]
        else { return nil }
        return (revisions[String(sheet)] as? NSNumber)?.int64Value
    }
}
