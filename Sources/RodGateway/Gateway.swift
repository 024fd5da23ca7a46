import Logging
import RodChannels
import RodCore
import RodServices
import RodStore
import Synchronization

/// Limits that protect the server from its sockets.
public struct GatewayLimits: Sendable {
    /// The largest message a client may send, in bytes; larger ones close the socket (1009).
    public var maxMessageBytes = 64 * 1024
    /// Sockets one signed-in user may hold open at once; more are closed at once (1008).
    public var maxConnectionsPerUser = 16
    /// Sockets the process holds open at once, signed in or not.
    public var maxConnections = 10_000
    /// Events and frames waiting for one socket; a socket that falls this far behind is closed (1008) and, like any
    /// client whose socket closes, reconnects and reads a fresh READY.
    public var maxPendingInputs = 1024
    /// How often the server pings each socket; one that has not answered by the next ping is closed.
    public var pingInterval: Duration = .seconds(30)

    public init() {}
}

/// Why the gateway closed a socket.
public enum GatewayClose: Sendable, Equatable {
    case tooManyConnections
    case tooFarBehind

    public var reason: String {
        switch self {
        case .tooManyConnections: "too many connections"
        case .tooFarBehind: "too many pending events"
        }
    }
}

/// The WebSocket gateway without the socket: the original's protocol (`GatewayConnection`) over any transport that
/// delivers text frames in and takes frames out. `RodHTTP` mounts it at `/gateway/web/` and `/ws/gateway/`.
public struct Gateway: Sendable {
    public let registry: Registry
    public let store: any Store
    public let characters: CharacterService
    public let layer: any ChannelLayer
    public let limits: GatewayLimits
    let logger: Logger
    private let counts = ConnectionCounts()

    public init(
        registry: Registry, store: any Store, characters: CharacterService, layer: any ChannelLayer, limits: GatewayLimits,
        logger: Logger
    ) {
        self.registry = registry
        self.store = store
        self.characters = characters
        self.layer = layer
        self.limits = limits
        self.logger = logger
    }

    /// Open sockets, for diagnostics and tests.
    public var connectionCount: Int { counts.total }

    /// Runs one socket until the client goes, `send` fails, or the socket must be closed (returned). Sends the welcome
    /// first. `user` is the signed-in user, or nil for an anonymous socket.
    public func serve<Inbound: AsyncSequence & Sendable>(
        user: User?, inbound: Inbound, send: @escaping @Sendable ([UInt8]) async throws -> Void
    ) async -> GatewayClose? where Inbound.Element == String {
        guard counts.admit(user?.id, limits: limits) else { return .tooManyConnections }
        defer { counts.release(user?.id) }
        let (inputs, input) = AsyncStream.makeStream(
            of: ConnectionInput.self, bufferingPolicy: .bufferingOldest(limits.maxPendingInputs))
        let overflow = Overflow()
        @Sendable func enqueue(_ item: ConnectionInput) {
            if case .dropped = input.yield(item) {
                overflow.mark()
                input.finish()
            }
        }
        let member = layer.groups.register { enqueue(.message($0)) }
        defer { layer.groups.unregister(member) }
        let connection = GatewayConnection(gateway: self, user: user, member: member, send: send)

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await text in inbound { enqueue(.text(text)) }
                } catch {}
                input.finish()
            }
            do {
                try await send(OutboundFrame.welcome)
                for await item in inputs {
                    if overflow.happened { break }
                    // A task keeps the stack memory it grew until it ends, and this one lives as long as the socket:
                    // client frames (READY, field updates: deep store calls) run in a short-lived child task, so
                    // that an idle socket does not hold their stack for good. Events, the hot path, run here.
                    if case .text = item {
                        async let handled: Void = connection.handle(item)
                        try await handled
                    } else {
                        try await connection.handle(item)
                    }
                }
            } catch {
                logger.debug("gateway: a socket closed while sending", metadata: ["error": "\(error)"])
            }
            group.cancelAll()
        }
        return overflow.happened ? .tooFarBehind : nil
    }
}

/// Open sockets, in total and per user.
private final class ConnectionCounts: Sendable {
    private let state = Mutex<(total: Int, perUser: [Int64: Int])>((0, [:]))

    var total: Int { state.withLock { $0.total } }

    func admit(_ userID: Int64?, limits: GatewayLimits) -> Bool {
        state.withLock { state in
            guard state.total < limits.maxConnections else { return false }
            if let userID {
                guard state.perUser[userID, default: 0] < limits.maxConnectionsPerUser else { return false }
                state.perUser[userID, default: 0] += 1
            }
            state.total += 1
            return true
        }
    }

    func release(_ userID: Int64?) {
        state.withLock { state in
            state.total -= 1
            if let userID {
                state.perUser[userID, default: 1] -= 1
                if state.perUser[userID] == 0 { state.perUser[userID] = nil }
            }
        }
    }
}

/// Set when a socket's queue overflowed.
private final class Overflow: Sendable {
    private let flag = Atomic<Bool>(false)
    func mark() { flag.store(true, ordering: .relaxed) }
    var happened: Bool { flag.load(ordering: .relaxed) }
}
