import RodChannels
import RodCore

/// One socket's side of the protocol as a value: what it follows (groups, characters and memberships, the chronicles
/// where the user is staff, the selected sheet), and for each input (a client frame, a channel-layer event, the result
/// of a read or a write it asked for) the actions to carry out. It reads no store and sends nothing itself:
/// `GatewayConnection` carries the actions out in order (joining groups, sending frames, reading READY, admitting and
/// applying writes, closing) and hands their results back, the way swift-websocket's `WebSocketStateMachine` is
/// driven by its handler. So the socket's whole life, welcome to close, is tested without a socket
/// (`Tests/RodGatewayTests`).
struct ConnectionState: Sendable {
    /// The signed-in user; nil for an anonymous socket, which follows nothing and may not write.
    let user: Int64?
    /// The group of the user's session, whose end closes the socket.
    let sessionGroup: String?
    private(set) var subscriptions: Set<String> = []
    /// Followed characters by id.
    private(set) var characters: [Int64: Placement] = [:]
    /// Followed memberships by member id.
    private(set) var memberships: [Int64: Membership] = [:]
    /// Chronicles where the user is a storyteller or an admin.
    private(set) var staffIn: Set<Int64> = []
    /// The sheet page open on this socket (`sheet_subscribe`): its updates carry the full sheet.
    private(set) var selectedSheet: String?
    /// Whether the client has identified (and so holds a READY's state).
    private(set) var identified = false

    init(user: Int64?, sessionGroup: String? = nil) {
        self.user = user
        self.sessionGroup = user == nil ? nil : sessionGroup
    }

    enum Action: Sendable, Equatable {
        case join([String])
        case leave([String])
        /// While READY is read, every group's messages are queued for the socket, so that none sent meanwhile is
        /// missed; those of groups it did not join are then dropped by `receive`.
        case watchAll(Bool)
        /// Sends a frame built from the channel message being handled, shared by every socket that sends it.
        case sendShared(ServerFrame)
        /// Sends a frame of this socket's own.
        case send(ServerFrame)
        /// Sends READY, written as it is produced (`ReadyFrame`).
        case sendReady(GatewayReady)
        /// Closes the socket once the input's actions are carried out.
        case close(GatewayClose)
        /// Reads READY for the user: `readyRead` or `readyFailed` follow. After lost events (`afterLoss`), the open
        /// sheet is read again too.
        case readReady(afterLoss: Bool)
        /// Reads the character of the open sheet page: `refreshSheet` follows.
        case refreshSheet(Int64)
        /// Reads the chronicle and sends it (`UPDATE_CHRONICLE`).
        case announceChronicle(Int64)
        /// Reads the chronicle's members and characters: `followedAsStaff` follows.
        case followAsStaff(Int64)
        /// Checks that the session is live and the day's quota has room: `admission` follows.
        case admit(WriteRequest)
        /// Applies the write: `applied` follows.
        case apply(WriteRequest)
    }

    // MARK: Client frames

    mutating func receive(_ frame: ClientFrame) -> [Action] {
        switch frame {
        case .identify: return identify(afterLoss: false)
        case .heartbeat: return [.send(.heartbeatACK)]
        case .selectSheet(let id):
            selectSheet(id)
            return []
        case .write(let request):
            guard user != nil else { return [.send(refusal(request, "forbidden", "Sign in to edit characters."))] }
            return [.admit(request)]
        case .malformed(let malformed): return [.send(.malformed(malformed))]
        case .ignored: return []
        }
    }

    /// A frame beyond the socket's rate: a write is refused so that its sender knows; anything else is dropped.
    func overRate(_ frame: ClientFrame) -> [Action] {
        guard case .write(let request) = frame else { return [] }
        return [.send(refusal(request, "rate_limited", "Too many messages on this socket; slow down."))]
    }

    /// A falsy id clears the selection. The original compared the id as sent with string ids, so a numeric id never
    /// matched; here `12` and `"12"` select the same sheet.
    mutating func selectSheet(_ id: JSON?) {
        switch id {
        case .string(let text)? where !text.isEmpty: selectedSheet = text
        case .int(let number)? where number != 0: selectedSheet = String(number)
        default: selectedSheet = nil
        }
    }

    /// READY: the user, the chronicles they belong to with their members, and the characters they may see, each
    /// followed from then on. Anonymous sockets get an empty READY. Identifying again starts over.
    private mutating func identify(afterLoss: Bool) -> [Action] {
        identified = true
        guard user != nil else { return [.send(.ready(.emptyObject))] }
        return forget() + [.watchAll(true), .readReady(afterLoss: afterLoss)]
    }

    /// Identifying again starts over: every group left, nothing followed.
    private mutating func forget() -> [Action] {
        let left = Array(subscriptions)
        subscriptions = []
        characters = [:]
        memberships = [:]
        staffIn = []
        return left.isEmpty ? [] : [.leave(left)]
    }

    /// READY was read: the user's groups joined, its members and characters followed, READY sent. After lost events,
    /// the open sheet's character is read again, since READY does not carry the sheet.
    mutating func readyRead(_ ready: GatewayReady, afterLoss: Bool) -> [Action] {
        guard let user else { return [] }
        var groups =
            [
                GatewayGroups.userUpdate(user), GatewayGroups.characterNew, GatewayGroups.characterDelete,
                GatewayGroups.memberNew, GatewayGroups.memberDelete,
            ] + ready.chronicles.map(GatewayGroups.chronicleUpdate)
        groups.reserveCapacity(groups.count + ready.members.count + ready.characters.count)
        staffIn = ready.staffIn
        for member in ready.members {
            memberships[member.id] = Membership(chronicle: member.chronicle, user: member.user)
            groups.append(GatewayGroups.memberUpdate(member.id))
        }
        for character in ready.characters {
            characters[character.id] = Placement(
                owner: character.owner, chronicle: character.chronicle, revision: character.revision)
            groups.append(GatewayGroups.characterUpdate(character.id))
        }
        // One join for all: a storyteller's READY can follow thousands of characters.
        var actions = join(groups)
        actions += [.sendReady(ready), .watchAll(false)]
        if afterLoss, let selected = selectedSheet, let id = Int64(selected), characters[id] != nil {
            actions.append(.refreshSheet(id))
        }
        return actions
    }

    /// READY could not be read (the database away): the page is told, and after lost events the socket, which would
    /// follow nothing, closes so that the page reconnects.
    func readyFailed(afterLoss: Bool) -> [Action] {
        [.watchAll(false), .send(.error("Failed to load your characters and chronicles."))]
            + (afterLoss ? [.close(.outOfDate)] : [])
    }

    // MARK: Writes

    /// Whether the write may go ahead: the session may have ended in another process (logout) since the socket
    /// opened, and the day's quota (shared with the web API) may be spent.
    func admission(_ request: WriteRequest, _ admission: GatewayAdmission) -> [Action] {
        switch admission {
        case .admitted: [.apply(request)]
        case .signedOut: [.send(refusal(request, "signed_out", "Your session has ended; sign in again.")), .close(.signedOut)]
        case .throttled(let wait):
            [.send(refusal(request, "throttled", "Request was throttled. Expected available in \(wait) seconds."))]
        case .unavailable: [.send(refusal(request, .unavailable(retryAfter: nil)))]
        }
    }

    /// The write's answer to its sender: what it stored, or why it was refused.
    func applied(_ request: WriteRequest, _ outcome: GatewayWriteOutcome) -> [Action] {
        switch (request, outcome) {
        case (.field(let field), .stored(let revision, let value)):
            return [.send(.fieldUpdated(field, revision: revision, value: value ?? .null))]
        case (.undo(let undo), .undone(let revision, let restored)):
            return [.send(.undone(undo, revision: revision, restored: restored))]
        case (_, .refused(let refusal)):
            return [.send(self.refusal(request, refusal))]
        default:
            return [.send(refusal(request, .unavailable(retryAfter: nil)))]
        }
    }

    /// Why a write was refused, as its sender reads it.
    private func refusal(_ request: WriteRequest, _ refusal: GatewayRefusal) -> ServerFrame {
        switch refusal {
        case .stale(let revision, let value):
            let text =
                request.key == nil
                ? "The character changed since revision \(request.revision), or its last change is not yours; it is at revision \(revision)."
                : "The character changed since revision \(request.revision); it is at revision \(revision)."
            return self.refusal(request, "stale", text, stored: StoredState(revision: revision, value: value))
        case .invalid(let errors): return .refused(request, reason: "invalid", errors: errors)
        case .locked(let errors): return .refused(request, reason: "locked", errors: errors)
        case .forbidden: return self.refusal(request, "forbidden", "You do not have permission to edit this character")
        case .notFound: return self.refusal(request, "not_found", "Character not found")
        case .notASheet: return self.refusal(request, "not_a_sheet", "This is not a Sheet")
        case .busy: return self.refusal(request, "busy", "The character is being changed by someone else; try again.")
        case .unavailable(let wait?):
            return self.refusal(request, "unavailable", "The database is unavailable; try again in \(wait) seconds.")
        case .unavailable(nil): return self.refusal(request, "unavailable", "The change could not be saved; try again.")
        }
    }

    private func refusal(_ request: WriteRequest, _ reason: String, _ message: String, stored: StoredState? = nil)
        -> ServerFrame
    {
        .refused(
            request, reason: reason,
            errors: ValidationErrors(request.key ?? ValidationErrors.nonField, ValidationMessage(message)),
            stored: stored)
    }

    // MARK: Channel-layer events

    /// An event of a group; those of groups left meanwhile (or seen only while READY was read) are not for this socket.
    mutating func receive(_ event: GatewayEvent, in group: String) -> [Action] {
        switch event {
        // While READY is read the socket sees every group's messages: only its own session's end closes it.
        case .sessionEnd: return group == sessionGroup && sessionGroup != nil ? [.close(.signedOut)] : []
        // The channel layer lost events: the page gets a fresh READY (the frontend replaces its whole state with any
        // READY it receives), then its open sheet.
        case .resync: return identified && user != nil ? identify(afterLoss: true) : []
        default: break
        }
        guard subscriptions.contains(group) else { return [] }
        switch event {
        case .characterNew(let character): return characterNew(character)
        case .characterUpdate(let character): return characterUpdate(character)
        case .characterDelete(let id): return drop(character: id)
        case .userUpdate(let user): return [.sendShared(.user(user))]
        case .chronicleUpdate(let chronicle): return [.sendShared(.chronicle(chronicle))]
        case .memberNew(let member): return memberNew(member)
        case .memberUpdate(let member, let staffStatusChanged): return memberUpdate(member, staffStatusChanged)
        case .memberDelete(let member): return memberDelete(member)
        case .sessionEnd, .resync: return []
        }
    }

    /// A new character, or one that moved chronicle: followed from now on if the user may see it (never with a sheet).
    private mutating func characterNew(_ character: GatewayEvent.CharacterEvent) -> [Action] {
        let group = GatewayGroups.characterUpdate(character.id)
        let placement = Placement(character)
        guard !subscriptions.contains(group), canSee(placement) else { return [] }
        characters[character.id] = placement
        return join([group]) + [.sendShared(.character(character, sheet: false))]
    }

    /// A change of a followed character; if the user may no longer see it, it is dropped as if deleted. A state the
    /// socket already has, or an older one, is not sent: events can arrive late and out of order (a process's events
    /// cross Redis while another's are delivered at once, and Redis replays what it held while away), and a page must
    /// never go back to a state the database no longer holds.
    private mutating func characterUpdate(_ character: GatewayEvent.CharacterEvent) -> [Action] {
        if let known = characters[character.id], character.revision <= known.revision { return [] }
        let placement = Placement(character)
        guard canSee(placement) else { return drop(character: character.id) }
        characters[character.id] = placement
        let withSheet = selectedSheet == String(character.id) && character.sheet != nil
        return [.sendShared(.character(character, sheet: withSheet))]
    }

    /// The open sheet page's character read again (after the channel layer lost events): sent with its sheet, unless
    /// the socket already has a newer state or may not see it.
    mutating func refreshSheet(_ character: GatewayEvent.CharacterEvent) -> [Action] {
        guard selectedSheet == String(character.id), let known = characters[character.id],
            character.revision >= known.revision, canSee(Placement(character))
        else { return [] }
        characters[character.id] = Placement(character)
        return [.sendShared(.character(character, sheet: true))]
    }

    /// A new membership: the user's own joins the chronicle; staff of the chronicle follow the newcomer.
    private mutating func memberNew(_ member: GatewayEvent.MemberEvent) -> [Action] {
        guard let user, member.user == user || staffIn.contains(member.chronicle) else { return [] }
        var actions: [Action] = []
        if member.user == user {
            if member.isStaff { staffIn.insert(member.chronicle) }
            actions += join([GatewayGroups.chronicleUpdate(member.chronicle)]) + [.announceChronicle(member.chronicle)]
        }
        if staffIn.contains(member.chronicle) { actions.append(.followAsStaff(member.chronicle)) }
        let group = GatewayGroups.memberUpdate(member.id)
        if !subscriptions.contains(group) {
            memberships[member.id] = Membership(member)
            actions += join([group]) + [.sendShared(.member(member.shape))]
        }
        return actions
    }

    /// A changed membership. When it is the user's own and they gained staff, they follow the whole chronicle; when
    /// they lost it, they drop what only staff see.
    private mutating func memberUpdate(_ member: GatewayEvent.MemberEvent, _ staffStatusChanged: Bool) -> [Action] {
        guard let user else { return [] }
        memberships[member.id] = Membership(member)
        var actions: [Action] = []
        if staffStatusChanged, member.user == user {
            if member.isStaff {
                staffIn.insert(member.chronicle)
                actions.append(.followAsStaff(member.chronicle))
            } else {
                staffIn.remove(member.chronicle)
                for (id, placement) in characters.sorted(by: { $0.key < $1.key })
                where placement.chronicle == member.chronicle && placement.owner != user {
                    actions += drop(character: id)
                }
                for (id, other) in memberships.sorted(by: { $0.key < $1.key })
                where other.chronicle == member.chronicle && other.user != user {
                    memberships[id] = nil
                    // The original sent only the id; the frontend reads `user` and `chronicle`.
                    let gone: JSON = [
                        "id": .string(String(id)), "user": .string(String(other.user)),
                        "chronicle": .string(String(other.chronicle)),
                    ]
                    actions += leave([GatewayGroups.memberUpdate(id)])
                    actions.append(.send(.memberDeleted(gone)))
                }
            }
        }
        return actions + [.sendShared(.member(member.shape))]
    }

    /// A membership removed: the user's own leaves the chronicle's groups; staff stop following the member.
    private mutating func memberDelete(_ member: GatewayEvent.MemberEvent) -> [Action] {
        guard let user, member.user == user || staffIn.contains(member.chronicle) else { return [] }
        var actions: [Action] = []
        if member.user == user {
            actions += leave([GatewayGroups.chronicleUpdate(member.chronicle)])
            staffIn.remove(member.chronicle)
            for (id, membership) in memberships.sorted(by: { $0.key < $1.key }) where membership.chronicle == member.chronicle {
                memberships[id] = nil
                actions += leave([GatewayGroups.memberUpdate(id)])
            }
            for (id, placement) in characters.sorted(by: { $0.key < $1.key }) where placement.chronicle == member.chronicle {
                characters[id] = nil
                actions += leave([GatewayGroups.characterUpdate(id)])
            }
        } else {
            memberships[member.id] = nil
            actions += leave([GatewayGroups.memberUpdate(member.id)])
        }
        return actions + [.sendShared(.memberDeleted(member.shape))]
    }

    /// What staff of a chronicle read: every member and character not followed yet is followed and announced.
    mutating func followedAsStaff(_ view: GatewayStaffView) -> [Action] {
        var actions: [Action] = []
        for (member, shape) in view.members where !subscriptions.contains(GatewayGroups.memberUpdate(member.id)) {
            actions += follow(member)
            actions.append(.send(.member(shape)))
        }
        for character in view.characters where !subscriptions.contains(GatewayGroups.characterUpdate(character.id)) {
            self.characters[character.id] = Placement(character)
            actions += join([GatewayGroups.characterUpdate(character.id)])
            actions.append(.send(.character(character, sheet: false)))
        }
        return actions
    }

    // MARK: Following

    private mutating func follow(_ member: FollowedMember) -> [Action] {
        memberships[member.id] = Membership(chronicle: member.chronicle, user: member.user)
        return join([GatewayGroups.memberUpdate(member.id)])
    }

    /// Stops following a character and tells the page, if it was followed.
    private mutating func drop(character id: Int64) -> [Action] {
        let group = GatewayGroups.characterUpdate(id)
        guard subscriptions.contains(group) else { return [] }
        characters[id] = nil
        return leave([group]) + [.send(.characterDeleted(id))]
    }

    private func canSee(_ placement: Placement) -> Bool {
        guard let user else { return false }
        return placement.owner == user || placement.chronicle.map(staffIn.contains) == true
    }

    private mutating func join(_ groups: [String]) -> [Action] {
        subscriptions.formUnion(groups)
        return [.join(groups)]
    }

    private mutating func leave(_ groups: [String]) -> [Action] {
        subscriptions.subtract(groups)
        return [.leave(groups)]
    }
}
