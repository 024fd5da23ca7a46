import PostgresNIO
import RodCore

/// Users, chronicles, members, departures, storyteller roles, bots, statistics and initiative trackers.
extension PostgresStore {
    // MARK: Users

    static func user(_ row: PostgresRow) throws -> User {
        var cell = Cells(row)
        return User(
            id: try cell(), username: try cell(), discriminator: try cell(), avatarURL: try cell(), email: try cell(),
            verified: try cell(), registered: try cell(), admin: try cell(), supporter: try cell(), createdAt: try cell(),
            lastSaved: try cell(), lastActive: try cell())
    }

    public func user(id: Int64) async throws -> User? {
        try await read { db in
            try await db.row("SELECT \(unescaped: Columns.user) FROM users WHERE id = \(id)").map(Self.user)
        }
    }

    public func save(_ user: User) async throws {
        try await write { db in
            try await db.run(
                """
                INSERT INTO users (\(unescaped: Columns.user)) VALUES (\(user.id), \(user.username), \(user.discriminator),
                \(user.avatarURL), \(user.email), \(user.verified), \(user.registered), \(user.admin), \(user.supporter),
                \(user.createdAt), \(user.lastSaved), \(user.lastActive))
                ON CONFLICT (id) DO UPDATE SET username = excluded.username, discriminator = excluded.discriminator,
                avatar_url = excluded.avatar_url, email = excluded.email, verified = excluded.verified,
                registered = excluded.registered, admin = excluded.admin, supporter = excluded.supporter,
                last_saved = excluded.last_saved, last_active = excluded.last_active
                """)
        }
    }

    public func ensureUser(id: Int64, now: Double) async throws -> User {
        if let user = try await user(id: id) { return user }
        return try await write { db in
            try await db.run(
                """
                INSERT INTO users (id, created_at, last_saved, last_active) VALUES (\(id), \(now), \(now), \(now))
                ON CONFLICT (id) DO NOTHING
                """)
            guard let row = try await db.row("SELECT \(unescaped: Columns.user) FROM users WHERE id = \(id)") else {
                throw StoreError.database("user \(id) vanished while it was created")
            }
            return try Self.user(row)
        }
    }

    // MARK: Chronicles

    static func chronicle(_ row: PostgresRow) throws -> Chronicle {
        var cell = Cells(row)
        return Chronicle(
            id: try cell(), name: try cell(), ownerID: try cell(), shard: try cell(), isGuild: try cell(),
            iconURL: try cell(), trackerChannel: try cell(), createdAt: try cell(), lastUpdated: try cell())
    }

    public func chronicle(id: Int64) async throws -> Chronicle? {
        try await read { db in
            try await db.row("SELECT \(unescaped: Columns.chronicle) FROM chronicles WHERE id = \(id)").map(Self.chronicle)
        }
    }

    public func save(_ chronicle: Chronicle, addingBots bots: [Int64]) async throws {
        try await write { db in
            try await db.run(
                """
                INSERT INTO chronicles (\(unescaped: Columns.chronicle)) VALUES (\(chronicle.id), \(chronicle.name),
                \(chronicle.ownerID), \(chronicle.shard), \(chronicle.isGuild), \(chronicle.iconURL),
                \(chronicle.trackerChannel), \(chronicle.createdAt), \(chronicle.lastUpdated))
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, owner_id = excluded.owner_id,
                shard = excluded.shard, is_guild = excluded.is_guild, icon_url = excluded.icon_url,
                tracker_channel = excluded.tracker_channel, last_updated = excluded.last_updated
                """)
            for bot in bots {
                try await db.run("INSERT INTO bots (id) VALUES (\(bot)) ON CONFLICT DO NOTHING")
                try await db.run(
                    "INSERT INTO chronicle_bots (chronicle_id, bot_id) VALUES (\(chronicle.id), \(bot)) ON CONFLICT DO NOTHING")
            }
        }
    }

    public func botIDs(chronicleID: Int64) async throws -> [Int64] {
        try await read { db in
            try await db.rows("SELECT bot_id FROM chronicle_bots WHERE chronicle_id = \(chronicleID) ORDER BY bot_id")
                .map { try $0.decode(Int64.self) }
        }
    }

    // MARK: Members

    static func member(_ row: PostgresRow) throws -> Member {
        var cell = Cells(row)
        return Member(
            id: try cell(), chronicleID: try cell(), userID: try cell(), admin: try cell(), storyteller: try cell(),
            nickname: try cell(), avatarURL: try cell(), defaultCharacterID: try cell(), defaultAutoHunger: try cell(),
            createdAt: try cell(), lastUpdated: try cell())
    }

    public func member(chronicleID: Int64, userID: Int64) async throws -> Member? {
        try await read { db in
            try await db.row(
                "SELECT \(unescaped: Columns.member) FROM members WHERE chronicle_id = \(chronicleID) AND user_id = \(userID)"
            ).map(Self.member)
        }
    }

    public func members(userID: Int64) async throws -> [Member] {
        try await read { db in
            try await db.rows("SELECT \(unescaped: Columns.member) FROM members WHERE user_id = \(userID) ORDER BY id")
                .map(Self.member)
        }
    }

    public func members(chronicleID: Int64) async throws -> [Member] {
        try await read { db in
            try await db.rows(
                "SELECT \(unescaped: Columns.member) FROM members WHERE chronicle_id = \(chronicleID) ORDER BY id"
            ).map(Self.member)
        }
    }

    public func ensureMember(chronicleID: Int64, userID: Int64, now: Double) async throws -> Member {
        if let member = try await member(chronicleID: chronicleID, userID: userID) { return member }
        return try await write { db in
            try await db.run(
                """
                INSERT INTO members (chronicle_id, user_id, created_at, last_updated) VALUES (\(chronicleID), \(userID),
                \(now), \(now)) ON CONFLICT (chronicle_id, user_id) DO NOTHING
                """)
            guard
                let row = try await db.row(
                    """
                    SELECT \(unescaped: Columns.member) FROM members WHERE chronicle_id = \(chronicleID)
                    AND user_id = \(userID)
                    """)
            else { throw StoreError.database("membership vanished while it was created") }
            return try Self.member(row)
        }
    }

    public func save(_ member: Member) async throws -> Member {
        try await write { db in
            var member = member
            if member.id == 0 {
                let row = try await db.row(
                    """
                    INSERT INTO members (chronicle_id, user_id, admin, storyteller, nickname, avatar_url,
                    default_character_id, default_auto_hunger, created_at, last_updated) VALUES (\(member.chronicleID),
                    \(member.userID), \(member.admin), \(member.storyteller), \(member.nickname), \(member.avatarURL),
                    \(member.defaultCharacterID), \(member.defaultAutoHunger), \(member.createdAt), \(member.lastUpdated))
                    RETURNING id
                    """)
                member.id = try row!.decode(Int64.self)
            } else {
                try await db.run(
                    """
                    UPDATE members SET admin = \(member.admin), storyteller = \(member.storyteller),
                    nickname = \(member.nickname), avatar_url = \(member.avatarURL),
                    default_character_id = \(member.defaultCharacterID), default_auto_hunger = \(member.defaultAutoHunger),
                    last_updated = \(member.lastUpdated) WHERE id = \(member.id)
                    """)
            }
            return member
        }
    }

    // MARK: Departures

    public func deleteChronicle(id: Int64, change: CharacterChange) async throws -> Departure? {
        try await write { db in
            guard try await db.row("SELECT 1 FROM chronicles WHERE id = \(id) FOR UPDATE") != nil else { return nil }
            let members = try await db.rows(
                "SELECT \(unescaped: Columns.member) FROM members WHERE chronicle_id = \(id) ORDER BY id"
            ).map(Self.member)
            let characters = try await db.rows(
                """
                SELECT \(unescaped: Columns.character) FROM characters
                WHERE chronicle_id = \(id) OR member_id IN (SELECT id FROM members WHERE chronicle_id = \(id))
                ORDER BY id FOR UPDATE
                """
            ).map(Self.character)
            let detached = try await Self.detach(characters, change: change, in: db)
            // Memberships, roles, trackers and bot links go with the chronicle (ON DELETE CASCADE).
            try await db.run("DELETE FROM chronicles WHERE id = \(id)")
            return Departure(members: members, characters: detached)
        }
    }

    public func deleteMember(chronicleID: Int64, userID: Int64, change: CharacterChange) async throws -> Departure? {
        try await write { db in
            guard
                let member = try await db.row(
                    """
                    SELECT \(unescaped: Columns.member) FROM members WHERE chronicle_id = \(chronicleID)
                    AND user_id = \(userID) FOR UPDATE
                    """
                ).map(Self.member)
            else { return nil }
            return Departure(members: [member], characters: try await Self.remove(member, change: change, in: db))
        }
    }

    /// Deletes a membership after taking out of its chronicle the characters linked to it and the user's other
    /// characters there. Returns those characters as stored afterwards.
    static func remove(_ member: Member, change: CharacterChange, in db: Connection) async throws -> [Character] {
        let characters = try await db.rows(
            """
            SELECT \(unescaped: Columns.character) FROM characters
            WHERE member_id = \(member.id) OR (chronicle_id = \(member.chronicleID) AND user_id = \(member.userID))
            ORDER BY id FOR UPDATE
            """
        ).map(character)
        let detached = try await detach(characters, change: change, in: db)
        try await db.run("DELETE FROM members WHERE id = \(member.id)")
        return detached
    }

    /// Takes characters (read `FOR UPDATE`) out of their chronicle at their next revision, recording each change.
    static func detach(_ characters: [Character], change: CharacterChange, in db: Connection) async throws -> [Character] {
        var result: [Character] = []
        for current in characters {
            let (after, entry) = Departure.detaching(current, change: change)
            try await db.run(
                """
                UPDATE characters SET chronicle_id = NULL, member_id = NULL, st_lock = FALSE, revision = \(after.revision),
                last_updated = \(change.at) WHERE id = \(current.id)
                """)
            try await record(entry, of: current.id, revision: after.revision, in: db)
            result.append(after)
        }
        return result
    }

    // MARK: Storyteller roles

    public func storytellerRoles(chronicleID: Int64) async throws -> [Int64] {
        try await read { db in try await Self.roles(of: chronicleID, in: db) }
    }

    static func roles(of chronicleID: Int64, in db: Connection) async throws -> [Int64] {
        try await db.rows("SELECT id FROM storyteller_roles WHERE chronicle_id = \(chronicleID) ORDER BY id")
            .map { try $0.decode(Int64.self) }
    }

    public func toggleStorytellerRole(roleID: Int64, chronicleID: Int64) async throws -> [Int64] {
        try await write { db in
            let owner = try await db.row("SELECT chronicle_id FROM storyteller_roles WHERE id = \(roleID) FOR UPDATE")
                .map { try $0.decode(Int64.self) }
            switch owner {
            case chronicleID?:
                try await db.run("DELETE FROM storyteller_roles WHERE id = \(roleID)")
            case .some:
                try await db.run("UPDATE storyteller_roles SET chronicle_id = \(chronicleID) WHERE id = \(roleID)")
            case nil:
                try await db.run("INSERT INTO storyteller_roles (id, chronicle_id) VALUES (\(roleID), \(chronicleID))")
            }
            return try await Self.roles(of: chronicleID, in: db)
        }
    }

    public func deleteStorytellerRole(id: Int64) async throws -> Bool {
        try await write { db in try await db.run("DELETE FROM storyteller_roles WHERE id = \(id)") > 0 }
    }

    // MARK: Bots and statistics

    public func bot(id: Int64) async throws -> Bot? {
        try await read { db in
            try await db.row("SELECT id, username, discriminator, avatar_url, shard_count FROM bots WHERE id = \(id)").map {
                var cell = Cells($0)
                return Bot(
                    id: try cell(), username: try cell(), discriminator: try cell(), avatarURL: try cell(),
                    shardCount: try cell())
            }
        }
    }

    public func save(_ bot: Bot) async throws {
        try await write { db in
            try await db.run(
                """
                INSERT INTO bots (id, username, discriminator, avatar_url, shard_count) VALUES (\(bot.id), \(bot.username),
                \(bot.discriminator), \(bot.avatarURL), \(bot.shardCount))
                ON CONFLICT (id) DO UPDATE SET username = excluded.username, discriminator = excluded.discriminator,
                avatar_url = excluded.avatar_url, shard_count = excluded.shard_count
                """)
        }
    }

    public func supporters() async throws -> [Supporter] {
        try await read { db in
            try await db.rows("SELECT id, supporter FROM users WHERE supporter > 0 ORDER BY id").map {
                let (id, level) = try $0.decode((Int64, Int64).self)
                return Supporter(userID: id, level: level)
            }
        }
    }

    public func recordCommand(userID: Int64, botID: Int64, command: String, at: Double) async throws(StoreError) -> CommandStat {
        try await write { db in
            let row = try await db.row(
                """
                INSERT INTO command_stats (user_id, bot_id, command, used, last_used) VALUES (\(userID), \(botID),
                \(command), 1, \(at))
                ON CONFLICT (user_id, command, bot_id) DO UPDATE SET used = command_stats.used + 1,
                last_used = excluded.last_used
                RETURNING id, used, last_used
                """)
            try await db.run("UPDATE users SET last_active = \(at) WHERE id = \(userID)")
            let (id, used, lastUsed) = try row!.decode((Int64, Int64, Double).self)
            return CommandStat(id: id, userID: userID, botID: botID, command: command, used: used, lastUsed: lastUsed)
        }
    }

    public func statistics(activeSince30Days since30: Double, activeSince14Days since14: Double) async throws -> Statistics {
        try await read { db in
            func count(_ query: PostgresQuery) async throws -> Int {
                try await db.row(query)?.decode(Int.self) ?? 0
            }
            func splatCounts(_ query: PostgresQuery) async throws -> [Statistics.SplatCount] {
                try await db.rows(query).map {
                    let (splat, count) = try $0.decode((String, Int).self)
                    return Statistics.SplatCount(splat: splat, count: count)
                }
            }
            func commandCounts(_ query: PostgresQuery) async throws -> [Statistics.CommandCount] {
                try await db.rows(query).map {
                    let (command, bot, count) = try $0.decode((String, String, Int).self)
                    return Statistics.CommandCount(command: command, bot: bot, count: count)
                }
            }
            return Statistics(
                users: try await count("SELECT COUNT(*) FROM users"),
                usersActiveIn30Days: try await count("SELECT COUNT(*) FROM users WHERE last_active >= \(since30)"),
                usersActiveIn14Days: try await count("SELECT COUNT(*) FROM users WHERE last_active >= \(since14)"),
                trackers: try await splatCounts(
                    """
                    SELECT splat, COUNT(*) AS n FROM characters WHERE NOT is_sheet AND last_updated >= \(since30)
                    GROUP BY splat ORDER BY n DESC, splat
                    """),
                sheets: try await splatCounts(
                    """
                    SELECT splat, COUNT(*) AS n FROM characters WHERE is_sheet AND last_updated >= \(since30)
                    GROUP BY splat ORDER BY n DESC, splat
                    """),
                allTime: try await splatCounts(
                    "SELECT splat, COUNT(*) AS n FROM characters GROUP BY splat ORDER BY n DESC, splat"),
                usersPerBot: try await commandCounts(
                    """
                    SELECT 'Total Users', bots.username, COUNT(DISTINCT command_stats.user_id) FROM bots
                    LEFT JOIN command_stats ON command_stats.bot_id = bots.id AND command_stats.last_used >= \(since30)
                    GROUP BY bots.id ORDER BY bots.id
                    """),
                commands: try await commandCounts(
                    """
                    SELECT command_stats.command, bots.username, COUNT(*) AS n FROM command_stats
                    JOIN bots ON bots.id = command_stats.bot_id WHERE command_stats.last_used >= \(since30)
                    GROUP BY command_stats.command, command_stats.bot_id, bots.id, bots.username
                    ORDER BY n DESC, command_stats.command, bots.id
                    """))
        }
    }

    // MARK: Initiative trackers

    public func initiativeTracker(channelID: Int64) async throws -> InitiativeTracker? {
        try await read { db in
            guard
                let row = try await db.row(
                    "SELECT chronicle_id, data, last_updated FROM initiative_trackers WHERE id = \(channelID)")
            else { return nil }
            let (chronicleID, data, lastUpdated) = try row.decode((Int64, String, Double).self)
            return InitiativeTracker(
                channelID: channelID, chronicleID: chronicleID, data: try JSON.parse(data), lastUpdated: lastUpdated)
        }
    }

    public func save(_ tracker: InitiativeTracker) async throws(StoreError) {
        try await write { db in
            try await db.run(
                """
                INSERT INTO initiative_trackers (id, chronicle_id, data, last_updated) VALUES (\(tracker.channelID),
                \(tracker.chronicleID), \(tracker.data.serializedString()), \(tracker.lastUpdated))
                ON CONFLICT (id) DO UPDATE SET chronicle_id = excluded.chronicle_id, data = excluded.data,
                last_updated = excluded.last_updated
                """)
        }
    }

    public func deleteInitiativeTracker(channelID: Int64) async throws -> Bool {
        try await write { db in try await db.run("DELETE FROM initiative_trackers WHERE id = \(channelID)") > 0 }
    }
}
