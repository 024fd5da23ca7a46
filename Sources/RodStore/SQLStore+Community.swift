import RodCore

/// Chronicles and members; members and chronicles leaving (their characters taken out of the chronicle, each change
/// recorded), storyteller roles, the login's membership sync, initiative trackers.
extension SQLStore {
    // MARK: Chronicles and members

    public func chronicle(id: Int64) async throws -> Chronicle? {
        try await record("SELECT * FROM chronicles WHERE id = \(id)")
    }

    public func save(_ chronicle: Chronicle, addingBots bots: [Int64]) async throws {
        var statements = [SQL.insert(into: "chronicles", try SQLRecord(chronicle), upsertOn: ["id"], keeping: ["created_at"])]
        for bot in bots {
            statements.append("INSERT INTO bots (id) VALUES (\(bot)) ON CONFLICT DO NOTHING")
            statements.append(
                "INSERT INTO chronicle_bots (chronicle_id, bot_id) VALUES (\(chronicle.id), \(bot)) ON CONFLICT DO NOTHING")
        }
        _ = try await database.writeBatch(statements)
    }

    public func botIDs(chronicleID: Int64) async throws -> [Int64] {
        try await database.read { db in
            try await db.rows("SELECT bot_id FROM chronicle_bots WHERE chronicle_id = \(chronicleID) ORDER BY bot_id")
                .map { try $0["bot_id"] }
        }
    }

    public func member(chronicleID: Int64, userID: Int64) async throws -> Member? {
        try await record("SELECT * FROM members WHERE chronicle_id = \(chronicleID) AND user_id = \(userID)")
    }

    public func members(userID: Int64) async throws -> [Member] {
        try await records("SELECT * FROM members WHERE user_id = \(userID) ORDER BY id")
    }

    public func members(chronicleID: Int64) async throws -> [Member] {
        try await records("SELECT * FROM members WHERE chronicle_id = \(chronicleID) ORDER BY id")
    }

    public func ensureMember(chronicleID: Int64, userID: Int64, now: Double) async throws -> Member {
        if let member = try await member(chronicleID: chronicleID, userID: userID) { return member }
        let results = try await database.writeBatch([
            """
            INSERT INTO members (chronicle_id, user_id, created_at, last_updated) VALUES (\(chronicleID), \(userID),
            \(now), \(now)) ON CONFLICT (chronicle_id, user_id) DO NOTHING
            """,
            "SELECT * FROM members WHERE chronicle_id = \(chronicleID) AND user_id = \(userID)",
        ])
        guard let row = results.last?.first else { throw StoreError.database("membership vanished while it was created") }
        return try row.decode(Member.self)
    }

    public func save(_ member: Member) async throws -> Member {
        if member.id == 0 {
            let insert = SQL.insert(into: "members", try SQLRecord(member).without("id")) + " RETURNING id"
            var created = member
            created.id = try await database.write(transaction: false) { db in
                guard let id = try await db.scalar(insert, as: Int64.self) else {
                    throw StoreError.database("a new membership has no id")
                }
                return id
            }
            return created
        }
        try await execute(
            """
            UPDATE members SET admin = \(member.admin), storyteller = \(member.storyteller), nickname = \(member.nickname),
            avatar_url = \(member.avatarURL), default_character_id = \(member.defaultCharacterID),
            default_auto_hunger = \(member.defaultAutoHunger), last_updated = \(member.lastUpdated) WHERE id = \(member.id)
            """)
        return member
    }

    // MARK: Departures

    public func deleteChronicle(id: Int64, change: CharacterChange) async throws -> Departure? {
        let forUpdate = dialect.forUpdate
        return try await database.write { db in
            guard try await db.row("SELECT 1 FROM chronicles WHERE id = \(id)\(raw: forUpdate)") != nil else { return nil }
            let members = try await db.records("SELECT * FROM members WHERE chronicle_id = \(id) ORDER BY id", as: Member.self)
            let characters = try await Self.characters(
                """
                SELECT * FROM characters
                WHERE chronicle_id = \(id) OR member_id IN (SELECT id FROM members WHERE chronicle_id = \(id))
                ORDER BY id\(raw: forUpdate)
                """, in: db)
            let detached = try await Self.detach(characters, change: change, in: db)
            // Memberships, roles, trackers and bot links go with the chronicle (ON DELETE CASCADE).
            try await db.execute("DELETE FROM chronicles WHERE id = \(id)")
            return Departure(members: members, characters: detached)
        }
    }

    public func deleteMember(chronicleID: Int64, userID: Int64, change: CharacterChange) async throws -> Departure? {
        let forUpdate = dialect.forUpdate
        return try await database.write { db in
            let select: SQL = "SELECT * FROM members WHERE chronicle_id = \(chronicleID) AND user_id = \(userID)\(raw: forUpdate)"
            guard let member = try await db.record(select, as: Member.self) else { return nil }
            return Departure(members: [member], characters: try await Self.remove(member, change: change, in: db))
        }
    }

    /// Deletes a membership after taking out of its chronicle the characters linked to it and the user's other
    /// characters there. Returns those characters as stored afterwards.
    static func remove(_ member: Member, change: CharacterChange, in db: any SQLExecutor) async throws -> [CharacterRecord] {
        let characters = try await Self.characters(
            """
            SELECT * FROM characters
            WHERE member_id = \(member.id) OR (chronicle_id = \(member.chronicleID) AND user_id = \(member.userID))
            ORDER BY id\(raw: db.dialect.forUpdate)
            """, in: db)
        let detached = try await detach(characters, change: change, in: db)
        try await db.execute("DELETE FROM members WHERE id = \(member.id)")
        return detached
    }

    /// Takes characters (read for update) out of their chronicle at their next revision, recording each change.
    static func detach(_ characters: [CharacterRecord], change: CharacterChange, in db: any SQLExecutor) async throws
        -> [CharacterRecord]
    {
        var result: [CharacterRecord] = []
        for current in characters {
            let (after, entry) = Departure.detaching(current, change: change)
            try await db.execute(
                """
                UPDATE characters SET chronicle_id = NULL, member_id = NULL, st_lock = FALSE, revision = \(after.revision),
                last_updated = \(change.at) WHERE id = \(current.id)
                """)
            try await db.execute(try history(HistoryRow(entry, characterID: current.id, revision: after.revision)))
            result.append(after)
        }
        return result
    }

    // MARK: Storyteller roles

    public func storytellerRoles(chronicleID: Int64) async throws -> [Int64] {
        try await database.read { db in try await Self.roles(of: chronicleID, in: db) }
    }

    static func roles(of chronicleID: Int64, in db: any SQLExecutor) async throws -> [Int64] {
        try await db.rows("SELECT id FROM storyteller_roles WHERE chronicle_id = \(chronicleID) ORDER BY id").map { try $0["id"] }
    }

    public func toggleStorytellerRole(roleID: Int64, chronicleID: Int64) async throws -> [Int64] {
        let forUpdate = dialect.forUpdate
        return try await database.write { db in
            let owner = try await db.scalar(
                "SELECT chronicle_id FROM storyteller_roles WHERE id = \(roleID)\(raw: forUpdate)", as: Int64.self)
            switch owner {
            case chronicleID?:
                try await db.execute("DELETE FROM storyteller_roles WHERE id = \(roleID)")
            case .some:
                try await db.execute("UPDATE storyteller_roles SET chronicle_id = \(chronicleID) WHERE id = \(roleID)")
            case nil:
                try await db.execute("INSERT INTO storyteller_roles (id, chronicle_id) VALUES (\(roleID), \(chronicleID))")
            }
            return try await Self.roles(of: chronicleID, in: db)
        }
    }

    public func deleteStorytellerRole(id: Int64) async throws -> Bool {
        try await execute("DELETE FROM storyteller_roles WHERE id = \(id)") > 0
    }

    // MARK: Login

    public func syncMemberships(userID: Int64, guilds: [Int64: Bool], change: CharacterChange) async throws -> MembershipSync {
        let now = change.at
        let forUpdate = dialect.forUpdate
        return try await database.write { db in
            var sync = MembershipSync()
            let existing = try await db.records(
                "SELECT * FROM members WHERE user_id = \(userID) ORDER BY id\(raw: forUpdate)", as: Member.self)
            for member in existing where guilds[member.chronicleID] == nil {
                sync.characters += try await Self.remove(member, change: change, in: db)
                sync.removed.append(member)
            }
            for (chronicleID, admin) in guilds.sorted(by: { $0.key < $1.key }) {
                guard try await db.row("SELECT 1 FROM chronicles WHERE id = \(chronicleID)") != nil else { continue }
                if var member = existing.first(where: { $0.chronicleID == chronicleID }) {
                    guard member.admin != admin else { continue }
                    member.admin = admin
                    member.lastUpdated = now
                    try await db.execute("UPDATE members SET admin = \(admin), last_updated = \(now) WHERE id = \(member.id)")
                    sync.updated.append(member)
                } else {
                    let id = try await db.scalar(
                        """
                        INSERT INTO members (chronicle_id, user_id, admin, created_at, last_updated)
                        VALUES (\(chronicleID), \(userID), \(admin), \(now), \(now)) RETURNING id
                        """, as: Int64.self)
                    guard let id else { throw StoreError.database("a new membership has no id") }
                    sync.created.append(Member(id: id, chronicleID: chronicleID, userID: userID, admin: admin, createdAt: now))
                }
            }
            return sync
        }
    }

    // MARK: Initiative trackers

    public func initiativeTracker(channelID: Int64) async throws -> InitiativeTracker? {
        try await database.read { db in
            let select: SQL = "SELECT chronicle_id, data, last_updated FROM initiative_trackers WHERE id = \(channelID)"
            guard let row = try await db.row(select) else { return nil }
            return InitiativeTracker(
                channelID: channelID, chronicleID: try row["chronicle_id"],
                data: try JSON.parse(try row["data", as: String.self]),
                lastUpdated: try row["last_updated"])
        }
    }

    public func save(_ tracker: InitiativeTracker) async throws(StoreError) {
        try await Self.mapping {
            try await execute(
                """
                INSERT INTO initiative_trackers (id, chronicle_id, data, last_updated) VALUES (\(tracker.channelID),
                \(tracker.chronicleID), \(tracker.data.serializedString()), \(tracker.lastUpdated))
                ON CONFLICT (id) DO UPDATE SET chronicle_id = excluded.chronicle_id, data = excluded.data,
                last_updated = excluded.last_updated
                """)
        }
    }

    public func deleteInitiativeTracker(channelID: Int64) async throws -> Bool {
        try await execute("DELETE FROM initiative_trackers WHERE id = \(channelID)") > 0
    }
}
