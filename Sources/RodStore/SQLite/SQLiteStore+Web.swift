import GRDB
import RodCore

/// Sessions, login states, API quotas, Patreon events and the login's membership sync.
extension SQLiteStore {
    public func save(_ session: Session) async throws(StoreError) {
        do {
            try await write { db in
                try db.execute(
                    sql: "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [session.tokenHash, session.userID, session.csrfToken, session.createdAt, session.expiresAt])
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func session(tokenHash: String, now: Double) async throws -> Session? {
        try read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql:
                        "SELECT user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?"
                ),
                arguments: [tokenHash, now]
            ).map { Session(tokenHash: tokenHash, userID: $0[0], csrfToken: $0[1], createdAt: $0[2], expiresAt: $0[3]) }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash]) }
    }

    public func deleteSessions(userID: Int64) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userID]) }
    }

    public func deleteExpired(now: Double) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [now])
            // Login states live ten minutes.
            try db.execute(sql: "DELETE FROM oauth_states WHERE created_at < ?", arguments: [now - 600])
        }
    }

    public func saveOAuthState(hash: String, at: Double) async throws {
        try await write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO oauth_states (state_hash, created_at) VALUES (?, ?)", arguments: [hash, at])
        }
    }

    public func takeOAuthState(hash: String, notBefore: Double) async throws -> Bool {
        try await write { db in
            let created = try Double.fetchOne(
                db, sql: "SELECT created_at FROM oauth_states WHERE state_hash = ?", arguments: [hash])
            try db.execute(sql: "DELETE FROM oauth_states WHERE state_hash = ?", arguments: [hash])
            return created.map { $0 >= notBefore } ?? false
        }
    }

    public func countAPIRequest(userID: Int64, day: Int64) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_usage (user_id, day, requests) VALUES (?, ?, 1)
                    ON CONFLICT(user_id, day) DO UPDATE SET requests = requests + 1
                    """,
                arguments: [userID, day])
            try db.execute(sql: "DELETE FROM api_usage WHERE user_id = ? AND day < ?", arguments: [userID, day - 1])
            return try Int.fetchOne(
                db, sql: "SELECT requests FROM api_usage WHERE user_id = ? AND day = ?", arguments: [userID, day]) ?? 1
        }
    }

    public func record(_ event: PatreonEvent) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO patreon_events (event, discord_id, tier, level, outcome, payload, received_at, delivery_hash,
                    patron, event_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    event.event, event.discordID, event.tier, event.level, event.outcome, event.payload, event.receivedAt,
                    event.deliveryHash, event.patron, event.eventTime,
                ])
        }
    }

    static func patreonEvent(_ row: Row) -> PatreonEvent {
        PatreonEvent(
            event: row[0], discordID: row[1], tier: row[2], level: row[3], outcome: row[4], payload: row[5], receivedAt: row[6],
            deliveryHash: row[7], patron: row[8], eventTime: row[9])
    }

    public func patreonEvents() async throws -> [PatreonEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Columns.patreonEvent) FROM patreon_events ORDER BY id").map(Self.patreonEvent)
        }
    }

    public func patreonDeliveryExists(hash: String) async throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM patreon_events WHERE delivery_hash = ? LIMIT 1", arguments: [hash]) ?? false
        }
    }

    public func lastAppliedPatreonEvent(patron: String) async throws -> PatreonEvent? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(Columns.patreonEvent) FROM patreon_events WHERE patron = ? AND outcome = 'applied'
                    ORDER BY event_time DESC, id DESC LIMIT 1
                    """, arguments: [patron]
            ).map(Self.patreonEvent)
        }
    }

    public func syncMemberships(
        userID: Int64, guilds: [Int64: Bool], change: CharacterChange
    ) async throws -> MembershipSync {
        let now = change.at
        return try await write { db in
            var sync = MembershipSync()
            let existing = try Row.fetchAll(
                db, sql: "SELECT \(Columns.member) FROM members WHERE user_id = ?", arguments: [userID]
            )
            .map(Self.member)
            for member in existing where guilds[member.chronicleID] == nil {
                sync.characters += try Self.remove(member, change: change, in: db)
                sync.removed.append(member)
            }
            for (chronicleID, admin) in guilds.sorted(by: { $0.key < $1.key }) {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM chronicles WHERE id = ?", arguments: [chronicleID]) == true else {
                    continue
                }
                if var member = existing.first(where: { $0.chronicleID == chronicleID }) {
                    guard member.admin != admin else { continue }
                    member.admin = admin
                    member.lastUpdated = now
                    try db.execute(
                        sql: "UPDATE members SET admin = ?, last_updated = ? WHERE id = ?", arguments: [admin, now, member.id])
                    sync.updated.append(member)
                } else {
                    try db.execute(
                        sql:
                            "INSERT INTO members (chronicle_id, user_id, admin, created_at, last_updated) VALUES (?, ?, ?, ?, ?)",
                        arguments: [chronicleID, userID, admin, now, now])
                    sync.created.append(
                        Member(id: db.lastInsertedRowID, chronicleID: chronicleID, userID: userID, admin: admin, createdAt: now))
                }
            }
            return sync
        }
    }
}
