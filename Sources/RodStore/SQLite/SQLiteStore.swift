import Foundation
import GRDB
import Metrics
import RodCore

/// The embedded store: one SQLite file in WAL mode, through GRDB on the system libsqlite3.
public final class SQLiteStore: Store {
    /// SQLite's `synchronous` setting. In WAL mode, `normal` loses nothing when the process dies and only the
    /// last transactions on power loss; `full` survives power loss too, at about a quarter of the write rate.
    public enum Synchronous: String, Sendable, CaseIterable {
        case normal
        case full
    }

    let pool: DatabasePool
    public let path: String
    let timers: StoreTimers

    /// Opens (creating if needed) the database file. Call `migrate()` before use.
    public init(path: String, synchronous: Synchronous = .normal) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        // More readers than cooperative threads, so an inline read never waits for a connection.
        configuration.maximumReaderCount = max(8, ProcessInfo.processInfo.activeProcessorCount * 2)
        let pragma = "PRAGMA synchronous = \(synchronous.rawValue.uppercased())"
        configuration.prepareDatabase { db in
            try db.execute(sql: pragma)
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        timers = StoreTimers(engine: "sqlite")
    }

    /// Runs pending migrations. GRDB's migrator is synchronous; it runs once at start, before serving.
    public func migrate() async throws {
        try SQLiteSchema.migrator.migrate(pool)
    }

    /// The migrations applied so far, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    /// Writes a consistent copy of the database to `destination` while the store keeps serving (SQLite's online
    /// backup, page by page from one snapshot). The copy appears whole or not at all: it is written beside the
    /// destination and renamed. Refuses to replace an existing file.
    public func backup(to destination: String) throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: destination) else {
            throw StoreError.database("\(destination) exists; choose a new file")
        }
        let partial = destination + ".partial"
        try? manager.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
            try manager.moveItem(atPath: partial, toPath: destination)
        } catch {
            try? manager.removeItem(atPath: partial)
            throw error
        }
    }

    /// Runs a read on the calling thread. A read of a WAL database never waits for the writer, and the reads
    /// here fetch a few indexed rows from the page cache in microseconds: cheaper than hopping to GRDB's
    /// dispatch queue and back, which measured 30% slower on `bot/character/get` (docs/performance.md).
    /// Writes, which can wait for the writer lock and for fsync, stay asynchronous.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timers.read.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        return try pool.read(body)
    }

    /// Runs a write transaction on GRDB's writer queue: committed when `body` returns, rolled back when it throws.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { timers.write.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)) }
        return try await pool.write(body)
    }

    public func ping() async throws {
        _ = try read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: Users

    static func user(_ row: Row) -> User {
        User(
            id: row[0], username: row[1], discriminator: row[2], avatarURL: row[3], email: row[4], verified: row[5],
            registered: row[6], admin: row[7], supporter: row[8], createdAt: row[9], lastSaved: row[10],
            lastActive: row[11])
    }

    public func user(id: Int64) async throws -> User? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Columns.user) FROM users WHERE id = ?"), arguments: [id])
                .map(Self.user)
        }
    }

    public func save(_ user: User) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (\(Columns.user)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET username = excluded.username, discriminator = excluded.discriminator,
                    avatar_url = excluded.avatar_url, email = excluded.email, verified = excluded.verified,
                    registered = excluded.registered, admin = excluded.admin, supporter = excluded.supporter,
                    last_saved = excluded.last_saved, last_active = excluded.last_active
                    """,
                arguments: [
                    user.id, user.username, user.discriminator, user.avatarURL, user.email, user.verified, user.registered,
                    user.admin, user.supporter, user.createdAt, user.lastSaved, user.lastActive,
                ])
        }
    }

    public func ensureUser(id: Int64, now: Double) async throws -> User {
        if let user = try await user(id: id) { return user }
        return try await write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO users (id, created_at, last_saved, last_active) VALUES (?, ?, ?, ?)",
                arguments: [id, now, now, now])
            let row = try Row.fetchOne(db, sql: "SELECT \(Columns.user) FROM users WHERE id = ?", arguments: [id])
            return Self.user(row!)
        }
    }

    // MARK: Chronicles and members

    static func chronicle(_ row: Row) -> Chronicle {
        Chronicle(
            id: row[0], name: row[1], ownerID: row[2], shard: row[3], isGuild: row[4], iconURL: row[5],
            trackerChannel: row[6], createdAt: row[7], lastUpdated: row[8])
    }

    public func chronicle(id: Int64) async throws -> Chronicle? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Columns.chronicle) FROM chronicles WHERE id = ?", arguments: [id])
                .map(Self.chronicle)
        }
    }

    public func save(_ chronicle: Chronicle, addingBots bots: [Int64]) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO chronicles (\(Columns.chronicle)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, owner_id = excluded.owner_id,
                    shard = excluded.shard, is_guild = excluded.is_guild, icon_url = excluded.icon_url,
                    tracker_channel = excluded.tracker_channel, last_updated = excluded.last_updated
                    """,
                arguments: [
                    chronicle.id, chronicle.name, chronicle.ownerID, chronicle.shard, chronicle.isGuild, chronicle.iconURL,
                    chronicle.trackerChannel, chronicle.createdAt, chronicle.lastUpdated,
                ])
            for bot in bots {
                try db.execute(sql: "INSERT OR IGNORE INTO bots (id) VALUES (?)", arguments: [bot])
                try db.execute(
                    sql: "INSERT OR IGNORE INTO chronicle_bots (chronicle_id, bot_id) VALUES (?, ?)",
                    arguments: [chronicle.id, bot])
            }
        }
    }

    public func botIDs(chronicleID: Int64) async throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(
                db, sql: "SELECT bot_id FROM chronicle_bots WHERE chronicle_id = ? ORDER BY bot_id", arguments: [chronicleID])
        }
    }

    static func member(_ row: Row) -> Member {
        Member(
            id: row[0], chronicleID: row[1], userID: row[2], admin: row[3], storyteller: row[4], nickname: row[5],
            avatarURL: row[6], defaultCharacterID: row[7], defaultAutoHunger: row[8], createdAt: row[9],
            lastUpdated: row[10])
    }

    public func member(chronicleID: Int64, userID: Int64) async throws -> Member? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Columns.member) FROM members WHERE chronicle_id = ? AND user_id = ?",
                arguments: [chronicleID, userID]
            ).map(Self.member)
        }
    }

    public func members(userID: Int64) async throws -> [Member] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Columns.member) FROM members WHERE user_id = ? ORDER BY id", arguments: [userID]
            )
            .map(Self.member)
        }
    }

    public func members(chronicleID: Int64) async throws -> [Member] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Columns.member) FROM members WHERE chronicle_id = ? ORDER BY id", arguments: [chronicleID]
            ).map(Self.member)
        }
    }

    public func ensureMember(chronicleID: Int64, userID: Int64, now: Double) async throws -> Member {
        if let member = try await member(chronicleID: chronicleID, userID: userID) { return member }
        do {
            return try await write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO members (chronicle_id, user_id, created_at, last_updated) VALUES (?, ?, ?, ?)",
                    arguments: [chronicleID, userID, now, now])
                let row = try Row.fetchOne(
                    db, sql: "SELECT \(Columns.member) FROM members WHERE chronicle_id = ? AND user_id = ?",
                    arguments: [chronicleID, userID])
                return Self.member(row!)
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func save(_ member: Member) async throws -> Member {
        do {
            return try await write { db in
                var member = member
                if member.id == 0 {
                    try db.execute(
                        sql: """
                            INSERT INTO members (chronicle_id, user_id, admin, storyteller, nickname, avatar_url,
                            default_character_id, default_auto_hunger, created_at, last_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            member.chronicleID, member.userID, member.admin, member.storyteller, member.nickname,
                            member.avatarURL, member.defaultCharacterID, member.defaultAutoHunger, member.createdAt,
                            member.lastUpdated,
                        ])
                    member.id = db.lastInsertedRowID
                } else {
                    try db.execute(
                        sql: """
                            UPDATE members SET admin = ?, storyteller = ?, nickname = ?, avatar_url = ?,
                            default_character_id = ?, default_auto_hunger = ?, last_updated = ? WHERE id = ?
                            """,
                        arguments: [
                            member.admin, member.storyteller, member.nickname, member.avatarURL, member.defaultCharacterID,
                            member.defaultAutoHunger, member.lastUpdated, member.id,
                        ])
                }
                return member
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Maps SQLite constraint failures to the store's errors.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.extendedResultCode {
            case .SQLITE_CONSTRAINT_UNIQUE: return .duplicateName
            case .SQLITE_CONSTRAINT_FOREIGNKEY: return .missingReference
            default: return .database(error.description)
            }
        }
        return .database(String(describing: error))
    }
}
