import Logging
import RodChannels
import RodCore
import RodServices
import RodStore

/// What a connection reacts to, in the order it arrived: the client's frames and the channel layer's messages.
enum ConnectionInput: Sendable {
    case text(String)
    /// A client frame sent beyond the socket's message rate: refused without being acted on.
    case overRate(String)
    case message(ChannelMessage)
}

/// One socket's side of the protocol: the state the original's `GatewayConsumer` keeps (its groups, the selected
/// sheet) and its rules for each frame and event. Replies go out through `send`.
///
/// Its state needs no lock: `Gateway.serve` hands it one input at a time and awaits each before the next, whether it
/// runs the input on the socket's task or on a child task it awaits. That is what the `@unchecked Sendable` vouches.
///
/// Beyond the original it remembers where each followed character and membership sits and in which chronicles the
/// user is staff, so that deciding who sees an event needs no database read per socket.
final class GatewayConnection: @unchecked Sendable {
    let gateway: Gateway
    let user: User?
    /// The signed-in user's session; its end (logout, expiry) closes the socket.
    let session: Session?
    let member: GroupRegistry.MemberID
    private let send: @Sendable ([UInt8]) async throws -> Void
    /// Set when the socket must close; `Gateway.serve` closes it after the input that set it.
    private(set) var closing: GatewayClose?
    /// Whether the client has identified (and so holds a READY's state).
    private var identified = false

    /// What the socket follows, and its rules for each event (`ConnectionState`).
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
        state = ConnectionState(user: peer.user?.id)
        // Outside `subscriptions`: identifying again leaves those, never this one.
        if let session { gateway.layer.groups.join(member, [GatewayGroups.session(session.tokenHash)]) }
    }

    var logger: Logger { gateway.logger }

    func handle(_ input: ConnectionInput) async throws {
        switch input {
        case .text(let text):
            try await receive(text)
        case .overRate(let text):
            try await refuseOverRate(text)
        case .message(let message) where message.event == .sessionEnd:
            // While READY is built the socket sees every group's messages: only its own session's end closes it.
            if let session, message.group == GatewayGroups.session(session.tokenHash) { closing = .signedOut }
        case .message(let message) where message.event == .resync:
            try await resync()
        case .message(let message):
            try await perform(state.receive(message.event, in: message.group), message)
        }
    }

    // MARK: Client frames

    private func receive(_ text: String) async throws {
        guard let frame = InboundFrame(text) else {
            logger.debug("gateway: ignored a frame that is not {op, d, t} JSON")
            return
        }
        switch GatewayOpcode(rawValue: frame.op) {
        case .identify:
            try await identify()
        case .heartbeat:
            try await send(OutboundFrame.heartbeatACK)
        case .request where frame.name == "sheet_subscribe":
            state.selectSheet(frame.data["id"])
        case .request where frame.name == FieldUpdateRequest.name:
            try await fieldUpdate(frame.data)
        case .request where frame.name == UndoRequest.name:
            try await undo(frame.data)
        default:
            logger.debug("gateway: ignored a frame", metadata: ["op": "\(frame.op)", "t": "\(frame.name ?? "")"])
        }
    }

    /// A frame beyond the socket's rate: a field update is refused so that its sender knows; anything else is dropped.
    private func refuseOverRate(_ text: String) async throws {
        let request: (any GatewayWriteRequest)?
        switch InboundFrame(text) {
        case let frame? where frame.name == FieldUpdateRequest.name: request = try? FieldUpdateRequest.parse(frame.data).get()
        case let frame? where frame.name == UndoRequest.name: request = try? UndoRequest.parse(frame.data).get()
        default: request = nil
        }
        guard let request else {
            logger.debug("gateway: dropped a frame over the socket's rate")
            return
        }
        let message = ValidationMessage("Too many messages on this socket; slow down.")
        try await send(
            FieldUpdateFailure.refused(
                request, reason: "rate_limited", errors: ValidationErrors(request.key ?? ValidationErrors.nonField, message)
            ).frame)
    }

    /// READY: the user, the chronicles they belong to with their members, and the characters they may see, each
    /// followed from now on. Anonymous sockets get an empty READY. Identifying again starts over. False when READY
    /// could not be read (the socket then follows nothing).
    @discardableResult
    private func identify() async throws -> Bool {
        identified = true
        guard let user else {
            try await send(OutboundFrame.dispatch("READY", .emptyObject))
            return true
        }
        try await perform(state.forget())
        // Until READY is built, every message is queued for this socket, so that none sent meanwhile is missed; once
        // the groups are joined, those of other groups are dropped by `handle`.
        gateway.layer.groups.watchAll(member, true)
        defer { gateway.layer.groups.watchAll(member, false) }
        let ready: Gateway.Ready
        do {
            ready = try await gateway.ready(for: user)
        } catch {
            logger.error("gateway: cannot build READY", metadata: ["user": "\(user.id)", "error": "\(error)"])
            try await send(OutboundFrame.dispatch("ERROR", ["message": "Failed to load your characters and chronicles."]))
            return false
        }
        try await perform(
            state.ready(
                chronicles: ready.chronicles, staffIn: ready.staffIn, members: ready.members, characters: ready.characters))
        try await send(OutboundFrame.dispatch("READY", ready.data))
        return true
    }

    /// The channel layer lost events: the page gets a fresh READY (the frontend replaces its whole state with any
    /// READY it receives), then the character of its open sheet page with the sheet, which READY does not carry.
    private func resync() async throws {
        guard identified, user != nil else { return }
        logger.debug("gateway: reading the socket's state again after lost events")
        // Unread (the database away too), the socket would follow nothing: it closes, and the page reconnects.
        guard try await identify() else {
            closing = .outOfDate
            return
        }
        guard let selected = state.selectedSheet, let id = Int64(selected), state.characters[id] != nil else { return }
        let store = gateway.store
        async let read = store.character(id: id)
        guard let character = try await read, let splat = gateway.registry.splat(character.splat) else { return }
        try await perform(state.refreshSheet(GatewayEvent.CharacterEvent(character, splat: splat, withSheet: true)))
    }

    private func fieldUpdate(_ data: JSON) async throws {
        switch FieldUpdateRequest.parse(data) {
        case .failure(let failure): try await send(failure.frame)
        case .success(let request):
            try await write(request) { user in
                switch await gateway.updateField(request, by: user) {
                case .success(let saved):
                    let value = gateway.registry.splat(saved.splat)?.fieldValue(request.field, of: saved) ?? .null
                    return .success(request.accepted(saved, value: value))
                case .failure(let error): return .failure(error)
                }
            } value: { current in
                gateway.registry.splat(current.splat)?.fieldValue(request.field, of: current)
            }
        }
    }

    private func undo(_ data: JSON) async throws {
        switch UndoRequest.parse(data) {
        case .failure(let failure): try await send(failure.frame)
        case .success(let request):
            try await write(request) { user in
                switch await gateway.undo(request, by: user) {
                case .success(let (character, restored)): return .success(request.accepted(character, restored: restored))
                case .failure(let error): return .failure(error)
                }
            } value: { _ in
                nil
            }
        }
    }

    /// A write a socket asked for: refused unless signed in with a live session and within the day's quota; then
    /// `apply`'s answer to the sender, or its refusal with the field update's reasons.
    private func write(
        _ request: any GatewayWriteRequest, apply: (User) async -> Result<[UInt8], CharacterWriteError>,
        value: (CharacterRecord) -> JSON?
    ) async throws {
        func refuse(_ reason: String, _ errors: ValidationErrors, current: CharacterRecord? = nil) async throws {
            try await send(
                FieldUpdateFailure.refused(
                    request, reason: reason, errors: errors, current: current, value: current.flatMap(value)
                )
                .frame)
        }
        func message(_ text: String) -> ValidationErrors {
            ValidationErrors(request.key ?? ValidationErrors.nonField, ValidationMessage(text))
        }
        guard let user else {
            try await refuse("forbidden", message("Sign in to edit characters."))
            return
        }
        // The session may have ended in another process (logout) since the socket opened: every write checks it.
        switch await gateway.admit(user, session: session) {
        case .admitted: break
        case .signedOut:
            try await refuse("signed_out", message("Your session has ended; sign in again."))
            closing = .signedOut
            return
        case .throttled(let wait):
            try await refuse("throttled", message("Request was throttled. Expected available in \(wait) seconds."))
            return
        case .unavailable:
            try await refuse("unavailable", message("The change could not be saved; try again."))
            return
        }
        switch await apply(user) {
        case .success(let frame):
            try await send(frame)
        case .failure(.stale(let current)):
            let text =
                request.key == nil
                ? "The character changed since revision \(request.revision), or its last change is not yours; it is at revision \(current.revision)."
                : "The character changed since revision \(request.revision); it is at revision \(current.revision)."
            try await refuse("stale", message(text), current: current)
        case .failure(.invalid(let errors)): try await refuse("invalid", errors)
        case .failure(.locked(let errors)): try await refuse("locked", errors)
        case .failure(.forbidden): try await refuse("forbidden", message("You do not have permission to edit this character"))
        case .failure(.notFound), .failure(.unknownSplat): try await refuse("not_found", message("Character not found"))
        case .failure(.notASheet): try await refuse("not_a_sheet", message("This is not a Sheet"))
        case .failure(.busy): try await refuse("busy", message("The character is being changed by someone else; try again."))
        case .failure(.unavailable(let wait)):
            try await refuse("unavailable", message("The database is unavailable; try again in \(wait) seconds."))
        case .failure(let error):
            logger.error("gateway: a write failed", metadata: ["error": "\(error)"])
            try await refuse("unavailable", message("The change could not be saved; try again."))
        }
    }

    // MARK: Carrying out the state's actions

    /// Carries out actions in order; `message` is the event whose shared frames they send.
    private func perform(_ actions: [ConnectionState.Action], _ message: ChannelMessage? = nil) async throws {
        for action in actions {
            switch action {
            case .join(let groups): gateway.layer.groups.join(member, groups)
            case .leave(let groups): gateway.layer.groups.leave(member, groups)
            case .send(let frame): try await send(frame)
            case .sendShared(let shared):
                try await send(message?.rendering(shared.key) { shared.frame } ?? shared.frame)
            case .announceChronicle(let id):
                let store = gateway.store
                async let read = store.chronicle(id: id)
                if let chronicle = try await read {
                    try await send(OutboundFrame.dispatch("UPDATE_CHRONICLE", ["chronicle": GatewayShapes.chronicle(chronicle)]))
                }
            case .followAsStaff(let chronicleID):
                let gateway = gateway
                async let read = gateway.staffView(of: chronicleID)
                let view = try await read
                let characters = view.characters.map { ($0, gateway.registry.splat($0.splat)?.tracker($0)) }
                try await perform(state.followedAsStaff(members: view.members, characters: characters))
            }
        }
    }
}
