import RodCore

/// Web sessions, login states and the web API's daily quotas.
extension SQLStore {
    public func save(_ session: Session) async throws(StoreError) {
        try await Self.mapping { try await execute(.insert(into: "sessions", try SQLRecord(session))) }
    }

    public func session(tokenHash: String, now: Double) async throws -> Session? {
        try await record("SELECT * FROM sessions WHERE token_hash = \(tokenHash) AND expires_at > \(now)")
    }

    public func deleteSession(tokenHash: String) async throws {
        try await execute("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
    }

    public func deleteSessions(userID: Int64) async throws {
        try await execute("DELETE FROM sessions WHERE user_id = \(userID)")
    }

    public func deleteExpired(now: Double) async throws {
        // Login states live ten minutes.
        _ = try await database.writeBatch([
            "DELETE FROM sessions WHERE expires_at <= \(now)", "DELETE FROM oauth_states WHERE created_at < \(now - 600)",
        ])
    }

    public func saveOAuthState(hash: String, at: Double) async throws {
        try await execute(
            """
            INSERT INTO oauth_states (state_hash, created_at) VALUES (\(hash), \(at))
            ON CONFLICT (state_hash) DO UPDATE SET created_at = excluded.created_at
            """)
    }

    public func takeOAuthState(hash: String, notBefore: Double) async throws -> Bool {
        let created = try await database.write(transaction: false) { db in
            try await db.scalar("DELETE FROM oauth_states WHERE state_hash = \(hash) RETURNING created_at", as: Double.self)
        }
        return created.map { $0 >= notBefore } ?? false
    }

    public func countAPIRequest(userID: Int64, day: Int64) async throws -> Int {
        let results = try await database.writeBatch([
            """
            INSERT INTO api_usage (user_id, day, requests) VALUES (\(userID), \(day), 1)
            ON CONFLICT (user_id, day) DO UPDATE SET requests = api_usage.requests + 1
            RETURNING requests
            """,
            "DELETE FROM api_usage WHERE user_id = \(userID) AND day < \(day - 1)",
        ])
        return try results.first?.first?["requests"] ?? 1
    }

    public func addAPIRequests(_ counts: [(userID: Int64, day: Int64, requests: Int)]) async throws {
        guard let latest = counts.map(\.day).max() else { return }
        // A user erased meanwhile is not counted again (nor refused by the reference, which would fail the batch).
        var statements: [SQL] = counts.map { count in
            """
            INSERT INTO api_usage (user_id, day, requests) SELECT id, \(count.day), \(Int64(count.requests)) FROM users
            WHERE id = \(count.userID)
            ON CONFLICT (user_id, day) DO UPDATE SET requests = api_usage.requests + excluded.requests
            """
        }
        statements.append("DELETE FROM api_usage WHERE day < \(latest - 1)")
        _ = try await database.writeBatch(statements)
    }

    public func apiRequests(userID: Int64, day: Int64) async throws -> Int {
        try await database.rows("SELECT requests FROM api_usage WHERE user_id = \(userID) AND day = \(day)").first?["requests"]
            ?? 0
    }
}
