import RodCore

/// What the store holds about one user beyond their characters and memberships, and its erasure in one transaction:
/// the answer to a data request.
public struct UserErasure: Sendable, Equatable {
    /// What was removed, by kind, for the answer.
    public var counts: [String: Int] = [:]
    /// The sessions removed (their sockets are to be closed), the characters deleted, the memberships removed.
    public var sessionTokenHashes: [String] = []
    public var characterIDs: [Int64] = []
    public var memberships: [Member] = []
    /// The avatars' files of their characters and deleted characters, for the caller to remove once committed.
    public var avatars: [String] = []

    public init() {}
}

/// Users, their preferences, bots and command statistics, and a user's data: its export and its erasure.
extension SQLStore {
    // MARK: Users and bots

    public func user(id: Int64) async throws -> User? {
        try await record("SELECT * FROM users WHERE id = \(id)")
    }

    public func users(ids: [Int64]) async throws -> [User] {
        var users: [User] = []
        for start in stride(from: 0, to: ids.count, by: SQL.listBatch) {
            let batch = Array(ids[start..<min(start + SQL.listBatch, ids.count)])
            users += try await records("SELECT * FROM users WHERE id IN (\(list: batch)) ORDER BY id")
        }
        return users
    }

    public func save(_ user: User) async throws {
        try await execute(.insert(into: "users", try SQLRecord(user), upsertOn: ["id"], keeping: ["created_at"]))
    }

    public func ensureUser(id: Int64, now: Double) async throws -> User {
        if let user = try await user(id: id) { return user }
        let results = try await database.writeBatch([
            """
            INSERT INTO users (id, created_at, last_saved, last_active) VALUES (\(id), \(now), \(now), \(now))
            ON CONFLICT (id) DO NOTHING
            """,
            "SELECT * FROM users WHERE id = \(id)",
        ])
        guard let row = results.last?.first else { throw StoreError.database("user \(id) vanished while it was created") }
        return try row.decode(User.self)
    }

    public func bot(id: Int64) async throws -> Bot? {
        try await record("SELECT * FROM bots WHERE id = \(id)")
    }

    public func save(_ bot: Bot) async throws {
        try await execute(.insert(into: "bots", try SQLRecord(bot), upsertOn: ["id"]))
    }

    public func supporters() async throws -> [Supporter] {
        try await database.read { db in
            try await db.rows("SELECT id, supporter FROM users WHERE supporter > 0 ORDER BY id").map {
                Supporter(userID: try $0["id"], level: try $0["supporter"])
            }
        }
    }

    public func recordCommand(userID: Int64, botID: Int64, command: String, at: Double) async throws(StoreError) -> CommandStat {
        try await Self.mapping {
            let results = try await database.writeBatch([
                """
                INSERT INTO command_stats (user_id, bot_id, command, used, last_used) VALUES (\(userID), \(botID),
                \(command), 1, \(at))
                ON CONFLICT (user_id, command, bot_id) DO UPDATE SET used = command_stats.used + 1,
                last_used = excluded.last_used
                RETURNING *
                """,
                "UPDATE users SET last_active = \(at) WHERE id = \(userID)",
            ])
            guard let row = results.first?.first else { throw StoreError.database("a command's count was not returned") }
            return try row.decode(CommandStat.self)
        }
    }

    public func statistics(activeSince30Days since30: Double, activeSince14Days since14: Double) async throws -> Statistics {
        try await database.read { db in
            func count(_ statement: SQL) async throws -> Int { try await db.scalar(statement) ?? 0 }
            func splats(_ filter: SQL) async throws -> [Statistics.SplatCount] {
                try await db.rows("SELECT splat, COUNT(*) AS n FROM characters\(filter) GROUP BY splat ORDER BY n DESC, splat")
                    .map { Statistics.SplatCount(splat: try $0["splat"], count: try $0["n"]) }
            }
            func commands(_ statement: SQL) async throws -> [Statistics.CommandCount] {
                try await db.rows(statement).map {
                    Statistics.CommandCount(command: try $0["command"], bot: try $0["bot"], count: try $0["n"])
                }
            }
            return Statistics(
                users: try await count("SELECT COUNT(*) FROM users"),
                usersActiveIn30Days: try await count("SELECT COUNT(*) FROM users WHERE last_active >= \(since30)"),
                usersActiveIn14Days: try await count("SELECT COUNT(*) FROM users WHERE last_active >= \(since14)"),
                trackers: try await splats(" WHERE NOT is_sheet AND last_updated >= \(since30)"),
                sheets: try await splats(" WHERE is_sheet AND last_updated >= \(since30)"),
                allTime: try await splats(""),
                usersPerBot: try await commands(
                    """
                    SELECT 'Total Users' AS command, bots.username AS bot, COUNT(DISTINCT command_stats.user_id) AS n FROM bots
                    LEFT JOIN command_stats ON command_stats.bot_id = bots.id AND command_stats.last_used >= \(since30)
                    GROUP BY bots.id, bots.username ORDER BY bots.id
                    """),
                commands: try await commands(
                    """
                    SELECT command_stats.command AS command, bots.username AS bot, COUNT(*) AS n FROM command_stats
                    JOIN bots ON bots.id = command_stats.bot_id WHERE command_stats.last_used >= \(since30)
                    GROUP BY command_stats.command, command_stats.bot_id, bots.id, bots.username
                    ORDER BY n DESC, command_stats.command, bots.id
                    """))
        }
    }

    // MARK: What a user set, and their data

    public func preferences(userID: Int64) async throws -> JSONObject {
        guard
            let text: String = try await database.rows("SELECT data FROM user_preferences WHERE user_id = \(userID)").first?[
                "data"]
        else { return JSONObject() }
        return (try? JSON.parse(text).objectValue) ?? JSONObject()
    }

    public func savePreferences(userID: Int64, _ preferences: JSONObject) async throws {
        try await execute(
            """
            INSERT INTO user_preferences (user_id, data) VALUES (\(userID), \(JSON.object(preferences).serializedString()))
            ON CONFLICT (user_id) DO UPDATE SET data = excluded.data
            """)
    }

    /// The user's rows in the tables the domain does not read for them: sessions (when they were opened and expire,
    /// not their tokens), daily request counts, command statistics, Patreon events about them, and the chronicles
    /// they own. Each row as its columns.
    public func userRecords(id: Int64) async throws -> JSONObject {
        let statements: [(String, SQL)] = [
            ("sessions", "SELECT created_at, expires_at FROM sessions WHERE user_id = \(id) ORDER BY created_at"),
            ("api_usage", "SELECT day, requests FROM api_usage WHERE user_id = \(id) ORDER BY day"),
            ("command_stats", "SELECT * FROM command_stats WHERE user_id = \(id) ORDER BY id"),
            ("patreon_events", "SELECT * FROM patreon_events WHERE discord_id = \(id) ORDER BY id"),
            ("owned_chronicles", "SELECT id, name FROM chronicles WHERE owner_id = \(id) ORDER BY id"),
            ("preferences", "SELECT data FROM user_preferences WHERE user_id = \(id)"),
        ]
        return try await database.read { db in
            var records = JSONObject()
            for (key, statement) in statements {
                records[key] = .array(try await db.rows(statement).map { .object($0.object) })
            }
            return records
        }
    }

    /// Erases the user in one transaction: their characters and their history (deleted characters' too), memberships,
    /// sessions, request counts, command statistics, the Patreon events about them and the user row itself; their
    /// changes to other users' characters stay in those histories without their id.
    /// Chronicles they own stay for their members, owned by nobody (0). Erasing an unknown user removes nothing.
    public func eraseUser(id: Int64) async throws -> UserErasure {
        try await database.write { db in
            var erasure = UserErasure()
            erasure.sessionTokenHashes = try await db.rows("SELECT token_hash FROM sessions WHERE user_id = \(id)").map {
                try $0["token_hash"]
            }
            erasure.characterIDs = try await db.rows("SELECT id FROM characters WHERE user_id = \(id) ORDER BY id").map {
                try $0["id"]
            }
            erasure.memberships = try await db.records("SELECT * FROM members WHERE user_id = \(id)")
            erasure.avatars = try await db.rows(
                """
                SELECT avatar FROM characters WHERE user_id = \(id) AND avatar <> ''
                UNION SELECT avatar FROM deleted_characters WHERE user_id = \(id) AND avatar <> ''
                """
            ).map { try $0["avatar"] }
            erasure.counts["history"] = try await db.execute(
                """
                DELETE FROM character_history WHERE character_id IN
                (SELECT id FROM characters WHERE user_id = \(id) UNION SELECT id FROM deleted_characters WHERE user_id = \(id))
                """)
            erasure.counts["deleted_characters"] = try await db.execute("DELETE FROM deleted_characters WHERE user_id = \(id)")
            // Their changes to others' characters stay, no longer saying who made them.
            erasure.counts["changes_made_anonymous"] = try await db.execute(
                "UPDATE character_history SET actor_id = NULL WHERE actor_id = \(id)")
            erasure.counts["patreon_events"] = try await db.execute("DELETE FROM patreon_events WHERE discord_id = \(id)")
            erasure.counts["preferences"] = try await db.execute("DELETE FROM user_preferences WHERE user_id = \(id)")
            erasure.counts["chronicles_released"] = try await db.execute(
                "UPDATE chronicles SET owner_id = 0 WHERE owner_id = \(id)")
            // The user's rows in the other tables go with the user (their references cascade); counted first.
            for table in ["characters", "members", "sessions", "api_usage", "command_stats"] {
                erasure.counts[table] =
                    try await db.rows("SELECT COUNT(*) AS n FROM \(raw: table) WHERE user_id = \(id)")
                    .first?["n"] ?? 0
            }
            erasure.counts["user"] = try await db.execute("DELETE FROM users WHERE id = \(id)")
            return erasure
        }
    }
}
