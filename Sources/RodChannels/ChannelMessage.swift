import RodCore
import Synchronization

/// One event sent to one group (`characterUpdate_12`), typed. Within a process it is delivered as it was built; only
/// the Redis layer writes it as the original's JSON event (`GatewayEvent.json`) and reads it back on the other side.
///
/// A message is delivered to every connection in the group, so the frames built from it are built once and shared:
/// `rendering(_:_:)` caches each variant.
public final class ChannelMessage: Sendable {
    public let group: String
    public let event: GatewayEvent
    private let renderings = Mutex<[String: [UInt8]]>([:])

    public init(group: String, event: GatewayEvent) {
        self.group = group
        self.event = event
    }

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
