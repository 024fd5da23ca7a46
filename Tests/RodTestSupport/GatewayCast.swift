import Foundation
import RodApp
import RodCore
import RodGateway
import RodServices
import RodStore

/// A gateway connection driven without a socket: text frames in, frames out.
public final class FakeSocket: Sendable {
    public let frames = Inbox<JSON>()
    public let texts = Inbox<String>()
    /// How the gateway ended the socket, once it has.
    public let ended = Inbox<GatewayClose?>()
    private let input: AsyncStream<String>.Continuation
    private let task: Task<GatewayClose?, Never>

    public init(
        _ gateway: Gateway, user: User?, session: Session? = nil, address: String? = nil,
        send: (@Sendable ([UInt8]) async throws -> Void)? = nil
    ) {
        let (stream, input) = AsyncStream.makeStream(of: String.self)
        self.input = input
        let (frames, texts, ended) = (self.frames, self.texts, self.ended)
        let message = Shared<[UInt8]>([])
        task = Task {
            let close = await gateway.serve(GatewayPeer(user: user, session: session, address: address), inbound: stream) {
                write in
                // A message in parts is delivered whole, as a WebSocket client delivers fragments.
                guard
                    let bytes = message.withLock({ message -> [UInt8]? in
                        message = write.opens ? write.bytes : message + write.bytes
                        return write.ends ? message : nil
                    })
                else { return }
                try await send?(bytes)
                texts.append(String(decoding: bytes, as: UTF8.self))
                frames.append(try JSON.parse(bytes))
            }
            ended.append(close)
            return close
        }
    }

    /// True once the gateway welcomed the socket, false when it refused it.
    public func admitted() async throws -> Bool {
        let deadline = ContinuousClock.now + Wait.budget
        while ContinuousClock.now < deadline {
            if !texts.pending.isEmpty { return true }
            if !ended.pending.isEmpty { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw SupportError("the gateway neither welcomed nor refused the socket")
    }

    public func send(_ frame: JSON) { input.yield(frame.serializedString()) }
    public func send(text: String) { input.yield(text) }

    /// Identifies and returns READY's `d`.
    public func identify() async throws -> JSON {
        send(["op": 3, "d": nil, "t": nil])
        return try await frames.next("READY")["d"] ?? nil
    }

    public func subscribe(sheet id: JSON) { send(["op": 1, "t": "sheet_subscribe", "d": ["id": id]]) }

    public func fieldUpdate(_ d: JSON) async throws -> JSON {
        send(["op": 1, "t": "field_update", "d": d])
        return try await frames.take(where: { ["FIELD_UPDATED", "FIELD_ERROR"].contains($0["t"]?.stringValue ?? "") })
    }

    /// Sends an undo and returns its answer (`UNDONE` or `UNDO_ERROR`).
    public func undo(_ d: JSON) async throws -> JSON {
        send(["op": 1, "t": "undo", "d": d])
        return try await frames.take(where: { ["UNDONE", "UNDO_ERROR"].contains($0["t"]?.stringValue ?? "") })
    }

    /// Ends the client's side and returns how the gateway closed the socket.
    public func close() async -> GatewayClose? {
        input.finish()
        return await task.value
    }

    /// The next `UPDATE_CHARACTER`'s `d`.
    public func nextUpdate(timeout: Duration = Wait.budget) async throws -> JSON {
        try await frames.next("UPDATE_CHARACTER", timeout: timeout)["d"] ?? nil
    }
}

/// The people of the gateway's tests: a player and a storyteller of chronicle 900, and a stranger; the player has a
/// sheet in the chronicle and a bot tracker outside it.
public struct Cast: Sendable {
    public static let player: Int64 = 1001
    public static let storyteller: Int64 = 1002
    public static let stranger: Int64 = 1003
    public static let chronicle: Int64 = 900

    public let world: World
    public let player: User
    public let storyteller: User
    public let stranger: User
    public let sheet: CharacterRecord
    public let tracker: CharacterRecord

    public var gateway: Gateway { world.services.gateway }
    public var characters: CharacterService { world.services.characters }

    public static func with(
        clock: TestClock? = nil, configure: (inout Configuration) -> Void = { _ in }, run body: (Cast) async throws -> Void
    ) async throws {
        try await World.with(clock: clock, configure: configure) { world in
            let components = world.services
            var users: [User] = []
            for (id, name) in [(player, "Nadia"), (storyteller, "Sam"), (stranger, "Eve")] {
                var user = try await world.store.ensureUser(id: id, now: 0)
                user.username = name
                try await world.store.save(user)
                users.append(user)
            }
            try await world.store.save(Chronicle(id: chronicle, name: "Camarilla", createdAt: 0))
            _ = try await world.store.ensureMember(chronicleID: chronicle, userID: player, now: 0)
            var storytelling = try await world.store.ensureMember(chronicleID: chronicle, userID: storyteller, now: 0)
            storytelling.storyteller = true
            _ = try await world.store.save(storytelling)
            let created = try await components.characters.createSheet(
                splat: registry.splat("vampire5th")!, name: "Vlad", owner: users[0])
            let sheet = try await components.characters.updateSheet(
                id: created.id, splat: registry.splat("vampire5th")!, input: ["chronicle": "900", "status": 3], by: users[0],
                expectedRevision: nil)
            let tracker = try await components.characters.createForBot(
                ["name": "Tracker", "user": "1001", "splat": "werewolf5th"], avatar: nil)
            try await body(
                Cast(
                    world: world, player: users[0], storyteller: users[1], stranger: users[2],
                    sheet: sheet, tracker: tracker))
        }
    }

    public func socket(_ user: User?) -> FakeSocket { FakeSocket(gateway, user: user) }

    /// A socket of the user that has read its READY.
    public func identified(_ user: User) async throws -> FakeSocket {
        let socket = socket(user)
        _ = try await socket.identify()
        return socket
    }
}
