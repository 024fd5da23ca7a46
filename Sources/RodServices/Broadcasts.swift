import Logging
import RodChannels
import RodCore
import RodStore

/// The shapes the gateway sends for users, members and chronicles (the original's `gateway/serializers`). Ids are
/// strings and times epoch seconds, unlike the REST serializers.
public enum GatewayShapes {
    public static func user(_ user: User) -> JSON {
        var object = JSONObject()
        object.appendNew("id", .string(String(user.id)))
        object.appendNew("username", .string(user.username))
        object.appendNew("discriminator", .string(user.discriminator))
        object.appendNew("avatar_url", .string(user.avatarURL))
        object.appendNew("admin", .bool(user.admin))
        object.appendNew("supporter", .int(user.supporter))
        object.appendNew("date_created", .double(user.createdAt))
        return .object(object)
    }

    /// `nickname` falls back to the user's name when the member has none.
    public static func member(_ member: Member, user: User?) -> JSON {
        var object = JSONObject()
        object.appendNew("id", .string(String(member.id)))
        object.appendNew("chronicle", .string(String(member.chronicleID)))
        object.appendNew("user", .string(String(member.userID)))
        object.appendNew("admin", .bool(member.admin))
        object.appendNew("storyteller", .bool(member.storyteller))
        object.appendNew("nickname", .string(member.nickname.isEmpty ? user?.username ?? "" : member.nickname))
        object.appendNew("avatar_url", .string(member.avatarURL))
        object.appendNew("date_created", .double(member.createdAt))
        object.appendNew("last_updated", .double(member.lastUpdated))
        return .object(object)
    }

    public static func chronicle(_ chronicle: Chronicle) -> JSON {
        var object = JSONObject()
        object.appendNew("id", .string(String(chronicle.id)))
        object.appendNew("name", .string(chronicle.name))
        object.appendNew("iconUrl", .string(chronicle.iconURL))
        object.appendNew("createdAt", .double(chronicle.createdAt))
        return .object(object)
    }
}

/// Tells open pages what changed: each write sends the original's channel-layer event to the original's group.
/// Sending never fails a write; events for a character of an unknown splat are skipped.
public struct Broadcaster: Sendable {
    public let layer: any ChannelLayer
    let registry: Registry
    let store: any UserStore
    let logger: Logger

    public init(layer: any ChannelLayer, registry: Registry, store: any UserStore, logger: Logger) {
        self.layer = layer
        self.registry = registry
        self.store = store
        self.logger = logger
    }

    /// `character.new` to `characterNew`: those who may see it start following it.
    public func characterCreated(_ character: CharacterRecord) {
        guard layer.isHeard(GatewayGroups.characterNew),
            let event = characterEvent(character, withSheet: false)
        else { return }
        layer.send(.characterNew(event), to: GatewayGroups.characterNew)
    }

    /// `character.update` to the character's followers (with the full sheet); those who may no longer see it drop
    /// it. When it moved to another chronicle, also `character.new`, so that the new chronicle's staff pick it up.
    public func characterChanged(from before: CharacterRecord?, to after: CharacterRecord) {
        let group = GatewayGroups.characterUpdate(after.id)
        if layer.isHeard(group), let event = characterEvent(after, withSheet: true) {
            layer.send(.characterUpdate(event), to: group)
        }
        if let before, before.chronicleID != after.chronicleID, after.chronicleID != nil,
            layer.isHeard(GatewayGroups.characterNew),
            let moved = characterEvent(after, withSheet: true)
        {
            layer.send(.characterNew(moved), to: GatewayGroups.characterNew)
        }
    }

    /// `character.delete` (the id as a string) to each character's followers.
    public func charactersDeleted(_ ids: [Int64]) {
        for id in ids where layer.isHeard(GatewayGroups.characterUpdate(id)) {
            layer.send(.characterDelete(id: id), to: GatewayGroups.characterUpdate(id))
        }
    }

    public func chronicleChanged(_ chronicle: Chronicle) {
        let group = GatewayGroups.chronicleUpdate(chronicle.id)
        guard layer.isHeard(group) else { return }
        layer.send(.chronicleUpdate(chronicle: GatewayShapes.chronicle(chronicle)), to: group)
    }

    public func userChanged(_ user: User) {
        let group = GatewayGroups.userUpdate(user.id)
        guard layer.isHeard(group) else { return }
        layer.send(.userUpdate(user: GatewayShapes.user(user)), to: group)
    }

    /// `session.end` to the sockets of a web session that was revoked, in every process: they close.
    public func sessionEnded(tokenHash: String) {
        let group = GatewayGroups.session(tokenHash)
        guard layer.isHeard(group) else { return }
        layer.send(.sessionEnd, to: group)
    }

    /// `member.new` to every signed-in connection; the member's user and the chronicle's staff take it.
    public func memberCreated(_ member: Member) async {
        guard layer.isHeard(GatewayGroups.memberNew) else { return }
        guard let event = await memberEvent(member) else { return }
        layer.send(.memberNew(event), to: GatewayGroups.memberNew)
    }

    /// `member.update` to the membership's followers; `staffStatusChanged` when it gained or lost admin or storyteller.
    public func memberChanged(_ member: Member, staffStatusChanged: Bool) async {
        let group = GatewayGroups.memberUpdate(member.id)
        guard layer.isHeard(group) else { return }
        guard let event = await memberEvent(member) else { return }
        layer.send(.memberUpdate(event, staffStatusChanged: staffStatusChanged), to: group)
    }

    /// `member.delete` to every signed-in connection. Unlike the original's bot events it carries the member's `id`,
    /// so that staff stop following the departed membership.
    public func memberRemoved(_ member: Member) {
        guard layer.isHeard(GatewayGroups.memberDelete) else { return }
        let shape: JSON = [
            "id": .string(String(member.id)), "user": .string(String(member.userID)),
            "chronicle": .string(String(member.chronicleID)),
        ]
        guard let event = GatewayEvent.MemberEvent(shape: shape) else { return }
        layer.send(.memberDelete(event), to: GatewayGroups.memberDelete)
    }

    /// What leaving a chronicle changed: each character taken out of it, then each membership removed.
    public func departed(_ departure: Departure) {
        for character in departure.characters { characterChanged(from: nil, to: character) }
        for member in departure.members { memberRemoved(member) }
    }

    private func memberEvent(_ member: Member) async -> GatewayEvent.MemberEvent? {
        let user: User?
        do {
            user = try await store.user(id: member.userID)
        } catch {
            logger.warning("cannot read a member's user for the gateway", metadata: ["error": "\(error)"])
            user = nil
        }
        return GatewayEvent.MemberEvent(shape: GatewayShapes.member(member, user: user))
    }

    /// The original's character event, plus the character's `revision`, which field updates name.
    private func characterEvent(_ character: CharacterRecord, withSheet: Bool) -> GatewayEvent.CharacterEvent? {
        guard let splat = registry.splat(character.splat) else { return nil }
        return GatewayEvent.CharacterEvent(character, splat: splat, withSheet: withSheet)
    }
}
