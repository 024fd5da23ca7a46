import Foundation
import RodCore
import RodStore
import Synchronization

/// What `user/update` did.
public enum UserUpdate: Sendable, Equatable {
    /// The same payload arrived within the last 3 seconds; nothing was done.
    case duplicate
    /// The user is unknown and the payload did not ask to create it.
    case unknownUser
    /// The user was saved; `membership` says what happened to the membership the payload carried.
    case saved(User, membership: MembershipUpdate)
}

public enum MembershipUpdate: Sendable, Equatable {
    /// The payload carried no membership.
    case none
    /// The membership's chronicle is unknown; nothing was saved for it.
    case unknownChronicle
    /// The membership was saved. `staffStatusChanged` is true when it gained or lost admin or storyteller.
    case saved(Member, created: Bool, staffStatusChanged: Bool)
}

/// Users, their memberships as the bot reports them, supporter levels, command statistics and the bots.
public struct UserService: Sendable {
    public let store: any UserStore & CommunityStore
    let broadcaster: Broadcaster
    let clock: @Sendable () -> Double
    let recentUpdates = RecentKeys(lifetime: 3)

    public init(
        store: any UserStore & CommunityStore, broadcaster: Broadcaster,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.broadcaster = broadcaster
        self.clock = clock
    }

    /// `bot/user/update`: refreshes (or, with `create`, creates) a user from Discord, and the membership in the
    /// guild the bot saw them in. Identical payloads within 3 seconds are dropped, as the original does.
    public func update(_ payload: JSONObject) async throws(CommunityError) -> UserUpdate {
        let now = clock()
        guard recentUpdates.insert(JSON.object(payload).serializedString(), now: now) else { return .duplicate }
        guard let sent = payload["user"]?.objectValue else { throw .field("user", "This field is required.") }
        guard let id = Snowflake.parse(sent["id"]) else { throw .field("id", "A valid integer is required.") }
        let existing = try await communityCall { try await store.user(id: id) }
        if existing == nil, sent["create"]?.isTruthy != true { return .unknownUser }
        let fields = try RecordFields.user.accepted(sent, creating: existing == nil)
        var membershipFields: JSONObject?
        var guildID: Int64?
        if case .object(let member)? = sent["member"] {
            guard let guild = Snowflake.parse(member["guild_id"]) else {
                throw .field("guild_id", "A valid integer is required.")
            }
            guildID = guild
            membershipFields = try RecordFields.member.accepted(member, creating: false)
        }

        var user = existing ?? User(id: id, createdAt: now)
        if let username = fields["username"]?.stringValue { user.username = username }
        if let discriminator = fields["discriminator"]?.stringValue { user.discriminator = discriminator }
        if let avatar = fields["avatar_url"]?.stringValue { user.avatarURL = avatar }
        user.lastSaved = now
        let savedUser = user
        try await communityCall { try await store.save(savedUser) }
        broadcaster.userChanged(savedUser)

        guard let guildID, let membershipFields else { return .saved(savedUser, membership: .none) }
        guard try await communityCall({ try await store.chronicle(id: guildID) }) != nil else {
            return .saved(savedUser, membership: .unknownChronicle)
        }
        let previous = try await communityCall { try await store.member(chronicleID: guildID, userID: id) }
        var member = previous ?? Member(id: 0, chronicleID: guildID, userID: id, createdAt: now)
        if let nickname = membershipFields["nickname"]?.stringValue { member.nickname = nickname }
        if let avatar = membershipFields["avatar_url"]?.stringValue { member.avatarURL = avatar }
        if let admin = membershipFields["admin"]?.boolValue { member.admin = admin }
        if let storyteller = membershipFields["storyteller"]?.boolValue { member.storyteller = storyteller }
        member.lastUpdated = now
        let toSave = member
        let saved: Member
        do {
            saved = try await store.save(toSave)
        } catch StoreError.missingReference {
            return .saved(savedUser, membership: .unknownChronicle)  // the chronicle was deleted meanwhile
        } catch {
            throw .failed(error)
        }
        let changed = previous.map { $0.isStaff != saved.isStaff } ?? false
        if previous == nil {
            await broadcaster.memberCreated(saved)
        } else {
            await broadcaster.memberChanged(saved, staffStatusChanged: changed)
        }
        return .saved(savedUser, membership: .saved(saved, created: previous == nil, staffStatusChanged: changed))
    }

    /// `bot/user/supporter/set`: sets a user's supporter level, creating the user if needed. Returns nil when
    /// nothing changes (an unknown user at level 0, or a user already at 0 set to 0).
    public func setSupporter(_ sent: JSONObject, level: Int64) async throws(CommunityError) -> User? {
        guard let id = Snowflake.parse(sent["id"]) else { throw .field("id", "A valid integer is required.") }
        let existing = try await communityCall { try await store.user(id: id) }
        if level == 0, existing?.supporter ?? 0 == 0 { return nil }
        let now = clock()
        var user: User
        if let existing {
            user = existing
        } else {
            let fields = try RecordFields.user.accepted(sent, creating: true)
            user = User(
                id: id, username: fields["username"]?.stringValue ?? "",
                discriminator: fields["discriminator"]?.stringValue ?? "0",
                avatarURL: fields["avatar_url"]?.stringValue ?? "", createdAt: now)
        }
        user.supporter = level
        user.lastSaved = now
        let saved = user
        try await communityCall { try await store.save(saved) }
        broadcaster.userChanged(saved)
        return saved
    }

    /// `bot/stats/command/update`: counts a use of a command (trimmed) by a user on a bot.
    public func recordCommand(userID: Int64, botID: Int64, command: String) async throws(CommunityError) -> CommandStat {
        let command = command.trimmingWhitespace
        if command.unicodeScalars.count > 100 {
            throw .invalid(
                ValidationErrors(
                    "command", ValidationMessage("Ensure this field has no more than 100 characters.", code: .named("max_length"))
                ))
        }
        guard try await communityCall({ try await store.user(id: userID) }) != nil else {
            throw .notFound("User matching query does not exist.")
        }
        guard try await communityCall({ try await store.bot(id: botID) }) != nil else {
            throw .notFound("Bot matching query does not exist.")
        }
        do {
            return try await store.recordCommand(userID: userID, botID: botID, command: command, at: clock())
        } catch {
            throw .failed(error)
        }
    }

    /// `bot/data/set`: creates a bot, or updates the fields sent.
    public func setBot(_ sent: JSONObject) async throws(CommunityError) -> Bot {
        guard let id = Snowflake.parse(sent["id"]) else { throw .field("id", "A valid integer is required.") }
        let existing = try await communityCall { try await store.bot(id: id) }
        // A bot row created empty by `chronicle/set` is filled in as if new.
        let creating = existing == nil || existing?.username == ""
        let fields = try RecordFields.bot.accepted(sent, creating: creating)
        var bot = existing ?? Bot(id: id)
        if let username = fields["username"]?.stringValue { bot.username = username }
        if let discriminator = fields["discriminator"]?.stringValue { bot.discriminator = discriminator }
        if let avatar = fields["avatar_url"]?.stringValue { bot.avatarURL = avatar }
        if let shards = fields["shard_count"]?.intValue { bot.shardCount = shards }
        let saved = bot
        try await communityCall { try await store.save(saved) }
        return saved
    }
}

/// Keys remembered for a few seconds, to drop repeated requests.
final class RecentKeys: Sendable {
    let lifetime: Double
    private let seen = Mutex<[Int: Double]>([:])

    init(lifetime: Double) { self.lifetime = lifetime }

    /// True when the key was not seen within the lifetime; remembers it either way.
    func insert(_ key: String, now: Double) -> Bool {
        seen.withLock { seen in
            if seen.count > 10_000 { seen = seen.filter { now - $0.value < lifetime } }
            let hash = key.hashValue
            if let last = seen[hash], now - last < lifetime { return false }
            seen[hash] = now
            return true
        }
    }
}
