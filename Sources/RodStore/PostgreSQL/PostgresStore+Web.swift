import PostgresNIO
import RodCore

/// Sessions, login states, API quotas, Patreon events and the login's membership sync.
extension PostgresStore {
    public func save(_ session: Session) async throws(StoreError) {
        try await write { db in
            try await db.run(
                """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (\(session.tokenHash),
                \(session.userID), \(session.csrfToken), \(session.createdAt), \(session.expiresAt))
                """)
        }
    }

    public func session(tokenHash: String, now: Double) async throws -> Session? {
        try await read { db in
            try await db.row(
                """
                SELECT user_id, csrf_token, created_at, expires_at FROM sessions
                WHERE token_hash = \(tokenHash) AND expires_at > \(now)
                """
            ).map {
                let (userID, csrfToken, createdAt, expiresAt) = try $0.decode((Int64, String, Double, Double).self)
                return Session(
                    tokenHash: tokenHash, userID: userID, csrfToken: csrfToken, createdAt: createdAt, expiresAt: expiresAt)
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in try await db.run("DELETE FROM sessions WHERE token_hash = \(tokenHash)") }
    }

    public func deleteSessions(userID: Int64) async throws {
        try await write { db in try await db.run("DELETE FROM sessions WHERE user_id = \(userID)") }
    }

    public func deleteExpired(now: Double) async throws {
        try await write { db in
            try await db.run("DELETE FROM sessions WHERE expires_at <= \(now)")
            // Login states live ten minutes.
            try await db.run("DELETE FROM oauth_states WHERE created_at < \(now - 600)")
        }
    }

    public func saveOAuthState(hash: String, at: Double) async throws {
        try await write { db in
            try await db.run(
                """
                INSERT INTO oauth_states (state_hash, created_at) VALUES (\(hash), \(at))
                ON CONFLICT (state_hash) DO UPDATE SET created_at = excluded.created_at
                """)
        }
    }

    public func takeOAuthState(hash: String, notBefore: Double) async throws -> Bool {
        try await write { db in
            let created = try await db.row("DELETE FROM oauth_states WHERE state_hash = \(hash) RETURNING created_at")
                .map { try $0.decode(Double.self) }
            return created.map { $0 >= notBefore } ?? false
        }
    }

    public func countAPIRequest(userID: Int64, day: Int64) async throws -> Int {
        try await write { db in
            let row = try await db.row(
                """
                INSERT INTO api_usage (user_id, day, requests) VALUES (\(userID), \(day), 1)
                ON CONFLICT (user_id, day) DO UPDATE SET requests = api_usage.requests + 1
                RETURNING requests
                """)
            try await db.run("DELETE FROM api_usage WHERE user_id = \(userID) AND day < \(day - 1)")
            return try row?.decode(Int.self) ?? 1
        }
    }

    public func record(_ event: PatreonEvent) async throws {
        try await write { db in
            try await db.run(
                """
                INSERT INTO patreon_events (event, discord_id, tier, level, outcome, payload, received_at, delivery_hash, patron,
                event_time) VALUES (\(event.event), \(event.discordID), \(event.tier), \(event.level), \(event.outcome),
                \(event.payload), \(event.receivedAt), \(event.deliveryHash), \(event.patron), \(event.eventTime))
                """)
        }
    }

    static func patreonEvent(_ row: PostgresRow) throws -> PatreonEvent {
        let (event, discordID, tier, level, outcome, payload, receivedAt, deliveryHash, patron, eventTime) = try row.decode(
            (String, Int64?, String?, Int64?, String, String, Double, String?, String?, Double?).self)
        return PatreonEvent(
            event: event, discordID: discordID, tier: tier, level: level, outcome: outcome, payload: payload,
            receivedAt: receivedAt, deliveryHash: deliveryHash, patron: patron, eventTime: eventTime)
    }

    public func patreonEvents() async throws -> [PatreonEvent] {
        try await read { db in
            try await db.rows("SELECT \(unescaped: Columns.patreonEvent) FROM patreon_events ORDER BY id")
                .map(Self.patreonEvent)
        }
    }

    public func patreonDeliveryExists(hash: String) async throws -> Bool {
        try await read { db in
            try await db.row("SELECT 1 FROM patreon_events WHERE delivery_hash = \(hash) LIMIT 1") != nil
        }
    }

    public func lastAppliedPatreonEvent(patron: String) async throws -> PatreonEvent? {
        try await read { db in
            try await db.row(
                """
                SELECT \(unescaped: Columns.patreonEvent) FROM patreon_events WHERE patron = \(patron) AND outcome = 'applied'
                ORDER BY event_time DESC NULLS LAST, id DESC LIMIT 1
                """
            ).map(Self.patreonEvent)
        }
    }

    public func syncMemberships(
        userID: Int64, guilds: [Int64: Bool], change: CharacterChange
    ) async throws -> MembershipSync {
        let now = change.at
        return try await write { db in
            var sync = MembershipSync()
            let existing = try await db.rows(
                "SELECT \(unescaped: Columns.member) FROM members WHERE user_id = \(userID) ORDER BY id FOR UPDATE"
            ).map(Self.member)
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
                    try await db.run("UPDATE members SET admin = \(admin), last_updated = \(now) WHERE id = \(member.id)")
                    sync.updated.append(member)
                } else {
                    let row = try await db.row(
                        """
                        INSERT INTO members (chronicle_id, user_id, admin, created_at, last_updated)
                        VALUES (\(chronicleID), \(userID), \(admin), \(now), \(now)) RETURNING id
                        """)
                    sync.created.append(
                        Member(
                            id: try row!.decode(Int64.self), chronicleID: chronicleID, userID: userID, admin: admin,
                            createdAt: now))
                }
            }
            return sync
        }
    }
}
