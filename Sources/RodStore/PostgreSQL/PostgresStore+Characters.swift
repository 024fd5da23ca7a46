import PostgresNIO
import RodCore

extension PostgresStore {
    static func character(_ row: PostgresRow) throws -> Character {
        var cell = Cells(row)
        let id: Int64 = try cell()
        let userID: Int64 = try cell()
        let chronicleID: Int64? = try cell()
        let memberID: Int64? = try cell()
        let splat: String = try cell()
        let avatar: String = try cell()
        let revision: Int64 = try cell()
        let createdAt: Double = try cell()
        let lastUpdated: Double = try cell()
        let columns = CharacterColumns(
            name: try cell(), isSheet: try cell(), status: try cell(), storytellerLock: try cell(), theme: try cell(),
            expCurrent: try cell(), expTotal: try cell(), document: try cell())
        return Character(
            id: id, splat: splat, userID: userID, chronicleID: chronicleID, memberID: memberID, avatar: avatar,
            values: try columns.values(), revision: revision, createdAt: createdAt, lastUpdated: lastUpdated)
    }

    public func character(id: Int64) async throws -> Character? {
        try await read { db in
            try await db.row("SELECT \(unescaped: Columns.character) FROM characters WHERE id = \(id)").map(Self.character)
        }
    }

    /// `SELECT <columns> FROM characters` with the query's filter, order and limit.
    static func select(_ columns: String, _ query: CharacterQuery) throws -> PostgresQuery {
        var clauses: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws -> String {
            try binds.append(value)
            return "$\(binds.count)"
        }
        if let id = query.id { clauses.append("id = \(try bind(id))") }
        if let userID = query.userID { clauses.append("user_id = \(try bind(userID))") }
        switch query.chronicle {
        case .any: break
        case .none: clauses.append("chronicle_id IS NULL")
        case .id(let chronicleID): clauses.append("chronicle_id = \(try bind(chronicleID))")
        }
        if let name = query.name { clauses.append("name_key = \(try bind(Character.nameKey(name)))") }
        if let splats = query.splats { clauses.append("splat = ANY(\(try bind(splats)))") }
        if let isSheet = query.isSheet { clauses.append("is_sheet = \(try bind(isSheet))") }
        var sql = "SELECT \(columns) FROM characters"
        if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
        sql += " ORDER BY id"
        if let limit = query.limit { sql += " LIMIT \(limit)" }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    public func characters(_ query: CharacterQuery) async throws -> [Character] {
        if let splats = query.splats, splats.isEmpty { return [] }
        let statement = try Self.select(Columns.character, query)
        return try await read { db in try await db.rows(statement).map(Self.character) }
    }

    public func characterSummaries(_ query: CharacterQuery) async throws -> [CharacterSummary] {
        if let splats = query.splats, splats.isEmpty { return [] }
        let statement = try Self.select("id, name, splat", query)
        return try await read { db in
            try await db.rows(statement).map {
                let (id, name, splat) = try $0.decode((Int64, String, String).self)
                return CharacterSummary(id: id, name: name, splat: splat)
            }
        }
    }

    public func characterCounts(userID: Int64, chronicleID: Int64?) async throws -> CharacterCounts {
        try await read { db in
            let counts = """
                SELECT COUNT(*) FILTER (WHERE is_sheet), COUNT(*) FILTER (WHERE NOT is_sheet),
                COUNT(*) FILTER (WHERE is_sheet AND status < 4) FROM characters WHERE user_id =
                """
            let row =
                if let chronicleID {
                    try await db.row("\(unescaped: counts) \(userID) AND chronicle_id = \(chronicleID)")
                } else {
                    try await db.row("\(unescaped: counts) \(userID)")
                }
            let (sheets, trackers, active) = try row!.decode((Int, Int, Int).self)
            return CharacterCounts(sheets: sheets, trackers: trackers, activeSheets: active)
        }
    }

    /// One statement: the character and its history row, inserted together.
    public func insert(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character {
        let columns = CharacterColumns(character.values)
        return try await write(transaction: false) { db in
            let row = try await db.row(
                """
                WITH inserted AS (
                    INSERT INTO characters (user_id, chronicle_id, member_id, splat, avatar, revision, created_at,
                    last_updated, name, name_key, is_sheet, status, st_lock, theme, exp_current, exp_total, traits)
                    VALUES (\(character.userID), \(character.chronicleID), \(character.memberID), \(character.splat),
                    \(character.avatar), 1, \(change.at), \(change.at), \(columns.name), \(columns.nameKey),
                    \(columns.isSheet), \(columns.status), \(columns.storytellerLock), \(columns.theme),
                    \(columns.expCurrent), \(columns.expTotal), \(columns.document))
                    RETURNING id
                )
                INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at)
                SELECT id, 1, \(change.operation.rawValue)::TEXT, \(change.face.rawValue)::TEXT, \(change.actorID)::BIGINT,
                \(change.changes.serializedString())::TEXT, \(change.at)::DOUBLE PRECISION FROM inserted
                RETURNING character_id
                """)
            var stored = character
            columns.fill(&stored.values)
            stored.id = try row!.decode(Int64.self)
            stored.revision = 1
            stored.createdAt = change.at
            stored.lastUpdated = change.at
            return stored
        }
    }

    /// One statement: the update, only on the revision read, and its history row. Under READ COMMITTED a
    /// concurrent update of the same row waits for the first to commit and then sees the new revision, so exactly
    /// one of two writers that read the same revision applies.
    public func update(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character? {
        let columns = CharacterColumns(character.values)
        return try await write(transaction: false) { db in
            let row = try await db.row(
                """
                WITH updated AS (
                    UPDATE characters SET chronicle_id = \(character.chronicleID), member_id = \(character.memberID),
                    avatar = \(character.avatar), revision = revision + 1, last_updated = \(change.at),
                    name = \(columns.name), name_key = \(columns.nameKey), is_sheet = \(columns.isSheet),
                    status = \(columns.status), st_lock = \(columns.storytellerLock), theme = \(columns.theme),
                    exp_current = \(columns.expCurrent), exp_total = \(columns.expTotal), traits = \(columns.document)
                    WHERE id = \(character.id) AND revision = \(character.revision)
                    RETURNING id, revision
                )
                INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at)
                SELECT id, revision, \(change.operation.rawValue)::TEXT, \(change.face.rawValue)::TEXT,
                \(change.actorID)::BIGINT, \(change.changes.serializedString())::TEXT, \(change.at)::DOUBLE PRECISION
                FROM updated
                RETURNING revision
                """)
            guard let row else { return nil }
            var stored = character
            columns.fill(&stored.values)
            stored.revision = try row.decode(Int64.self)
            stored.lastUpdated = change.at
            return stored
        }
    }

    public func deleteCharacters(ids: [Int64], change: CharacterChange) async throws -> [Character] {
        try await write { db in
            var deleted: [Character] = []
            for id in ids {
                guard
                    let row = try await db.row(
                        "SELECT \(unescaped: Columns.character) FROM characters WHERE id = \(id) FOR UPDATE")
                else { continue }
                let character = try Self.character(row)
                var snapshot = change
                snapshot.changes = .object(JSONObject(character.values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
                try await Self.record(snapshot, of: id, revision: character.revision + 1, in: db)
                try await db.run("DELETE FROM characters WHERE id = \(id)")
                deleted.append(character)
            }
            return deleted
        }
    }

    public func history(characterID: Int64) async throws -> [HistoryEntry] {
        try await read { db in
            try await db.rows(
                """
                SELECT revision, operation, face, actor_id, changes, at FROM character_history
                WHERE character_id = \(characterID) ORDER BY id
                """
            ).map { row in
                let (revision, operation, face, actorID, changes, at) = try row.decode(
                    (Int64, String, String, Int64?, String, Double).self)
                return HistoryEntry(
                    characterID: characterID, revision: revision,
                    change: CharacterChange(
                        operation: CharacterChange.Operation(rawValue: operation) ?? .update,
                        face: WriteContext.Face(rawValue: face) ?? .system, actorID: actorID,
                        changes: (try? JSON.parse(changes)) ?? .null, at: at))
            }
        }
    }

    static func record(_ change: CharacterChange, of characterID: Int64, revision: Int64, in db: Connection) async throws {
        try await db.run(
            """
            INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at)
            VALUES (\(characterID), \(revision), \(change.operation.rawValue), \(change.face.rawValue), \(change.actorID),
            \(change.changes.serializedString()), \(change.at))
            """)
    }
}
