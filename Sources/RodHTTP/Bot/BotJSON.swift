import RodCore
import RodStore

/// The original's DRF serializers for users, chronicles and members: snowflakes as strings, timestamps in
/// ISO 8601 with microseconds and `Z`.
enum BotJSON {
    static func user(_ user: User) -> JSON {
        .object([
            "id": .string(String(user.id)), "username": .string(user.username), "discriminator": .string(user.discriminator),
            "avatar_url": .string(user.avatarURL), "email": user.email.map(JSON.string) ?? .null,
            "verified": .bool(user.verified),
            "registered": .bool(user.registered), "admin": .bool(user.admin), "supporter": .int(user.supporter),
            "created_at": .string(ISOTimestamp.string(user.createdAt)),
            "last_saved": .string(ISOTimestamp.string(user.lastSaved)),
            "last_active": .string(ISOTimestamp.string(user.lastActive)),
        ])
    }

    static func chronicle(_ chronicle: Chronicle) -> JSON {
        .object([
            "id": .string(String(chronicle.id)), "name": .string(chronicle.name), "owner_id": .string(String(chronicle.ownerID)),
            "icon_url": .string(chronicle.iconURL), "tracker_channel": .string(chronicle.trackerChannel),
            "created_at": .string(ISOTimestamp.string(chronicle.createdAt)),
            "last_updated": .string(ISOTimestamp.string(chronicle.lastUpdated)),
        ])
    }

    static func member(_ member: Member, chronicle: Chronicle, user: User) -> JSON {
        .object([
            "id": .string(String(member.id)), "chronicle": self.chronicle(chronicle), "user": self.user(user),
            "admin": .bool(member.admin), "storyteller": .bool(member.storyteller), "nickname": .string(member.nickname),
            "avatar_url": .string(member.avatarURL), "created_at": .string(ISOTimestamp.string(member.createdAt)),
            "last_updated": .string(ISOTimestamp.string(member.lastUpdated)),
            "default_character": member.defaultCharacterID.map(JSON.int) ?? .null,
            "default_auto_hunger": .bool(member.defaultAutoHunger),
        ])
    }
}
