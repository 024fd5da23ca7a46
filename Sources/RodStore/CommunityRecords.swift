import RodCore

/// A Discord bot of the project (one per game family). `id` is the bot user's snowflake.
public struct Bot: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var discriminator: String
    public var avatarURL: String
    public var shardCount: Int64

    public init(id: Int64, username: String = "", discriminator: String = "", avatarURL: String = "", shardCount: Int64 = 0) {
        self.id = id
        self.username = username
        self.discriminator = discriminator
        self.avatarURL = avatarURL
        self.shardCount = shardCount
    }
}

/// How many times a user ran a command on a bot.
public struct CommandStat: Sendable, Equatable {
    public let id: Int64
    public let userID: Int64
    public let botID: Int64
    public let command: String
    public let used: Int64
    public let lastUsed: Double

    public init(id: Int64, userID: Int64, botID: Int64, command: String, used: Int64, lastUsed: Double) {
        self.id = id
        self.userID = userID
        self.botID = botID
        self.command = command
        self.used = used
        self.lastUsed = lastUsed
    }
}

/// A 20th-edition initiative tracker: one per Discord channel, its `data` owned by the bot.
public struct InitiativeTracker: Sendable, Equatable {
    /// The Discord channel id.
    public var channelID: Int64
    public var chronicleID: Int64
    public var data: JSON
    public var lastUpdated: Double

    public init(channelID: Int64, chronicleID: Int64, data: JSON, lastUpdated: Double) {
        self.channelID = channelID
        self.chronicleID = chronicleID
        self.data = data
        self.lastUpdated = lastUpdated
    }
}

/// A user with a supporter level above 0.
public struct Supporter: Sendable, Equatable {
    public let userID: Int64
    public let level: Int64
}

/// What removing a membership or a chronicle changed: the memberships removed, and the characters that were
/// taken out of the chronicle (as stored afterwards, each at its next revision).
public struct Departure: Sendable, Equatable {
    public let members: [Member]
    public let characters: [CharacterRecord]

    public init(members: [Member], characters: [CharacterRecord]) {
        self.members = members
        self.characters = characters
    }

    /// A character taken out of its chronicle (chronicle, membership link and storyteller lock cleared) at its next
    /// revision, and the history entry recording it. Every store detaches characters this way.
    static func detaching(_ current: CharacterRecord, change: CharacterChange) -> (after: CharacterRecord, entry: CharacterChange)
    {
        var after = current.leavingChronicle
        after.revision = current.revision + 1
        after.lastUpdated = change.at
        var entry = change
        entry.operation = .update
        entry.changes = current.changes(to: after)
        return (after, entry)
    }
}

/// Usage figures for the bots' statistics command.
public struct Statistics: Sendable, Equatable {
    public struct SplatCount: Sendable, Equatable {
        public let splat: String
        public let count: Int
    }
    public struct CommandCount: Sendable, Equatable {
        public let command: String
        public let bot: String
        public let count: Int
    }

    public let users: Int
    public let usersActiveIn30Days: Int
    public let usersActiveIn14Days: Int
    /// Trackers updated in the last 30 days, per splat, most first.
    public let trackers: [SplatCount]
    /// Sheets updated in the last 30 days, per splat, most first.
    public let sheets: [SplatCount]
    public let allTime: [SplatCount]
    /// Per bot, the users who ran any command in the last 30 days (`command` is the bot's name).
    public let usersPerBot: [CommandCount]
    /// Per command and bot, the users who ran it in the last 30 days, most first.
    public let commands: [CommandCount]
}

// The columns of each record (`SQLRow.decode`, `SQLRecord`).

extension Bot: Codable {
    enum CodingKeys: String, CodingKey {
        case id, username, discriminator
        case avatarURL = "avatar_url"
        case shardCount = "shard_count"
    }
}

extension CommandStat: Codable {
    enum CodingKeys: String, CodingKey {
        case id, command, used
        case userID = "user_id"
        case botID = "bot_id"
        case lastUsed = "last_used"
    }
}
