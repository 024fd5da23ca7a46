import Logging
import RodChannels
import RodCore

/// What a connection reacts to, in the order it arrived: the client's frames, parsed where they arrived, and the
/// channel layer's messages.
enum ConnectionInput: Sendable {
    case frame(ClientFrame)
    /// A client frame sent beyond the socket's message rate: refused without being acted on.
    case overRate(ClientFrame)
    case message(ChannelMessage)
}

/// Carries out one socket's `ConnectionState`: hands it each input, performs the actions it returns (groups,
/// frames, reads, writes, closing) in order, and hands the results of reads and writes back to it. Every rule of the
/// protocol is the state's; what is here is how each action is done.
///
/// Its state needs no lock: `Gateway.serve` hands it one input at a time and awaits each before the next, whether it
/// runs the input on the socket's task or on a child task it awaits. That is what the `@unchecked Sendable` vouches.
final class GatewayConnection: @unchecked Sendable {
    let gateway: Gateway
    let user: User?
    /// The signed-in user's session; its end (logout, expiry) closes the socket.
    let session: Session?
    let member: GroupRegistry.MemberID
    private let write: @Sendable (GatewayWrite) async throws -> Void
    /// Set when the socket must close; `Gateway.serve` closes it after the input that set it.
    private(set) var closing: GatewayClose?

    /// What the socket follows, and its rules for each input.
    private(set) var state: ConnectionState

    init(
        gateway: Gateway, peer: GatewayPeer, member: GroupRegistry.MemberID,
        send: @escaping @Sendable (GatewayWrite) async throws -> Void
    ) {
        self.gateway = gateway
        self.user = peer.user
        self.session = peer.session
        self.member = member
        self.write = send
        let sessionGroup = peer.session.map { GatewayGroups.session($0.tokenHash) }
        state = ConnectionState(user: peer.user?.id, sessionGroup: sessionGroup)
        // Outside the state's subscriptions: identifying again leaves those, never this one.
        if let sessionGroup { gateway.layer.groups.join(member, [sessionGroup]) }
    }

    var logger: Logger { gateway.logger }

    /// Sends one whole message.
    private func send(_ bytes: [UInt8]) async throws { try await write(GatewayWrite(bytes)) }

    func handle(_ input: ConnectionInput) async throws {
        switch input {
        case .frame(.ignored(let op, let name)):
            logger.debug("gateway: ignored a frame", metadata: ["op": "\(op.map(String.init) ?? "none")", "t": "\(name ?? "")"])
        case .frame(let frame):
            try await perform(state.receive(frame))
        case .overRate(let frame):
            try await perform(state.overRate(frame))
        case .message(let message):
            try await perform(state.receive(message.event, in: message.group), message)
        }
    }

    /// Carries out actions in order; `message` is the channel message whose shared frames they send.
    ///
    /// Events, the hot path, run on the socket's own task, which keeps the memory its deepest call grew until the
    /// socket closes (the runtime's task allocator frees its slabs only when the task ends). So this function holds
    /// only what events need; the actions that ask the backend are carried out by `ask`, whose frame (five child
    /// tasks' storage: 12 KB a socket when it was inlined here, measured with heaptrack) is allocated only when one
    /// of them comes.
    private func perform(_ actions: [ConnectionState.Action], _ message: ChannelMessage? = nil) async throws {
        for action in actions {
            switch action {
            case .join(let groups): gateway.layer.groups.join(member, groups)
            case .leave(let groups): gateway.layer.groups.leave(member, groups)
            case .watchAll(let on): gateway.layer.groups.watchAll(member, on)
            case .send(let frame): try await send(frame.bytes)
            case .sendReady(let ready): try await ReadyFrame(ready: ready).write(to: write)
            case .sendShared(let frame): try await send(message?.rendering(frame.sharedKey) { frame.bytes } ?? frame.bytes)
            case .close(let reason): closing = reason
            case .readReady, .refreshSheet, .announceChronicle, .followAsStaff, .admit, .apply: try await ask(action)
            }
        }
    }

    /// Carries out an action that asks the backend, in a child task of its own (`async let`), so that the store's
    /// deep calls never grow the socket's task.
    @inline(never)
    private func ask(_ action: ConnectionState.Action) async throws {
        let backend = gateway.backend
        switch action {
        case .readReady(let afterLoss): try await perform(readReady(afterLoss: afterLoss))
        case .refreshSheet(let id):
            async let read = backend.sheet(of: id)
            if let character = try await read { try await perform(state.refreshSheet(character)) }
        case .announceChronicle(let id):
            async let read = backend.chronicle(id)
            if let shape = try await read { try await send(ServerFrame.chronicle(shape).bytes) }
        case .followAsStaff(let chronicleID):
            async let read = backend.staffView(of: chronicleID)
            try await perform(state.followedAsStaff(try await read))
        case .admit(let request):
            guard let user else { return }
            async let admission = backend.admit(user, session: session)
            try await perform(state.admission(request, await admission))
        case .apply(let request):
            guard let user else { return }
            async let outcome = Self.apply(request, by: user, on: backend)
            try await perform(state.applied(request, await outcome))
        case .join, .leave, .watchAll, .send, .sendReady, .sendShared, .close: try await perform([action])
        }
    }

    private static func apply(_ request: WriteRequest, by user: User, on backend: any GatewayBackend) async
        -> GatewayWriteOutcome
    {
        switch request {
        case .field(let field): await backend.updateField(field, by: user)
        case .undo(let undo): await backend.undo(undo, by: user)
        }
    }

    private func readReady(afterLoss: Bool) async -> [ConnectionState.Action] {
        guard let user else { return [] }
        if afterLoss { logger.debug("gateway: reading the socket's state again after lost events") }
        async let read = gateway.backend.ready(for: user)
        do {
            return state.readyRead(try await read, afterLoss: afterLoss)
        } catch {
            logger.error("gateway: cannot build READY", metadata: ["user": "\(user.id)", "error": "\(error)"])
            return state.readyFailed(afterLoss: afterLoss)
        }
    }
}
