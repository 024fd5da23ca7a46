import RodCore

/// What the gateway hands its socket to write: a text message whole, or one part of a message written in parts (a
/// WebSocket message in fragments: the first part opens it, the last ends it).
public struct GatewayWrite: Sendable, Equatable {
    public let bytes: [UInt8]
    /// Whether these bytes open a message (otherwise they continue the one opened before) and whether they end it.
    public let opens: Bool
    public let ends: Bool

    public init(_ bytes: [UInt8], opens: Bool = true, ends: Bool = true) {
        self.bytes = bytes
        self.opens = opens
        self.ends = ends
    }
}

/// READY written as it is produced, in parts of about `partBytes`: the frame `ServerFrame.ready(ready.data)` would
/// render, byte for byte, without holding it whole. A storyteller's READY can list ten thousand characters (megabytes
/// of text); written this way it costs one part's buffer, and each character's tracker view is the backend's
/// rendering, shared with every other READY that lists it.
struct ReadyFrame {
    static let partBytes = 64 * 1024

    let ready: GatewayReady

    func write(to send: @escaping @Sendable (GatewayWrite) async throws -> Void) async throws {
        var out = PartWriter(send: send)
        try await out.append(Array(#"{"op": 0, "d": {"user": "#.utf8))
        try await out.append(ready.user.serialized(.python))
        try await out.append(Array(#", "members": "#.utf8))
        try await out.append(JSON.object(ready.memberShapes).serialized(.python))
        try await out.append(Array(#", "characters": {"#.utf8))
        for (offset, character) in ready.characters.enumerated() {
            try await out.append(Self.key(character.id, first: offset == 0))
            try await out.append(character.tracker.bytes)
        }
        try await out.append(Array(#"}, "chronicles": "#.utf8))
        try await out.append(JSON.object(ready.chronicleShapes).serialized(.python))
        try await out.append(Array(#", "revisions": {"#.utf8))
        for (offset, character) in ready.characters.enumerated() {
            try await out.append(Self.key(character.id, first: offset == 0) + JSON.int(character.revision).serialized())
        }
        try await out.append(Array(#"}}, "t": "READY"}"#.utf8))
        try await out.end()
    }

    /// `"12": ` (after `, ` unless first): a character id as an object key.
    private static func key(_ id: Int64, first: Bool) -> [UInt8] {
        Array(((first ? "" : ", ") + "\"\(id)\": ").utf8)
    }
}

/// Gathers bytes and hands them to the socket a part at a time.
private struct PartWriter {
    let send: @Sendable (GatewayWrite) async throws -> Void
    private var buffer: [UInt8] = []
    private var opened = false

    init(send: @escaping @Sendable (GatewayWrite) async throws -> Void) {
        self.send = send
        buffer.reserveCapacity(ReadyFrame.partBytes)
    }

    mutating func append(_ bytes: [UInt8]) async throws {
        buffer += bytes
        if buffer.count >= ReadyFrame.partBytes { try await flush(ends: false) }
    }

    mutating func end() async throws { try await flush(ends: true) }

    private mutating func flush(ends: Bool) async throws {
        let part = buffer
        buffer.removeAll(keepingCapacity: true)
        try await send(GatewayWrite(part, opens: !opened, ends: ends))
        opened = true
    }
}
