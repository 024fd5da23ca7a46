import Logging
import RodChannels
import RodCore
import RodServices
import RodStore

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
    private let send: @Sendable ([UInt8]) async throws -> Void
    /// Set when the socket must close; `Gateway.serve` closes it after the input that set it.
    private(set) var closing: GatewayClose?

    /// What the socket follows, and its rules for each input.
    private(set) var state: ConnectionState

    init(
        gateway: Gateway, peer: GatewayPeer, member: GroupRegistry.MemberID,
        send: @escaping @Sendable ([UInt8]) async throws -> Void
    ) {
        self.gateway = gateway
        self.user = peer.user
        self.session = peer.session
        self.member = member
        self.send = send
        let sessionGroup = peer.session.map { GatewayGroups.session($0.tokenHash) }
        state = ConnectionState(user: peer.user?.id, sessionGroup: sessionGroup)
        // Outside the state's subscriptions: identifying again leaves those, never this one.
        if let sessionGroup { gateway.layer.groups.join(member, [sessionGroup]) }
    }

    var logger: Logger { gateway.logger }

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
    private func perform(_ actions: [ConnectionState.Action], _ message: ChannelMessage? = nil) async throws {
        for action in actions {
            switch action {
            case .join(let groups): gateway.layer.groups.join(member, groups)
            case .leave(let groups): gateway.layer.groups.leave(member, groups)
            case .watchAll(let on): gateway.layer.groups.watchAll(member, on)
            case .send(let frame): try await send(frame.bytes)
            case .sendShared(let frame): try await send(message?.rendering(frame.sharedKey) { frame.bytes } ?? frame.bytes)
            case .close(let reason): closing = reason
            case .readReady(let afterLoss): try await perform(readReady(afterLoss: afterLoss))
            case .refreshSheet(let id):
                if let character = try await gateway.character(id: id) { try await perform(state.refreshSheet(character)) }
            case .announceChronicle(let id):
                if let shape = try await gateway.chronicle(id: id) { try await send(ServerFrame.chronicle(shape).bytes) }
            case .followAsStaff(let chronicleID):
                let view = try await gateway.staffView(of: chronicleID)
                try await perform(state.followedAsStaff(members: view.members, characters: view.characters))
            case .admit(let request):
                guard let user else { continue }
                try await perform(state.admission(request, await gateway.admit(user, session: session)))
            case .apply(let request):
                guard let user else { continue }
                try await perform(state.applied(request, await apply(request, by: user)))
            }
        }
    }

    private func readReady(afterLoss: Bool) async -> [ConnectionState.Action] {
        guard let user else { return [] }
        if afterLoss { logger.debug("gateway: reading the socket's state again after lost events") }
        do {
            return state.readyRead(try await gateway.ready(for: user), afterLoss: afterLoss)
        } catch {
            logger.error("gateway: cannot build READY", metadata: ["user": "\(user.id)", "error": "\(error)"])
            return state.readyFailed(afterLoss: afterLoss)
        }
    }

    /// Applies a write; the field's value (as stored, or as stored now when the write was stale) is read off the record.
    private func apply(_ request: WriteRequest, by user: User) async -> ConnectionState.WriteOutcome {
        let outcome: ConnectionState.WriteOutcome
        switch request {
        case .field(let field):
            func value(_ character: CharacterRecord) -> JSON? {
                gateway.registry.splat(character.splat)?.fieldValue(field.field, of: character)
            }
            switch await gateway.updateField(field, by: user) {
            case .success(let saved): outcome = .stored(revision: saved.revision, value: value(saved))
            case .failure(.stale(let current)): outcome = .failed(.stale(current), value: value(current))
            case .failure(let error): outcome = .failed(error, value: nil)
            }
        case .undo(let undo):
            switch await gateway.undo(undo, by: user) {
            case .success(let (character, restored)): outcome = .undone(revision: character.revision, restored: restored)
            case .failure(let error): outcome = .failed(error, value: nil)
            }
        }
        if case .failed(let error, _) = outcome, !error.isExpectedRefusal {
            logger.error("gateway: a write failed", metadata: ["error": "\(error)"])
        }
        return outcome
    }
}

extension CharacterWriteError {
    /// A refusal the rules give (stale, invalid, locked, ...), not a failure worth an operator's attention.
    fileprivate var isExpectedRefusal: Bool {
        switch self {
        case .stale, .invalid, .locked, .forbidden, .notFound, .unknownSplat, .notASheet, .busy, .unavailable: true
        default: false
        }
    }
}
