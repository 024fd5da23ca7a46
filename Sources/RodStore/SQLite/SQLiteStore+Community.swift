import GRDB
import RodCore

/// Chronicles' departures, storyteller roles, bots, statistics and initiative trackers.
extension SQLiteStore {
    // MARK: Departures

    public func deleteChronicle(id: Int64, change: CharacterChange) async throws -> Departure? {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM chronicles WHERE id = ?", arguments: [id]) == true else { return nil }
            let members = try Row.fetchAll(
                db, sql: "SELECT \(Columns.member) FROM members WHERE chronicle_id = ? ORDER BY id", arguments: [id]
            ).map(Self.member)
            let characters = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Columns.character) FROM characters
                    WHERE chronicle_id = ? OR member_id IN (SELECT id FROM members WHERE chronicle_id = ?) ORDER BY id
                    """,
                arguments: [id, id]
            ).map(Self.character)
            let detached = try Self.detach(characters, change: change, in: db)
            // Memberships, roles, trackers and bot links go with the chronicle (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM chronicles WHERE id = ?", arguments: [id])
            return Departure(members: members, characters: detached)
        }
    }

    public func deleteMember(chronicleID: Int64, userID: Int64, change: CharacterChange) async throws -> Departure? {
        try await write { db in
            guard
                let member = try Row.fetchOne(
                    db, sql: "SELECT \(Columns.member) FROM members WHERE chronicle_id = ? AND user_id = ?",
                    arguments: [chronicleID, userID]
                ).map(Self.member)
            else { return nil }
            return Departure(members: [member], characters: try Self.remove(member, change: change, in: db))
        }
    }

    /// Deletes a membership after taking out of its chronicle the characters linked to it and the user's other
    /// characters there. Returns those characters as stored afterwards.
    static func remove(_ member: Member, change: CharacterChange, in db: Database) throws -> [Character] {
        let characters = try Row.fetchAll(
            db,
            sql: """
                SELECT \(Columns.character) FROM characters
                WHERE member_id = ? OR (chronicle_id = ? AND user_id = ?) ORDER BY id
                """,
            arguments: [member.id, member.chronicleID, member.userID]
        ).map(character)
        let detached = try detach(characters, change: change, in: db)
        try db.execute(sql: "DELETE FROM members WHERE id = ?", arguments: [member.id])
        return detached
    }

    /// Takes characters out of their chronicle at their next revision, recording each change.
    static func detach(_ characters: [Character], change: CharacterChange, in db: Database) throws -> [Character] {
        try characters.map { current in
            let (after, entry) = Departure.detaching(current, change: change)
            try db.execute(
                sql: """
                    UPDATE characters SET chronicle_id = NULL, member_id = NULL, st_lock = 0, revision = ?, last_updated = ?
                    WHERE id = ?
                    """,
                arguments: [after.revision, change.at, current.id])
            try record(entry, of: current.id, revision: after.revision, in: db)
            return after
        }
    }

    // MARK: Storyteller roles

    public func storytellerRoles(chronicleID: Int64) async throws -> [Int64] {
        try read { db in try Self.roles(of: chronicleID, in: db) }
    }

    static func roles(of chronicleID: Int64, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT id FROM storyteller_roles WHERE chronicle_id = ? ORDER BY id", arguments: [chronicleID])
    }

    public func toggleStorytellerRole(roleID: Int64, chronicleID: Int64) async throws -> [Int64] {
        do {
            return try await write { db in
                let owner = try Int64.fetchOne(
                    db, sql: "SELECT chronicle_id FROM storyteller_roles WHERE id = ?", arguments: [roleID])
                switch owner {
                case chronicleID?:
                    try db.execute(sql: "DELETE FROM storyteller_roles WHERE id = ?", arguments: [roleID])
                case .some:
                    try db.execute(
                        sql: "UPDATE storyteller_roles SET chronicle_id = ? WHERE id = ?", arguments: [chronicleID, roleID])
                case nil:
                    try db.execute(
                        sql: "INSERT INTO storyteller_roles (id, chronicle_id) VALUES (?, ?)", arguments: [roleID, chronicleID])
                }
                return try Self.roles(of: chronicleID, in: db)
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func deleteStorytellerRole(id: Int64) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM storyteller_roles WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    // MARK: Bots and statistics

    public func bot(id: Int64) async throws -> Bot? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, username, discriminator, avatar_url, shard_count FROM bots WHERE id = ?", arguments: [id]
            )
            .map { Bot(id: $0[0], username: $0[1], discriminator: $0[2], avatarURL: $0[3], shardCount: $0[4]) }
        }
    }

    public func save(_ bot: Bot) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO bots (id, username, discriminator, avatar_url, shard_count) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET username = excluded.username, discriminator = excluded.discriminator,
                    avatar_url = excluded.avatar_url, shard_count = excluded.shard_count
                    """,
                arguments: [bot.id, bot.username, bot.discriminator, bot.avatarURL, bot.shardCount])
        }
    }

    public func supporters() async throws -> [Supporter] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, supporter FROM users WHERE supporter > 0 ORDER BY id")
                .map { Supporter(userID: $0[0], level: $0[1]) }
        }
    }

    public func recordCommand(userID: Int64, botID: Int64, command: String, at: Double) async throws(StoreError) -> CommandStat {
        do {
            return try await write { db in
                try db.execute(
                    sql: """
                        INSERT INTO command_stats (user_id, bot_id, command, used, last_used) VALUES (?, ?, ?, 1, ?)
                        ON CONFLICT(user_id, command, bot_id) DO UPDATE SET used = used + 1, last_used = excluded.last_used
                        """,
                    arguments: [userID, botID, command, at])
                try db.execute(sql: "UPDATE users SET last_active = ? WHERE id = ?", arguments: [at, userID])
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT id, used, last_used FROM command_stats WHERE user_id = ? AND command = ? AND bot_id = ?",
                    arguments: [userID, command, botID])!
                return CommandStat(id: row[0], userID: userID, botID: botID, command: command, used: row[1], lastUsed: row[2])
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func statistics(activeSince30Days since30: Double, activeSince14Days since14: Double) async throws -> Statistics {
        try read { db in
            func splatCounts(_ sql: String, _ arguments: StatementArguments) throws -> [Statistics.SplatCount] {
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { Statistics.SplatCount(splat: $0[0], count: $0[1]) }
            }
            let perSplat = "SELECT splat, COUNT(*) AS n FROM characters"
            let order = " GROUP BY splat ORDER BY n DESC, splat"
            return Statistics(
                users: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM users") ?? 0,
                usersActiveIn30Days: try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM users WHERE last_active >= ?", arguments: [since30]) ?? 0,
                usersActiveIn14Days: try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM users WHERE last_active >= ?", arguments: [since14]) ?? 0,
                trackers: try splatCounts(perSplat + " WHERE is_sheet = 0 AND last_updated >= ?" + order, [since30]),
                sheets: try splatCounts(perSplat + " WHERE is_sheet = 1 AND last_updated >= ?" + order, [since30]),
                allTime: try splatCounts(perSplat + order, []),
                usersPerBot: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT bots.username, COUNT(DISTINCT command_stats.user_id) FROM bots
                        LEFT JOIN command_stats ON command_stats.bot_id = bots.id AND command_stats.last_used >= ?
                        GROUP BY bots.id ORDER BY bots.id
                        """,
                    arguments: [since30]
                ).map { Statistics.CommandCount(command: "Total Users", bot: $0[0], count: $0[1]) },
                commands: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT command_stats.command, bots.username, COUNT(*) AS n FROM command_stats
                        JOIN bots ON bots.id = command_stats.bot_id WHERE command_stats.last_used >= ?
                        GROUP BY command_stats.command, command_stats.bot_id ORDER BY n DESC, command_stats.command, bots.id
                        """,
                    arguments: [since30]
                ).map { Statistics.CommandCount(command: $0[0], bot: $0[1], count: $0[2]) })
        }
    }

    // MARK: Initiative trackers

    public func initiativeTracker(channelID: Int64) async throws -> InitiativeTracker? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT chronicle_id, data, last_updated FROM initiative_trackers WHERE id = ?",
                    arguments: [channelID])
            else { return nil }
            return InitiativeTracker(
                channelID: channelID, chronicleID: row[0], data: try JSON.parse(row[1] as String), lastUpdated: row[2])
        }
    }

    public func save(_ tracker: InitiativeTracker) async throws(StoreError) {
        do {
            try await write { db in
                try db.execute(
                    sql: """
                        INSERT INTO initiative_trackers (id, chronicle_id, data, last_updated) VALUES (?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET chronicle_id = excluded.chronicle_id, data = excluded.data,
                        last_updated = excluded.last_updated
                        """,
                    arguments: [tracker.channelID, tracker.chronicleID, tracker.data.serializedString(), tracker.lastUpdated])
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func deleteInitiativeTracker(channelID: Int64) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM initiative_trackers WHERE id = ?", arguments: [channelID])
            return db.changesCount > 0
        }
    }
}
