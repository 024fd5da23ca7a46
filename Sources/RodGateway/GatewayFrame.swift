import RodCore

/// The original's opcodes (`backend/gateway/constants.py`).
public enum GatewayOpcode: Int64, Sendable {
    /// Server → client: every event.
    case dispatch = 0
    /// Client → server: `sheet_subscribe`, and this server's `field_update`.
    case request = 1
    /// Client → server; answered with `heartbeatACK`.
    case heartbeat = 2
    /// Client → server; answered with `READY`.
    case identify = 3
    /// Server → client, once, right after the connection opens.
    case welcome = 4
    case heartbeatACK = 5
    /// Client → server; ignored, as in the original.
    case refresh = 6
}

/// A frame as the client sent it: `{"op": <int>, "d": <payload>, "t": <name>}`.
public struct InboundFrame: Sendable, Equatable {
    public let op: Int64
    public let data: JSON
    public let name: String?

    /// Nil for text that is not JSON, or a frame without an integer `op`: such frames are ignored.
    public init?(_ text: String) {
        guard case .object(let object)? = try? JSON.parse(text), let op = object["op"]?.intValue else { return nil }
        self.op = op
        self.data = object["d"] ?? .null
        self.name = object["t"]?.stringValue
    }
}

/// Frames the server sends, written as the original's `json.dumps` writes them: keys `op, d, t`, a space after
/// `:` and `,`, non-ASCII escaped.
public enum OutboundFrame {
    public static func render(op: GatewayOpcode, data: JSON = .null, name: String? = nil) -> [UInt8] {
        var frame = JSONObject()
        frame.appendNew("op", .int(op.rawValue))
        frame.appendNew("d", data)
        frame.appendNew("t", name.map(JSON.string) ?? .null)
        return JSON.object(frame).serialized(.python)
    }

    public static func dispatch(_ name: String, _ data: JSON) -> [UInt8] {
        render(op: .dispatch, data: data, name: name)
    }

    public static let welcome = render(op: .welcome)
    public static let heartbeatACK = render(op: .heartbeatACK)
}
