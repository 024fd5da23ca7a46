import Foundation
import Metrics
import RodCore

/// The store, written once for every engine: each domain step is SQL both engines take, run through the engine's
/// `SQLDatabase` (`RodStoreSQLite`, `RodStorePostgres`). Where the engines really differ, `SQLDialect` says how.
/// The conformance tests (`Tests/RodStoreTests`) run against both engines.
public final class SQLStore: Store {
    public let database: any SQLDatabase
    var dialect: SQLDialect { database.dialect }

    public init(_ database: any SQLDatabase) {
        self.database = database
    }

    public func migrate() async throws { try await database.migrate(StoreSchema.migrations) }
    public func appliedMigrations() async throws -> [String] { try await database.appliedMigrations() }
    public func close() async { await database.close() }

    public func ping() async throws {
        _ = try await database.read { db in try await db.execute("SELECT 1") }
    }

    /// Reads one record, or nil.
    func record<T: Decodable>(_ statement: SQL, as type: T.Type = T.self) async throws -> T? {
        try await database.rows(statement).first?.decode(T.self)
    }

    /// Reads every matching record.
    func records<T: Decodable>(_ statement: SQL, as type: T.Type = T.self) async throws -> [T] {
        try await database.rows(statement).map { try $0.decode(T.self) }
    }

    /// Runs one write statement and returns how many rows it changed.
    @discardableResult
    func execute(_ statement: SQL) async throws -> Int {
        try await database.write(transaction: false) { db in try await db.execute(statement) }
    }

    // MARK: Users

    public func user(id: Int64) async throws -> User? {
        try await record("SELECT * FROM users WHERE id = \(id)")
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

    // MARK: Bots, statistics, initiative

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

    /// Runs `body`, its errors as the store's (the methods whose callers switch on them).
    static func mapping<T>(_ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch {
            throw StoreError(error)
        }
    }
}

/// How long reads and writes take, per engine: `rod_store_duration_seconds{engine, access}` in /metrics. Made when
/// an engine opens, after `rod serve` has chosen its metrics backend.
public struct StoreTimers: Sendable {
    public let read: Metrics.Timer
    public let write: Metrics.Timer

    public init(engine: SQLDialect.Engine) {
        read = Metrics.Timer(label: "rod_store_duration_seconds", dimensions: [("engine", engine.rawValue), ("access", "read")])
        write = Metrics.Timer(
            label: "rod_store_duration_seconds", dimensions: [("engine", engine.rawValue), ("access", "write")])
    }

    /// Times `body` as a read or a write.
    public func time<T>(write: Bool, _ body: () async throws -> T) async rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let elapsed = Int64(DispatchTime.now().uptimeNanoseconds - start)
            (write ? self.write : read).recordNanoseconds(elapsed)
        }
        return try await body()
    }
}
