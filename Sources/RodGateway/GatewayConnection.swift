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

    private(set) var subscriptions: Set<String> = []
    /// Followed characters by id.
    private(set) var characters: [Int64: Placement] = [:]
    /// Followed memberships by member id.
    private(set) var memberships: [Int64: Membership] = [:]
    /// Chronicles where the user is a storyteller or an admin.
    private(set) var staffIn: Set<Int64> = []
    /// The sheet page open on this socket (`sheet_subscribe`): its updates carry the full sheet.
    private(set) var selectedSheet: String?

    init(
        gateway: Gateway, peer: GatewayPeer, member: GroupRegistry.MemberID,
        send: @escaping @Sendable ([UInt8]) async throws -> Void
    ) {
        self.gateway = gateway
        self.user = peer.user
        self.session = peer.session
        self.member = member
        self.send = send
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
        case .message(let message) where message.gatewayEvent == .sessionEnd:
            // While READY is built the socket sees every group's messages: only its own session's end closes it.
            if let session, message.group == GatewayGroups.session(session.tokenHash) { closing = .signedOut }
        case .message(let message):
            // Messages of groups left meanwhile, or seen only while READY was being built, are not for this socket.
            guard subscriptions.contains(message.group) else { return }
            try await dispatch(message)
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
            selectSheet(frame.data["id"])
        case .request where frame.name == FieldUpdateRequest.name:
            try await fieldUpdate(frame.data)
        default:
            logger.debug("gateway: ignored a frame", metadata: ["op": "\(frame.op)", "t": "\(frame.name ?? "")"])
        }
    }

    /// A frame beyond the socket's rate: a field update is refused so that its sender knows; anything else is dropped.
    private func refuseOverRate(_ text: String) async throws {
        guard let frame = InboundFrame(text), frame.name == FieldUpdateRequest.name,
            case .success(let request) = FieldUpdateRequest.parse(frame.data)
        else {
            logger.debug("gateway: dropped a frame over the socket's rate")
            return
        }
        try await send(
            FieldUpdateFailure.refused(
                request, reason: "rate_limited",
                errors: ValidationErrors(request.field, ValidationMessage("Too many messages on this socket; slow down."))
            ).frame)
    }

    /// A falsy id clears the selection. The original compared the id as sent with string ids, so a numeric id never
    /// matched; here `12` and `"12"` select the same sheet.
    private func selectSheet(_ id: JSON?) {
        switch id {
        case .string(let text)? where !text.isEmpty: selectedSheet = text
        case .int(let number)? where number != 0: selectedSheet = String(number)
        default: selectedSheet = nil
        }
    }

    /// READY: the user, the chronicles they belong to with their members, and the characters they may see, each
    /// followed from now on. Anonymous sockets get an empty READY. Identifying again starts over.
    private func identify() async throws {
        guard let user else {
            try await send(OutboundFrame.dispatch("READY", .emptyObject))
            return
        }
        leave(subscriptions)
        characters = [:]
        memberships = [:]
        staffIn = []
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
            return
        }
        join(
            [
                GatewayGroups.userUpdate(user.id), GatewayGroups.characterNew, GatewayGroups.characterDelete,
                GatewayGroups.memberNew, GatewayGroups.memberDelete,
            ] + ready.chronicles.map(GatewayGroups.chronicleUpdate))
        staffIn = ready.staffIn
        for other in ready.members { followMembership(other) }
        for character in ready.characters { followCharacter(character) }
        try await send(OutboundFrame.dispatch("READY", ready.data))
    }

    private func fieldUpdate(_ data: JSON) async throws {
        let request: FieldUpdateRequest
        switch FieldUpdateRequest.parse(data) {
        case .success(let parsed): request = parsed
        case .failure(let failure):
            try await send(failure.frame)
            return
        }
        func refuse(_ reason: String, _ errors: ValidationErrors, current: Character? = nil) async throws {
            let value = current.flatMap { gateway.registry.splat($0.splat)?.fieldValue(request.field, of: $0) }
            try await send(
                FieldUpdateFailure.refused(request, reason: reason, errors: errors, current: current, value: value).frame)
        }
        func message(_ text: String) -> ValidationErrors { ValidationErrors(request.field, ValidationMessage(text)) }
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
        switch await gateway.updateField(request, by: user) {
        case .success(let saved):
            let value = gateway.registry.splat(saved.splat)?.fieldValue(request.field, of: saved) ?? .null
            try await send(request.accepted(saved, value: value))
        case .failure(.stale(let current)):
            try await refuse(
                "stale",
                message("The character changed since revision \(request.revision); it is at revision \(current.revision)."),
                current: current)
        case .failure(.invalid(let errors)): try await refuse("invalid", errors)
        case .failure(.locked(let errors)): try await refuse("locked", errors)
        case .failure(.forbidden): try await refuse("forbidden", message("You do not have permission to edit this character"))
        case .failure(.notFound), .failure(.unknownSplat): try await refuse("not_found", message("Character not found"))
        case .failure(.notASheet): try await refuse("not_a_sheet", message("This is not a Sheet"))
        case .failure(.busy): try await refuse("busy", message("The character is being changed by someone else; try again."))
        case .failure(let error):
            logger.error("gateway: a field update failed", metadata: ["error": "\(error)"])
            try await refuse("unavailable", message("The change could not be saved; try again."))
        }
    }

    // MARK: Channel-layer events

    private func dispatch(_ message: ChannelMessage) async throws {
        switch message.gatewayEvent {
        case .characterNew(let character)?: try await characterNew(character, message)
        case .characterUpdate(let character)?: try await characterUpdate(character, message)
        case .characterDelete(let id)?: try await drop(character: id)
        case .userUpdate(let user)?:
            try await send(message.rendering("user") { OutboundFrame.dispatch("UPDATE_USER", ["user": user]) })
        case .chronicleUpdate(let chronicle)?:
            try await send(
                message.rendering("chronicle") { OutboundFrame.dispatch("UPDATE_CHRONICLE", ["chronicle": chronicle]) })
        case .memberNew(let member)?: try await memberNew(member, message)
        case .memberUpdate(let member, let staffStatusChanged)?: try await memberUpdate(member, staffStatusChanged, message)
        case .memberDelete(let member)?: try await memberDelete(member, message)
        case .sessionEnd?, nil: logger.debug("gateway: ignored an event", metadata: ["type": "\(message.type)"])
        }
    }

    /// A new character, or one that moved chronicle: followed from now on if the user may see it (never with a sheet).
    private func characterNew(_ character: GatewayEvent.CharacterEvent, _ message: ChannelMessage) async throws {
        let group = GatewayGroups.characterUpdate(character.id)
        let placement = Placement(character)
        guard !subscriptions.contains(group), canSee(placement) else { return }
        join([group])
        characters[character.id] = placement
        try await send(message.rendering("character") { Self.updateCharacter(character, sheet: false) })
    }

    /// A change of a followed character; if the user may no longer see it, it is dropped as if deleted.
    private func characterUpdate(_ character: GatewayEvent.CharacterEvent, _ message: ChannelMessage) async throws {
        let placement = Placement(character)
        guard canSee(placement) else {
            try await drop(character: character.id)
            return
        }
        characters[character.id] = placement
        let withSheet = selectedSheet == String(character.id) && character.sheet != nil
        try await send(
            message.rendering(withSheet ? "character+sheet" : "character") { Self.updateCharacter(character, sheet: withSheet) })
    }

    /// A new membership: the user's own joins the chronicle; staff of the chronicle follow the newcomer.
    private func memberNew(_ member: GatewayEvent.MemberEvent, _ message: ChannelMessage) async throws {
        guard let user, member.user == user.id || staffIn.contains(member.chronicle) else { return }
        if member.user == user.id {
            if member.isStaff { staffIn.insert(member.chronicle) }
            join([GatewayGroups.chronicleUpdate(member.chronicle)])
            let store = gateway.store
            async let read = store.chronicle(id: member.chronicle)
            if let chronicle = try await read {
                try await send(OutboundFrame.dispatch("UPDATE_CHRONICLE", ["chronicle": GatewayShapes.chronicle(chronicle)]))
            }
        }
        if staffIn.contains(member.chronicle) { try await followAsStaff(chronicle: member.chronicle) }
        let group = GatewayGroups.memberUpdate(member.id)
        if !subscriptions.contains(group) {
            join([group])
            memberships[member.id] = Membership(member)
            try await send(message.rendering("member") { Self.updateMember(member.shape) })
        }
    }

    /// A changed membership. When it is the user's own and they gained staff, they follow the whole chronicle; when
    /// they lost it, they drop what only staff see.
    private func memberUpdate(
        _ member: GatewayEvent.MemberEvent, _ staffStatusChanged: Bool, _ message: ChannelMessage
    ) async throws {
        guard let user else { return }
        memberships[member.id] = Membership(member)
        if staffStatusChanged, member.user == user.id {
            if member.isStaff {
                staffIn.insert(member.chronicle)
                try await followAsStaff(chronicle: member.chronicle)
            } else {
                staffIn.remove(member.chronicle)
                for (id, placement) in characters.sorted(by: { $0.key < $1.key })
                where placement.chronicle == member.chronicle && placement.owner != user.id {
                    try await drop(character: id)
                }
                for (id, other) in memberships.sorted(by: { $0.key < $1.key })
                where other.chronicle == member.chronicle && other.user != user.id {
                    leave([GatewayGroups.memberUpdate(id)])
                    memberships[id] = nil
                    // The original sent only the id; the frontend reads `user` and `chronicle`.
                    let gone: JSON = [
                        "id": .string(String(id)), "user": .string(String(other.user)),
                        "chronicle": .string(String(other.chronicle)),
                    ]
                    try await send(OutboundFrame.dispatch("DELETE_MEMBER", ["member": gone]))
                }
            }
        }
        try await send(message.rendering("member") { Self.updateMember(member.shape) })
    }

    /// A membership removed: the user's own leaves the chronicle's groups; staff stop following the member.
    private func memberDelete(_ member: GatewayEvent.MemberEvent, _ message: ChannelMessage) async throws {
        guard let user, member.user == user.id || staffIn.contains(member.chronicle) else { return }
        if member.user == user.id {
            leave([GatewayGroups.chronicleUpdate(member.chronicle)])
            staffIn.remove(member.chronicle)
            for (id, membership) in memberships where membership.chronicle == member.chronicle {
                leave([GatewayGroups.memberUpdate(id)])
                memberships[id] = nil
            }
            for (id, placement) in characters where placement.chronicle == member.chronicle {
                leave([GatewayGroups.characterUpdate(id)])
                characters[id] = nil
            }
        } else {
            leave([GatewayGroups.memberUpdate(member.id)])
            memberships[member.id] = nil
        }
        try await send(message.rendering("member.delete") { OutboundFrame.dispatch("DELETE_MEMBER", ["member": member.shape]) })
    }

    // MARK: Following

    /// Staff follow every member and character of the chronicle they do not follow yet, each announced.
    private func followAsStaff(chronicle chronicleID: Int64) async throws {
        let gateway = gateway
        async let read = gateway.staffView(of: chronicleID)
        let view = try await read
        for (other, shape) in view.members where !subscriptions.contains(GatewayGroups.memberUpdate(other.id)) {
            followMembership(other)
            try await send(OutboundFrame.dispatch("UPDATE_MEMBER", ["member": shape]))
        }
        for character in view.characters where !subscriptions.contains(GatewayGroups.characterUpdate(character.id)) {
            guard let tracker = followCharacter(character) else { continue }
            var d = JSONObject()
            d.appendNew("character", tracker)
            d.appendNew("id", .int(character.id))
            d.appendNew("revision", .int(character.revision))
            try await send(OutboundFrame.dispatch("UPDATE_CHARACTER", .object(d)))
        }
    }

    /// Follows a character and returns its tracker view; nil (not followed) when its splat is unknown.
    @discardableResult
    private func followCharacter(_ character: Character) -> JSON? {
        guard let splat = gateway.registry.splat(character.splat) else { return nil }
        join([GatewayGroups.characterUpdate(character.id)])
        characters[character.id] = Placement(owner: character.userID, chronicle: character.chronicleID)
        return splat.tracker(character)
    }

    private func followMembership(_ member: Member) {
        join([GatewayGroups.memberUpdate(member.id)])
        memberships[member.id] = Membership(chronicle: member.chronicleID, user: member.userID)
    }

    /// Stops following a character and tells the page, if it was followed.
    private func drop(character id: Int64) async throws {
        let group = GatewayGroups.characterUpdate(id)
        guard subscriptions.contains(group) else { return }
        leave([group])
        characters[id] = nil
        try await send(OutboundFrame.dispatch("DELETE_CHARACTER", ["id": .string(String(id))]))
    }

    private func canSee(_ placement: Placement) -> Bool {
        guard let user else { return false }
        return placement.owner == user.id || placement.chronicle.map(staffIn.contains) == true
    }

    private func join(_ groups: [String]) {
        subscriptions.formUnion(groups)
        gateway.layer.groups.join(member, groups)
    }

    private func leave(_ groups: some Collection<String>) {
        let groups = Array(groups)
        subscriptions.subtract(groups)
        gateway.layer.groups.leave(member, groups)
    }

    // MARK: Shapes

    /// `UPDATE_CHARACTER`: `{"character": <tracker>, "id", ["sheet"], "revision"}`.
    static func updateCharacter(_ character: GatewayEvent.CharacterEvent, sheet: Bool) -> [UInt8] {
        var d = JSONObject()
        d.appendNew("character", character.tracker)
        d.appendNew("id", .int(character.id))
        if sheet { d.appendNew("sheet", character.sheet ?? .null) }
        d.appendNew("revision", .int(character.revision))
        return OutboundFrame.dispatch("UPDATE_CHARACTER", .object(d))
    }

    static func updateMember(_ shape: JSON) -> [UInt8] {
        OutboundFrame.dispatch("UPDATE_MEMBER", ["member": shape])
    }
}
