import RodChannels
import RodCore
import RodStore

/// One socket's side of the protocol as a value: what it follows (groups, characters and memberships, the chronicles
/// where the user is staff, the selected sheet), and for each input the actions to carry out. It reads no store and
/// sends nothing itself: `GatewayConnection` carries the actions out in order (joining groups, sending frames, reading
/// the store), the way swift-websocket's `WebSocketStateMachine` is driven by its handler. So every rule of who sees
/// what is tested without a socket (`Tests/RodGatewayTests`).
struct ConnectionState: Sendable {
    /// The signed-in user; nil for an anonymous socket, which follows nothing.
    let user: Int64?
    private(set) var subscriptions: Set<String> = []
    /// Followed characters by id.
    private(set) var characters: [Int64: Placement] = [:]
    /// Followed memberships by member id.
    private(set) var memberships: [Int64: Membership] = [:]
    /// Chronicles where the user is a storyteller or an admin.
    private(set) var staffIn: Set<Int64> = []
    /// The sheet page open on this socket (`sheet_subscribe`): its updates carry the full sheet.
    private(set) var selectedSheet: String?

    init(user: Int64?) {
        self.user = user
    }

    /// The frames an event turns into, each built once per message and shared by every socket that sends it
    /// (`ChannelMessage.rendering`, under `key`).
    enum Shared: Sendable, Equatable {
        /// `UPDATE_CHARACTER`, with the sheet when the socket has the character's page open.
        case character(GatewayEvent.CharacterEvent, sheet: Bool)
        /// `UPDATE_MEMBER`.
        case member(JSON)
        /// `DELETE_MEMBER`.
        case memberDelete(JSON)
        case user(JSON)
        case chronicle(JSON)

        var key: String {
            switch self {
            case .character(_, let sheet): sheet ? "character+sheet" : "character"
            case .member: "member"
            case .memberDelete: "member.delete"
            case .user: "user"
            case .chronicle: "chronicle"
            }
        }

        var frame: [UInt8] {
            switch self {
            case .character(let character, let sheet):
                var d = JSONObject()
                d.appendNew("character", character.tracker)
                d.appendNew("id", .int(character.id))
                if sheet { d.appendNew("sheet", character.sheet ?? .null) }
                d.appendNew("revision", .int(character.revision))
                return OutboundFrame.dispatch("UPDATE_CHARACTER", .object(d))
            case .member(let shape): return OutboundFrame.dispatch("UPDATE_MEMBER", ["member": shape])
            case .memberDelete(let shape): return OutboundFrame.dispatch("DELETE_MEMBER", ["member": shape])
            case .user(let user): return OutboundFrame.dispatch("UPDATE_USER", ["user": user])
            case .chronicle(let chronicle): return OutboundFrame.dispatch("UPDATE_CHRONICLE", ["chronicle": chronicle])
            }
        }
    }

    enum Action: Sendable, Equatable {
        case join([String])
        case leave([String])
        /// Sends one of the event's shared frames.
        case sendShared(Shared)
        /// Sends a frame of this socket's own.
        case send([UInt8])
        /// Reads the chronicle and sends it (`UPDATE_CHRONICLE`).
        case announceChronicle(Int64)
        /// Reads the chronicle's members and characters, then `followedAsStaff` follows those not followed yet.
        case followAsStaff(Int64)
    }

    // MARK: Client frames

    /// A falsy id clears the selection. The original compared the id as sent with string ids, so a numeric id never
    /// matched; here `12` and `"12"` select the same sheet.
    mutating func selectSheet(_ id: JSON?) {
        switch id {
        case .string(let text)? where !text.isEmpty: selectedSheet = text
        case .int(let number)? where number != 0: selectedSheet = String(number)
        default: selectedSheet = nil
        }
    }

    /// Identifying again starts over: every group left, nothing followed.
    mutating func forget() -> [Action] {
        let left = Array(subscriptions)
        subscriptions = []
        characters = [:]
        memberships = [:]
        staffIn = []
        return left.isEmpty ? [] : [.leave(left)]
    }

    /// READY was read: the user's groups joined, and its members and characters followed.
    mutating func ready(
        chronicles: [Int64], staffIn: Set<Int64>, members: [Member], characters: [CharacterRecord]
    ) -> [Action] {
        guard let user else { return [] }
        var actions = join(
            [
                GatewayGroups.userUpdate(user), GatewayGroups.characterNew, GatewayGroups.characterDelete,
                GatewayGroups.memberNew, GatewayGroups.memberDelete,
            ] + chronicles.map(GatewayGroups.chronicleUpdate))
        self.staffIn = staffIn
        for member in members { actions += follow(member) }
        for character in characters { actions += follow(character) }
        return actions
    }

    // MARK: Channel-layer events

    /// An event of a group; those of groups left meanwhile (or seen only while READY was read) are not for this socket.
    mutating func receive(_ event: GatewayEvent, in group: String) -> [Action] {
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
                    actions.append(.send(OutboundFrame.dispatch("DELETE_MEMBER", ["member": gone])))
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
        return actions + [.sendShared(.memberDelete(member.shape))]
    }

    /// What staff of a chronicle read: every member and character not followed yet is followed and announced. Each
    /// character comes with its tracker view, nil when its splat is unknown (then it is not followed).
    mutating func followedAsStaff(members: [(Member, JSON)], characters: [(CharacterRecord, JSON?)]) -> [Action] {
        var actions: [Action] = []
        for (member, shape) in members where !subscriptions.contains(GatewayGroups.memberUpdate(member.id)) {
            actions += follow(member)
            actions.append(.send(OutboundFrame.dispatch("UPDATE_MEMBER", ["member": shape])))
        }
        for (character, tracker) in characters where !subscriptions.contains(GatewayGroups.characterUpdate(character.id)) {
            guard let tracker else { continue }
            actions += follow(character)
            var d = JSONObject()
            d.appendNew("character", tracker)
            d.appendNew("id", .int(character.id))
            d.appendNew("revision", .int(character.revision))
            actions.append(.send(OutboundFrame.dispatch("UPDATE_CHARACTER", .object(d))))
        }
        return actions
    }

    // MARK: Following

    private mutating func follow(_ character: CharacterRecord) -> [Action] {
        characters[character.id] = Placement(
            owner: character.userID, chronicle: character.chronicleID, revision: character.revision)
        return join([GatewayGroups.characterUpdate(character.id)])
    }

    private mutating func follow(_ member: Member) -> [Action] {
        memberships[member.id] = Membership(chronicle: member.chronicleID, user: member.userID)
        return join([GatewayGroups.memberUpdate(member.id)])
    }

    /// Stops following a character and tells the page, if it was followed.
    private mutating func drop(character id: Int64) -> [Action] {
        let group = GatewayGroups.characterUpdate(id)
        guard subscriptions.contains(group) else { return [] }
        characters[id] = nil
        return leave([group]) + [.send(OutboundFrame.dispatch("DELETE_CHARACTER", ["id": .string(String(id))]))]
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
