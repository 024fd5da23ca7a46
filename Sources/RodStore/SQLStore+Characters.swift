import RodCore

/// Characters: reads by query, and writes that check the revision they read and record a history row.
extension SQLStore {
    public func character(id: Int64) async throws -> Character? {
        try await record("SELECT * FROM characters WHERE id = \(id)", as: CharacterRow.self)?.character
    }

    /// The WHERE clause, order and limit of a query.
    static func filter(_ query: CharacterQuery) -> SQL {
        var clauses: [SQL] = []
        if let id = query.id { clauses.append("id = \(id)") }
        if let userID = query.userID { clauses.append("user_id = \(userID)") }
        switch query.chronicle {
        case .any: break
        case .none: clauses.append("chronicle_id IS NULL")
        case .id(let chronicleID): clauses.append("chronicle_id = \(chronicleID)")
        }
        if let name = query.name { clauses.append("name_key = \(Character.nameKey(name))") }
        if let splats = query.splats { clauses.append("splat IN (\(list: splats))") }
        if let isSheet = query.isSheet { clauses.append("is_sheet = \(isSheet)") }
        var sql: SQL = clauses.isEmpty ? "" : " WHERE " + SQL.joined(clauses, separator: " AND ")
        sql.text += " ORDER BY id"
        if let limit = query.limit { sql.text += " LIMIT \(limit)" }
        return sql
    }

    public func characters(_ query: CharacterQuery) async throws -> [Character] {
        if let splats = query.splats, splats.isEmpty { return [] }
        return try await records("SELECT * FROM characters\(Self.filter(query))", as: CharacterRow.self).map { try $0.character }
    }

    public func characterSummaries(_ query: CharacterQuery) async throws -> [CharacterSummary] {
        if let splats = query.splats, splats.isEmpty { return [] }
        return try await records("SELECT id, name, splat FROM characters\(Self.filter(query))")
    }

    public func characterCounts(userID: Int64, chronicleID: Int64?) async throws -> CharacterCounts {
        var statement: SQL = """
            SELECT COUNT(CASE WHEN is_sheet THEN 1 END) AS sheets, COUNT(CASE WHEN NOT is_sheet THEN 1 END) AS trackers,
            COUNT(CASE WHEN is_sheet AND status < 4 THEN 1 END) AS active FROM characters WHERE user_id = \(userID)
            """
        if let chronicleID { statement += " AND chronicle_id = \(chronicleID)" }
        let query = statement
        return try await database.read { db in
            guard let row = try await db.row(query) else { return CharacterCounts() }
            return CharacterCounts(sheets: try row["sheets"], trackers: try row["trackers"], activeSheets: try row["active"])
        }
    }

    /// The insert of a history row.
    static func history(_ row: HistoryRow) throws -> SQL {
        SQL.insert(into: "character_history", try SQLRecord(row))
    }

    /// The insert of a history row whose character id and revision come from a CTE (`WITH inserted AS (...)`), its other
    /// values typed: PostgreSQL cannot infer a bound value's type in a select list.
    static func historyFromCTE(_ change: CharacterChange, _ cte: String) -> SQL {
        """
        INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at)
        SELECT id, revision, CAST(\(change.operation.rawValue) AS TEXT), CAST(\(change.face.rawValue) AS TEXT),
        CAST(\(change.actorID) AS BIGINT), CAST(\(change.changes.serializedString()) AS TEXT),
        CAST(\(change.at) AS DOUBLE PRECISION) FROM \(raw: cte)
        """
    }

    public func insert(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character {
        var stored = character
        CharacterColumns(character.values).fill(&stored.values)
        stored.revision = 1
        stored.createdAt = change.at
        stored.lastUpdated = change.at
        let insert: SQL
        do {
            insert = SQL.insert(into: "characters", try SQLRecord(CharacterRow(stored)).without("id"))
        } catch {
            throw StoreError(error)
        }
        let dialect = dialect
        stored.id = try await Self.mapping {
            if dialect.writesInCTEs {
                return try await database.write(transaction: false) { db in
                    let statement: SQL = "WITH inserted AS (\(insert) RETURNING id, revision) "
                    let withHistory = statement + Self.historyFromCTE(change, "inserted") + " RETURNING character_id"
                    guard let id = try await db.scalar(withHistory, as: Int64.self) else {
                        throw StoreError.database("a new character has no id")
                    }
                    return id
                }
            }
            return try await database.write { db in
                guard let id = try await db.scalar(insert + " RETURNING id", as: Int64.self) else {
                    throw StoreError.database("a new character has no id")
                }
                try await db.execute(try Self.history(HistoryRow(change, characterID: id, revision: 1)))
                return id
            }
        }
        return stored
    }

    public func update(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character? {
        var stored = character
        CharacterColumns(character.values).fill(&stored.values)
        stored.revision = character.revision + 1
        stored.lastUpdated = change.at
        let record: SQLRecord
        do {
            record = try SQLRecord(CharacterRow(stored))
        } catch {
            throw StoreError(error)
        }
        let fixed: Set<String> = ["id", "user_id", "splat", "revision", "created_at"]
        var update: SQL = "UPDATE characters SET revision = revision + 1"
        for (column, value) in zip(record.columns, record.values) where !fixed.contains(column) {
            update += ", \(raw: column) = \(value)"
        }
        update += " WHERE id = \(character.id) AND revision = \(character.revision)"
        let statement = update
        let dialect = dialect
        let applied = try await Self.mapping {
            if dialect.writesInCTEs {
                // One statement: under READ COMMITTED a concurrent update of the row waits for the first to commit and
                // then sees the new revision, so exactly one of two writers that read the same revision applies.
                return try await database.write(transaction: false) { db in
                    let cte: SQL = "WITH updated AS (\(statement) RETURNING id, revision) "
                    return try await db.row(cte + Self.historyFromCTE(change, "updated") + " RETURNING revision") != nil
                }
            }
            return try await database.write { db in
                guard try await db.execute(statement) == 1 else { return false }
                try await db.execute(try Self.history(HistoryRow(change, characterID: stored.id, revision: stored.revision)))
                return true
            }
        }
        return applied ? stored : nil
    }

    public func deleteCharacters(ids: [Int64], change: CharacterChange) async throws -> [Character] {
        let forUpdate = dialect.forUpdate
        return try await database.write { db in
            var deleted: [Character] = []
            for id in ids {
                let select: SQL = "SELECT * FROM characters WHERE id = \(id)\(raw: forUpdate)"
                guard let character = try await db.record(select, as: CharacterRow.self)?.character else { continue }
                var snapshot = change
                snapshot.changes = .object(JSONObject(character.values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
                try await db.execute(try Self.history(HistoryRow(snapshot, characterID: id, revision: character.revision + 1)))
                try await db.execute("DELETE FROM characters WHERE id = \(id)")
                deleted.append(character)
            }
            return deleted
        }
    }

    public func history(characterID: Int64) async throws -> [HistoryEntry] {
        try await records("SELECT * FROM character_history WHERE character_id = \(characterID) ORDER BY id", as: HistoryRow.self)
            .map(\.entry)
    }
}
