import RodCore
import Synchronization

/// One event sent to one group (`characterUpdate_12`), as the original's channel layer carries it: a JSON object whose
/// `type` names the event (`character.update`) and whose other keys are its payload.
///
/// A message is delivered to every connection in the group, so the frames built from it are built once and shared:
/// `rendering(_:_:)` caches each variant.
public final class ChannelMessage: Sendable {
    public let group: String
    public let event: JSONObject
    /// The event, typed; read once for every connection it is delivered to. Nil for an event of no known kind.
    public let gatewayEvent: GatewayEvent?
    private let renderings = Mutex<[String: [UInt8]]>([:])

    public init(group: String, event: JSONObject) {
        self.group = group
        self.event = event
        gatewayEvent = GatewayEvent(json: event)
    }

    /// The event's `type` (`character.update`), or empty.
    public var type: String { event["type"]?.stringValue ?? "" }

    /// The bytes of one variant of a frame built from this message, built by the first caller and shared with the others.
    public func rendering(_ variant: String, _ build: () -> [UInt8]) -> [UInt8] {
        renderings.withLock { cache in
            if let bytes = cache[variant] { return bytes }
            let bytes = build()
            cache[variant] = bytes
            return bytes
        }
    }
}
