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

extension SQLStore {
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
