import RodCore
import ServiceLifecycle

/// How an event written in one process reaches the sockets of every process, mirroring the original's channel
/// layer and its groups. `send` never blocks and never fails the write that caused it: this process's members get
/// the message at once, other processes' through the layer's transport when it is up.
public protocol ChannelLayer: Service {
    /// This process's connections and their groups.
    var groups: GroupRegistry { get }
    /// Sends an event to every member of a group, in every process sharing the layer.
    func send(_ event: GatewayEvent, to group: String)
    /// False when no connection, in any process, could receive an event sent to the group now, so that the sender
    /// may skip building it. Ask after the write the event describes is committed: a connection that starts
    /// listening later reads that write from the store.
    func isHeard(_ group: String) -> Bool
    /// Nil when events reach every process now; otherwise what is wrong (for `/ready`).
    var problem: String? { get }
}

/// The default layer: one process, no configuration. Delivery is a function call.
public struct InProcessChannelLayer: ChannelLayer {
    public let groups: GroupRegistry

    public init(groups: GroupRegistry = GroupRegistry()) {
        self.groups = groups
    }

    public func send(_ event: GatewayEvent, to group: String) {
        groups.deliver(ChannelMessage(group: group, event: event))
    }

    public func isHeard(_ group: String) -> Bool {
        groups.isHeard(group)
    }

    public var problem: String? { nil }

    /// Nothing to run; returns at shutdown.
    public func run() async throws {
        try? await gracefulShutdown()
    }
}
