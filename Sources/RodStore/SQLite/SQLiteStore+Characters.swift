import GRDB
import RodCore

extension SQLiteStore {
    static func character(_ row: Row) throws -> Character {
        let columns = CharacterColumns(
            name: row[9], isSheet: row[10], status: row[11], storytellerLock: row[12], theme: row[13],
            expCurrent: row[14], expTotal: row[15], document: row[16])
        return Character(
            id: row[0], splat: row[4], userID: row[1], chronicleID: row[2], memberID: row[3], avatar: row[5],
            values: try columns.values(), revision: row[6], createdAt: row[7], lastUpdated: row[8])
    }

    public func character(id: Int64) async throws -> Character? {
        try read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(Columns.character) FROM characters WHERE id = ?"), arguments: [id]
            )
            .map(Self.character)
        }
    }

    /// The WHERE clause and its arguments for a query.
    static func filter(_ query: CharacterQuery) -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let id = query.id {
            clauses.append("id = ?")
            arguments += [id]
        }
        if let userID = query.userID {
            clauses.append("user_id = ?")
            arguments += [userID]
        }
        switch query.chronicle {
        case .any: break
        case .none: clauses.append("chronicle_id IS NULL")
        case .id(let chronicleID):
            clauses.append("chronicle_id = ?")
            arguments += [chronicleID]
        }
        if let name = query.name {
            clauses.append("name_key = ?")
            arguments += [Character.nameKey(name)]
        }
        if let splats = query.splats {
            clauses.append("splat IN (\(splats.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(splats)
        }
        if let isSheet = query.isSheet {
            clauses.append("is_sheet = ?")
            arguments += [isSheet]
        }
        var sql = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        sql += " ORDER BY id"
        if let limit = query.limit { sql += " LIMIT \(limit)" }
        return (sql, arguments)
    }

    public func characters(_ query: CharacterQuery) async throws -> [Character] {
        if let splats = query.splats, splats.isEmpty { return [] }
        let (filter, arguments) = Self.filter(query)
        return try read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT \(Columns.character) FROM characters" + filter), arguments: arguments
            )
            .map(Self.character)
        }
    }

    public func characterSummaries(_ query: CharacterQuery) async throws -> [CharacterSummary] {
        if let splats = query.splats, splats.isEmpty { return [] }
        let (filter, arguments) = Self.filter(query)
        return try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name, splat FROM characters" + filter), arguments: arguments)
                .map { CharacterSummary(id: $0[0], name: $0[1], splat: $0[2]) }
        }
    }

    public func characterCounts(userID: Int64, chronicleID: Int64?) async throws -> CharacterCounts {
        var sql = """
            SELECT COALESCE(SUM(is_sheet), 0), COALESCE(SUM(1 - is_sheet), 0),
            COALESCE(SUM(CASE WHEN is_sheet = 1 AND status < 4 THEN 1 ELSE 0 END), 0)
            FROM characters WHERE user_id = ?
            """
        var arguments: StatementArguments = [userID]
        if let chronicleID {
            sql += " AND chronicle_id = ?"
            arguments += [chronicleID]
        }
        let (statement, values) = (sql, arguments)
        return try read { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: statement), arguments: values)!
            return CharacterCounts(sheets: row[0], trackers: row[1], activeSheets: row[2])
        }
    }

    public func insert(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character {
        let columns = CharacterColumns(character.values)
        do {
            return try await write { db in
                try db.execute(
                    sql: """
                        INSERT INTO characters (user_id, chronicle_id, member_id, splat, avatar, revision, created_at,
                        last_updated, name, name_key, is_sheet, status, st_lock, theme, exp_current, exp_total, traits)
                        VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        character.userID, character.chronicleID, character.memberID, character.splat, character.avatar,
                        change.at, change.at, columns.name, columns.nameKey, columns.isSheet, columns.status,
                        columns.storytellerLock, columns.theme, columns.expCurrent, columns.expTotal, columns.document,
                    ])
                var stored = character
                columns.fill(&stored.values)
                stored.id = db.lastInsertedRowID
                stored.revision = 1
                stored.createdAt = change.at
                stored.lastUpdated = change.at
                try Self.record(change, of: stored.id, revision: 1, in: db)
                return stored
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func update(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character? {
        let columns = CharacterColumns(character.values)
        do {
            return try await write { db in
                try db.execute(
                    sql: """
                        UPDATE characters SET chronicle_id = ?, member_id = ?, avatar = ?, revision = revision + 1,
                        last_updated = ?, name = ?, name_key = ?, is_sheet = ?, status = ?, st_lock = ?, theme = ?,
                        exp_current = ?, exp_total = ?, traits = ? WHERE id = ? AND revision = ?
                        """,
                    arguments: [
                        character.chronicleID, character.memberID, character.avatar, change.at, columns.name,
                        columns.nameKey, columns.isSheet, columns.status, columns.storytellerLock, columns.theme,
                        columns.expCurrent, columns.expTotal, columns.document, character.id, character.revision,
                    ])
                guard db.changesCount == 1 else { return nil }
                var stored = character
                columns.fill(&stored.values)
                stored.revision = character.revision + 1
                stored.lastUpdated = change.at
                try Self.record(change, of: stored.id, revision: stored.revision, in: db)
                return stored
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func deleteCharacters(ids: [Int64], change: CharacterChange) async throws -> [Character] {
        try await write { db in
            var deleted: [Character] = []
            for id in ids {
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT \(Columns.character) FROM characters WHERE id = ?", arguments: [id])
                else { continue }
                let character = try Self.character(row)
                var snapshot = change
                snapshot.changes = .object(JSONObject(character.values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
                try Self.record(snapshot, of: id, revision: character.revision + 1, in: db)
                try db.execute(sql: "DELETE FROM characters WHERE id = ?", arguments: [id])
                deleted.append(character)
            }
            return deleted
        }
    }

    public func history(characterID: Int64) async throws -> [HistoryEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT revision, operation, face, actor_id, changes, at FROM character_history WHERE character_id = ? ORDER BY id",
                arguments: [characterID]
            ).map { row in
                let operation = CharacterChange.Operation(rawValue: row[1]) ?? .update
                let face = WriteContext.Face(rawValue: row[2]) ?? .system
                let changes = (try? JSON.parse(row[4] as String)) ?? .null
                return HistoryEntry(
                    characterID: characterID, revision: row[0],
                    change: CharacterChange(operation: operation, face: face, actorID: row[3], changes: changes, at: row[5]))
            }
        }
    }

    static func record(_ change: CharacterChange, of characterID: Int64, revision: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                characterID, revision, change.operation.rawValue, change.face.rawValue, change.actorID,
                change.changes.serializedString(), change.at,
            ])
    }
}
