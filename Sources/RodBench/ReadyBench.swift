import ArgumentParser
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import RodCore
import RodSplats
import RodStore
import RodStoreSQLite
import Synchronization

/// Fills a running server's SQLite database with one large chronicle: its storyteller, `members` players, and
/// `characters` Vampire 5th sheets spread over them, all in the chronicle (what the storyteller's READY lists).
struct SeedChronicle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-chronicle", abstract: "Fills a database with one chronicle of many members and characters.")

    @Option(help: "The server's SQLite database.") var database: String
    @Option(help: "The splat files.") var splats = "splats"
    @Option(help: "The chronicle's (guild's) id.") var chronicle: Int64 = 900
    @Option(help: "The storyteller's Discord id.") var storyteller: Int64 = 4000
    @Option(help: "Players in the chronicle.") var members = 2000
    @Option(help: "Characters, spread over the players.") var characters = 10_000

    func run() async throws {
        let registry = try Registry.load(directory: splats, modules: splatModules)
        guard let splat = registry.splat("vampire5th") else { throw ValidationError("needs splats/vampire5th.yaml") }
        let store = SQLStore(try SQLiteDatabase(path: database))
        try await store.save(Chronicle(id: chronicle, name: "Bench chronicle", createdAt: 0))
        var storyteller = try await join(storyteller)
        storyteller.storyteller = true
        _ = try await store.save(storyteller)
        let first = self.storyteller + 1
        for player in 0..<Int64(members) { _ = try await join(first + player) }
        let defaults = splat.defaults()
        for index in 0..<characters {
            var values = defaults
            values["name"] = .string("Sheet \(index)")
            values["is_sheet"] = true
            let owner = first + Int64(index % members)
            let character = CharacterRecord(
                id: 0, splat: splat.slug, userID: owner, chronicleID: chronicle, values: values, createdAt: 0, lastUpdated: 0)
            _ = try await store.insert(
                character, change: CharacterChange(operation: .create, face: .bot, actorID: owner, changes: .null, at: 0))
        }
        await store.close()

        func join(_ user: Int64) async throws -> Member {
            _ = try await store.ensureUser(id: user, now: 0)
            return try await store.ensureMember(chronicleID: chronicle, userID: user, now: 0)
        }
    }
}

/// READY of a large chronicle's storyteller: `atOnce` sockets identify together, each timed from its identify to its
/// READY, with the frame's size and the server's resident memory before, with READY read, and after the sockets close.
struct ReadyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ready", abstract: "The time, size and memory of READY for one user, several at once.")

    @Option(help: "The server, e.g. http://127.0.0.1:18090.") var url: String
    @Option(help: "The Cookie header of a session of the user (rod session mint).") var cookie: String
    @Option(help: "READYs at once.") var atOnce = 1
    @Option(help: "The server's process id, to read its resident memory.") var pid: Int32?

    func run() async throws {
        let host = url.replacingOccurrences(of: "http://", with: "")
        let before = pid.flatMap(residentMemory)
        let times = Shared<[(seconds: Double, bytes: Int)]>([])
        let started = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<atOnce {
                group.addTask {
                    if let read = await Self.ready(url: "ws://\(host)/gateway/web/", cookie: cookie) {
                        times.value.withLock { $0.append(read) }
                    }
                }
            }
        }
        let all = ContinuousClock.now - started
        let withReady = pid.flatMap(residentMemory)
        try await Task.sleep(for: .seconds(2))
        let closed = pid.flatMap(residentMemory)
        let reads = times.value.withLock { $0 }
        guard reads.count == atOnce else { throw ValidationError("only \(reads.count) of \(atOnce) sockets read READY") }
        let slowest = reads.map(\.seconds).max() ?? 0
        let memory = [before, withReady, closed].map { $0.map { "\($0 / 1024) MiB" } ?? "-" }
        print(
            "| \(atOnce) | \(milliseconds(slowest)) | \(milliseconds(seconds(all))) | \(reads[0].bytes / 1024) KiB | "
                + "\(memory[0]) | \(memory[1]) | \(memory[2]) |")
    }

    /// Opens a socket, identifies, and answers the time to READY and its size; nil when no READY came.
    static func ready(url: String, cookie: String) async -> (seconds: Double, bytes: Int)? {
        let result = Shared<(seconds: Double, bytes: Int)?>(nil)
        do {
            try await connectGateway(url: url, cookie: cookie, maxFrameSize: 1 << 28) { inbound, outbound, _ in
                let sent = ContinuousClock.now
                try await outbound.write(.text(#"{"op": 3, "d": null, "t": null}"#))
                for try await message in inbound.messages(maxSize: 1 << 28) {
                    // READY ends with its name; searching the megabytes before it would time the client, not the server.
                    guard case .text(let text) = message, text.utf8.reversed().starts(with: #""t": "READY"}"#.utf8.reversed())
                    else { continue }
                    let elapsed = ContinuousClock.now - sent
                    result.value.withLock { $0 = (seconds(elapsed), text.utf8.count) }
                    try await outbound.close(.normalClosure, reason: nil)
                    break
                }
            }
        } catch {
            FileHandle.standardError.write(Data("socket: \(error)\n".utf8))
        }
        return result.value.withLock { $0 }
    }

    func milliseconds(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
}

/// A value several tasks fill in.
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
}

private func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}
