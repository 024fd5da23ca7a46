import Foundation
import Logging
import RodChannels
import RodCore
import Synchronization

/// Limits that protect the server from its sockets.
public struct GatewayLimits: Sendable {
    /// The largest message a client may send, in bytes; larger ones close the socket (1009).
    public var maxMessageBytes = 64 * 1024
    /// Sockets one signed-in user may hold open at once; more are closed at once (1008).
    public var maxConnectionsPerUser = 16
    /// Signed-in sockets the process holds open at once.
    public var maxConnections = 10_000
    /// Anonymous sockets (no session: they only ever receive an empty READY) the process holds open at once, counted
    /// apart from signed-in ones so that they can never take a signed-in user's place.
    public var maxAnonymousConnections = 1_000
    /// Anonymous sockets one client address may hold open at once.
    public var maxAnonymousConnectionsPerAddress = 16
    /// Events and frames waiting for one socket; a socket that falls this far behind is closed (1008) and, like any
    /// client whose socket closes, reconnects and reads a fresh READY.
    public var maxPendingInputs = 1024
    /// How often the server pings each socket; one that has not answered by the next ping is closed.
    public var pingInterval: Duration = .seconds(30)
    /// Messages a socket may send per second on average, and in one burst; beyond, a field update is refused
    /// (`rate_limited`) and other messages are dropped.
    public var messagesPerSecond = 10
    public var messageBurst = 30

    public init() {}
}

/// Why the gateway closed a socket.
public enum GatewayClose: Sendable, Equatable {
    case tooManyConnections
    case tooFarBehind
    /// The socket's session was revoked (logout) or expired.
    case signedOut
    /// The socket missed events and its state could not be read again: the page reconnects and reads READY then.
    case outOfDate

    public var reason: String {
        switch self {
        case .tooManyConnections: "too many connections"
        case .tooFarBehind: "too many pending events"
        case .signedOut: "signed out"
        case .outOfDate: "missed updates; reconnect"
        }
    }
}

/// Who is at the other end of a socket: the signed-in user and their session (nil for an anonymous socket), and the
/// client's address (anonymous sockets are counted per address).
public struct GatewayPeer: Sendable {
    public let user: User?
    public let session: Session?
    public let address: String?

    public init(user: User?, session: Session?, address: String?) {
        self.user = user
        self.session = user == nil ? nil : session
        self.address = address
    }
}

/// The WebSocket gateway without the socket and without the store: the original's protocol (`ConnectionState`, carried
/// out by `GatewayConnection`) over any transport that delivers text frames in and takes frames out, asking what it
/// must read or write of its `backend`. `RodHTTP` mounts it at `/gateway/web/` and `/ws/gateway/`.
public struct Gateway: Sendable {
    public let backend: any GatewayBackend
    public let layer: any ChannelLayer
    public let limits: GatewayLimits
    let logger: Logger
    let clock: @Sendable () -> Double
    private let counts = ConnectionCounts()

    public init(
        backend: any GatewayBackend, layer: any ChannelLayer, limits: GatewayLimits, logger: Logger,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.backend = backend
        self.layer = layer
        self.limits = limits
        self.logger = logger
        self.clock = clock
    }

    /// Open sockets, for diagnostics and tests.
    public var connectionCount: Int { counts.total }

    /// Runs one socket until the client goes, `send` fails, or the socket must be closed (returned). Sends the welcome
    /// first. Messages beyond the socket's rate are marked as such before they are queued, so a flood costs nothing.
    public func serve<Inbound: AsyncSequence & Sendable>(
        _ peer: GatewayPeer, inbound: Inbound, send: @escaping @Sendable (GatewayWrite) async throws -> Void
    ) async -> GatewayClose? where Inbound.Element == String {
        guard counts.admit(peer, limits: limits) else { return .tooManyConnections }
        defer { counts.release(peer) }
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
        let connection = GatewayConnection(gateway: self, peer: peer, member: member, send: send)
        var closed: GatewayClose?

        await withTaskGroup(of: Void.self) { group in
            group.addTask { [limits] in
                var rate = TokenBucket(perSecond: limits.messagesPerSecond, burst: limits.messageBurst)
                do {
                    for try await text in inbound {
                        let frame = ClientFrame(text)
                        enqueue(rate.take() ? .frame(frame) : .overRate(frame))
                    }
                } catch {}
                input.finish()
            }
            do {
                try await send(GatewayWrite(ServerFrame.welcome.bytes))
                for await item in inputs {
                    if overflow.happened { break }
                    if let session = peer.session, clock() >= session.expiresAt {
                        closed = .signedOut
                        break
                    }
                    // A task keeps the stack memory it grew until it ends, and this one lives as long as the socket:
                    // client frames (READY, field updates: deep store calls) run in a short-lived child task, so
                    // that an idle socket does not hold their stack for good. Events, the hot path, run here.
                    if case .frame = item {
                        async let handled: Void = connection.handle(item)
                        try await handled
                    } else {
                        try await connection.handle(item)
                    }
                    if let close = connection.closing {
                        closed = close
                        break
                    }
                }
            } catch {
                logger.debug("gateway: a socket closed while sending", metadata: ["error": "\(error)"])
            }
            group.cancelAll()
        }
        return overflow.happened ? .tooFarBehind : closed
    }
}

/// A socket's allowance of messages: refills at `perSecond`, holds at most `burst`.
struct TokenBucket {
    let perSecond: Double
    let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    init(perSecond: Int, burst: Int, now: ContinuousClock.Instant = .now) {
        self.perSecond = Double(perSecond)
        self.burst = Double(max(burst, 1))
        tokens = self.burst
        last = now
    }

    /// Takes one message's token; false when the socket is over its rate.
    mutating func take(now: ContinuousClock.Instant = .now) -> Bool {
        let elapsed = now - last
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * perSecond)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// Open sockets: signed in, in total and per user; anonymous, in total and per client address.
private final class ConnectionCounts: Sendable {
    private struct State {
        var signedIn = 0
        var perUser: [Int64: Int] = [:]
        var anonymous = 0
        var perAddress: [String: Int] = [:]
    }
    private let state = Mutex(State())

    var total: Int { state.withLock { $0.signedIn + $0.anonymous } }

    func admit(_ peer: GatewayPeer, limits: GatewayLimits) -> Bool {
        state.withLock { state in
            if let userID = peer.user?.id {
                guard state.signedIn < limits.maxConnections, state.perUser[userID, default: 0] < limits.maxConnectionsPerUser
                else { return false }
                state.perUser[userID, default: 0] += 1
                state.signedIn += 1
            } else {
                let address = peer.address ?? ""
                guard state.anonymous < limits.maxAnonymousConnections,
                    state.perAddress[address, default: 0] < limits.maxAnonymousConnectionsPerAddress
                else { return false }
                state.perAddress[address, default: 0] += 1
                state.anonymous += 1
            }
            return true
        }
    }

    func release(_ peer: GatewayPeer) {
        state.withLock { state in
            if let userID = peer.user?.id {
                state.signedIn -= 1
                state.perUser[userID, default: 1] -= 1
                if state.perUser[userID] == 0 { state.perUser[userID] = nil }
            } else {
                let address = peer.address ?? ""
                state.anonymous -= 1
                state.perAddress[address, default: 1] -= 1
                if state.perAddress[address] == 0 { state.perAddress[address] = nil }
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
