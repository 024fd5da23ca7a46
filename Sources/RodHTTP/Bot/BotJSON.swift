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

/// Times as Django REST framework writes them: `2025-01-01T12:00:00.123456Z`, or without the fraction when it is 0.
enum ISOTimestamp {
    static func string(_ seconds: Double) -> String {
        let micros = Int64((seconds * 1_000_000).rounded())
        var wholeSeconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 {
            fraction += 1_000_000
            wholeSeconds -= 1
        }
        var days = wholeSeconds / 86_400
        var secondOfDay = wholeSeconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(daysSince1970: days)
        var text =
            pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction > 0 { text += "." + pad(fraction, 6) }
        return text + "Z"
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
