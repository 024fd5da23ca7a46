import RodCore

/// Characters: reads by query, and writes that check the revision they read and record a history row.
extension SQLStore {
    public func character(id: Int64) async throws -> CharacterRecord? {
        try await database.rows("SELECT * FROM characters WHERE id = \(id)").first.map { try CharacterRow(row: $0).character }
    }

    public func character(id: Int64, viewer: Int64) async throws -> (character: CharacterRecord, viewerIsStaff: Bool)? {
        let statement: SQL = """
            SELECT characters.*, CASE WHEN members.admin OR members.storyteller THEN 1 ELSE 0 END AS viewer_is_staff
            FROM characters LEFT JOIN members ON members.chronicle_id = characters.chronicle_id AND members.user_id = \(viewer)
            WHERE characters.id = \(id)
            """
        guard let row = try await database.rows(statement).first else { return nil }
        let staff: Int64 = try row["viewer_is_staff"]
        return (try CharacterRow(row: row).character, staff != 0)
    }

    /// The characters a statement selects (`SELECT *`).
    static func characters(_ statement: SQL, in db: any SQLExecutor) async throws -> [CharacterRecord] {
        try await db.rows(statement).map { try CharacterRow(row: $0).character }
    }

    /// The WHERE clause, order and limit of a query (an empty `IN` list is not SQL: see `selectsNothing`).
    static func filter(_ query: CharacterQuery) -> SQL {
        var clauses: [SQL] = []
        if let id = query.id { clauses.append("id = \(id)") }
        if let ids = query.ids { clauses.append("id IN (\(list: ids))") }
        if let userID = query.userID { clauses.append("user_id = \(userID)") }
        switch query.chronicle {
        case .any: break
        case .none: clauses.append("chronicle_id IS NULL")
        case .id(let chronicleID): clauses.append("chronicle_id = \(chronicleID)")
        }
        if let name = query.name { clauses.append("name_key = \(CharacterRecord.nameKey(name))") }
        if let splats = query.splats { clauses.append("splat IN (\(list: splats))") }
        if let isSheet = query.isSheet { clauses.append("is_sheet = \(isSheet)") }
        if let status = query.status { clauses.append("status = \(status)") }
        if let afterID = query.afterID { clauses.append("id > \(afterID)") }
        var sql: SQL = clauses.isEmpty ? "" : " WHERE " + SQL.joined(clauses, separator: " AND ")
        sql.text += " ORDER BY id"
        if let limit = query.limit { sql.text += " LIMIT \(limit)" }
        return sql
    }

    public func characters(_ query: CharacterQuery) async throws -> [CharacterRecord] {
        if query.selectsNothing { return [] }
        var characters: [CharacterRecord] = []
        for part in query.splitByIDs(size: SQL.listBatch) {
            characters += try await database.rows("SELECT * FROM characters\(Self.filter(part))").map {
                try CharacterRow(row: $0).character
            }
        }
        return query.limit.map { Array(characters.prefix($0)) } ?? characters
    }

    public func characterSummaries(_ query: CharacterQuery) async throws -> [CharacterSummary] {
        if query.selectsNothing { return [] }
        return try await records("SELECT id, name, splat FROM characters\(Self.filter(query))")
    }

    public func characterStamps(_ query: CharacterQuery) async throws -> [CharacterStamp] {
        if query.selectsNothing { return [] }
        return try await records(
            "SELECT id, user_id, chronicle_id, splat, revision, last_updated, is_sheet FROM characters\(Self.filter(query))")
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

    /// The insert of a history row whose character id and revision are SQL expressions (a CTE's columns, SQLite's
    /// `last_insert_rowid()`), after `FROM`/`WHERE` when given; its other values typed, since PostgreSQL cannot infer a
    /// bound value's type in a select list.
    static func history(_ change: CharacterChange, id: String, revision: SQL, tail: String = "") -> SQL {
        """
        INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at, restored_from)
        SELECT \(raw: id), \(revision), CAST(\(change.operation.rawValue) AS TEXT), CAST(\(change.face.rawValue) AS TEXT),
        CAST(\(change.actorID) AS BIGINT), CAST(\(change.changes.serializedString()) AS TEXT),
        CAST(\(change.at) AS DOUBLE PRECISION), CAST(\(change.restoredFrom) AS BIGINT)\(raw: tail)
        """
    }

    /// One round trip, and on SQLite one pass on the writer: PostgreSQL inserts the character and its history row in one
    /// statement (`WITH inserted AS (...)`); SQLite runs the two statements as one batch, the history row taking the id
    /// from `last_insert_rowid()`. With `room`, SQLite's insert carries the count in its own `WHERE` (its one writer
    /// makes that atomic); PostgreSQL first locks the owner's row, so that creations for one user take turns in every
    /// process, counts, then inserts, in one transaction.
    public func insert(_ character: CharacterRecord, change: CharacterChange, room: CharacterRoom?) async throws(StoreError)
        -> CharacterRecord
    {
        var stored = character
        let columns = CharacterColumns(character.values)
        columns.fill(&stored.values)
        stored.revision = 1
        stored.createdAt = change.at
        stored.lastUpdated = change.at
        let record: SQLRecord
        do {
            record = try SQLRecord(CharacterRow(stored, columns: columns)).without("id")
        } catch {
            throw StoreError(error)
        }
        let insert = SQL.insert(into: "characters", record)
        let (dialect, userID) = (dialect, character.userID)
        let activeSheet = stored.isSheet && stored.isActive
        stored.id = try await Self.mapping {
            let rows: [SQLRow]
            if dialect.writesInCTEs {
                let statement: SQL = "WITH inserted AS (\(insert) RETURNING id, revision) "
                let withHistory = statement + Self.history(change, id: "id", revision: "revision", tail: " FROM inserted")
                rows = try await database.write(transaction: room != nil) { db in
                    if let room {
                        _ = try await db.rows("SELECT id FROM users WHERE id = \(userID) FOR UPDATE")
                        guard try await Self.hasRoom(room, userID: userID, activeSheet: activeSheet, in: db) else {
                            throw StoreError.noRoom
                        }
                    }
                    return try await db.rows(withHistory + " RETURNING character_id")
                }
            } else {
                var guarded = insert
                if let room {
                    // The same insert, of one row only while the owner has room: `INSERT ... SELECT ... WHERE`.
                    let placeholders = Array(repeating: "?", count: record.columns.count).joined(separator: ", ")
                    guarded =
                        SQL(
                            "INSERT INTO characters (\(record.columns.joined(separator: ", "))) SELECT \(placeholders) WHERE ",
                            record.values) + Self.roomCondition(room, userID: userID, activeSheet: activeSheet)
                }
                rows =
                    try await database.writeBatch([
                        guarded + " RETURNING id",
                        Self.history(
                            change, id: "last_insert_rowid()", revision: "\(Int64(1))", tail: " WHERE changes() = 1"),
                    ]).first ?? []
            }
            guard let row = rows.first, let column = row.columns.names.first else {
                throw room == nil ? StoreError.database("a new character has no id") : StoreError.noRoom
            }
            return try row[column, as: Int64.self]
        }
        return stored
    }

    /// True while the user has fewer characters than `room` allows (and, for an active sheet, fewer active sheets).
    static func roomCondition(_ room: CharacterRoom, userID: Int64, activeSheet: Bool) -> SQL {
        var condition: SQL = "(SELECT COUNT(*) FROM characters WHERE user_id = \(userID)) < \(room.characters)"
        if activeSheet, let sheets = room.activeSheets {
            condition +=
                " AND (SELECT COUNT(*) FROM characters WHERE user_id = \(userID) AND is_sheet AND status < \(CharacterStatus.dead)) < \(sheets)"
        }
        return condition
    }

    static func hasRoom(_ room: CharacterRoom, userID: Int64, activeSheet: Bool, in db: any SQLExecutor) async throws
        -> Bool
    {
        let ok: Bool? = try await db.scalar("SELECT " + roomCondition(room, userID: userID, activeSheet: activeSheet) + " AS ok")
        return ok ?? false
    }

    /// One round trip, and on SQLite one pass on the writer, as `insert`: the update applies only on the revision read
    /// (under PostgreSQL's READ COMMITTED a concurrent update of the row waits for the first to commit and then sees the
    /// new revision, so exactly one of two writers that read the same revision applies), and the history row is
    /// written only when it did (SQLite: `WHERE changes() = 1`).
    public func update(_ character: CharacterRecord, change: CharacterChange) async throws(StoreError) -> CharacterRecord? {
        let (statement, stored) = try Self.updateStatement(character, at: change.at)
        let dialect = dialect
        let revision = stored.revision
        let applied = try await Self.mapping {
            if dialect.writesInCTEs {
                let cte: SQL = "WITH updated AS (\(statement) RETURNING id, revision) "
                let withHistory = cte + Self.history(change, id: "id", revision: "revision", tail: " FROM updated")
                return try await database.write(transaction: false) { db in
                    try await db.row(withHistory + " RETURNING revision") != nil
                }
            }
            let results = try await database.writeBatch([
                statement + " RETURNING id",
                Self.history(change, id: "\(character.id)", revision: "\(revision)", tail: " WHERE changes() = 1"),
            ])
            return results.first?.isEmpty == false
        }
        return applied ? stored : nil
    }

    /// The `UPDATE` of a character that applies only while its stored revision is still `character.revision`, and the
    /// character as it will be stored (at the next revision, updated at `at`).
    static func updateStatement(_ character: CharacterRecord, at: Double) throws(StoreError) -> (SQL, CharacterRecord) {
        var stored = character
        let columns = CharacterColumns(character.values)
        columns.fill(&stored.values)
        stored.revision = character.revision + 1
        stored.lastUpdated = at
        let record: SQLRecord
        do {
            record = try SQLRecord(CharacterRow(stored, columns: columns))
        } catch {
            throw StoreError(error)
        }
        let fixed: Set<String> = ["id", "user_id", "splat", "revision", "created_at"]
        var update: SQL = "UPDATE characters SET revision = revision + 1"
        for (column, value) in zip(record.columns, record.values) where !fixed.contains(column) {
            update += ", \(raw: column) = \(value)"
        }
        update += " WHERE id = \(character.id) AND revision = \(character.revision)"
        return (update, stored)
    }

    /// One transaction: each character stored as `update` stores it (only on the revision it names, with its history
    /// row). Returns those stored; a character changed meanwhile is left as it is.
    public func rewrite(_ characters: [(character: CharacterRecord, change: CharacterChange)]) async throws -> [CharacterRecord] {
        let statements = try characters.map { entry in
            let (statement, stored) = try Self.updateStatement(entry.character, at: entry.change.at)
            return (
                statement, stored, try Self.history(HistoryRow(entry.change, characterID: stored.id, revision: stored.revision))
            )
        }
        return try await database.write { db in
            var stored: [CharacterRecord] = []
            for (update, character, history) in statements where try await db.execute(update) == 1 {
                try await db.execute(history)
                stored.append(character)
            }
            return stored
        }
    }

    /// Every key of the characters' documents (the traits not kept as columns), per splat, with how many characters
    /// hold it.
    public func documentKeys() async throws -> [(splat: String, key: String, characters: Int)] {
        try await database.rows(SQL(dialect.documentKeys)).map {
            (try $0["splat"], try $0["key"], Int(try $0["n"] as Int64))
        }
    }

    public func deleteCharacters(ids: [Int64], change: CharacterChange) async throws -> [CharacterRecord] {
        let forUpdate = dialect.forUpdate
        return try await database.write { db in
            var deleted: [CharacterRecord] = []
            for id in ids {
                let select: SQL = "SELECT * FROM characters WHERE id = \(id)\(raw: forUpdate)"
                guard let character = try await Self.characters(select, in: db).first else { continue }
                var snapshot = change
                snapshot.changes = character.snapshot
                try await db.execute(try Self.history(HistoryRow(snapshot, characterID: id, revision: character.revision + 1)))
                try await db.execute("DELETE FROM characters WHERE id = \(id)")
                let deletion = DeletedCharacter(
                    id: id, userID: character.userID, splat: character.splat, name: character.name, deletedAt: change.at,
                    avatar: character.avatar)
                try await db.execute(SQL.insert(into: "deleted_characters", try SQLRecord(deletion), upsertOn: ["id"]))
                deleted.append(character)
            }
            return deleted
        }
    }

    public func history(characterID: Int64) async throws -> [HistoryEntry] {
        try await records(
            "SELECT * FROM character_history WHERE character_id = \(characterID) ORDER BY revision, id", as: HistoryRow.self
        )
        .map(\.entry)
    }

    public func characterCountsBySplat(userID: Int64) async throws -> [(splat: String, counts: CharacterCounts)] {
        try await database.rows(
            """
            SELECT splat, COUNT(CASE WHEN is_sheet THEN 1 END) AS sheets, COUNT(CASE WHEN NOT is_sheet THEN 1 END) AS trackers,
            COUNT(CASE WHEN is_sheet AND status < 4 THEN 1 END) AS active FROM characters WHERE user_id = \(userID)
            GROUP BY splat ORDER BY splat
            """
        ).map { row in
            (
                try row["splat"],
                CharacterCounts(sheets: try row["sheets"], trackers: try row["trackers"], activeSheets: try row["active"])
            )
        }
    }
}

/// Deleted characters brought back, and the history's retention.
extension SQLStore {
    public func deletedCharacters(userID: Int64, after cursor: DeletedCharacter?, limit: Int?) async throws
        -> [DeletedCharacter]
    {
        var statement: SQL = "SELECT * FROM deleted_characters WHERE user_id = \(userID)"
        if let cursor {
            statement += " AND (deleted_at < \(cursor.deletedAt) OR (deleted_at = \(cursor.deletedAt) AND id < \(cursor.id)))"
        }
        statement += " ORDER BY deleted_at DESC, id DESC"
        if let limit { statement += " LIMIT \(limit)" }
        return try await records(statement)
    }

    /// One transaction: the deleted characters `selection` names are forgotten with their history (their ids' rows
    /// only while no character of that id lives again). Returns them, for their avatars' files.
    public func forgetDeletedCharacters(_ selection: DeletedSelection) async throws -> [DeletedCharacter] {
        let select: SQL
        switch selection {
        case .deletedBefore(let cutoff):
            select = "SELECT * FROM deleted_characters WHERE deleted_at < \(cutoff)"
        case .beyondLatest(let keep, let userID):
            select = """
                SELECT * FROM deleted_characters WHERE user_id = \(userID) AND id NOT IN
                (SELECT id FROM deleted_characters WHERE user_id = \(userID) ORDER BY deleted_at DESC, id DESC LIMIT \(keep))
                """
        }
        let forUpdate = dialect.forUpdate
        return try await database.write { db in
            let forgotten: [DeletedCharacter] = try await db.records(select + SQL(forUpdate))
            guard !forgotten.isEmpty else { return [] }
            let ids = forgotten.map(\.id)
            try await db.execute("DELETE FROM deleted_characters WHERE id IN (\(list: ids))")
            try await db.execute(
                """
                DELETE FROM character_history WHERE character_id IN (\(list: ids))
                AND character_id NOT IN (SELECT id FROM characters WHERE id IN (\(list: ids)))
                """)
            return forgotten
        }
    }

    public func deletedCharacter(id: Int64) async throws -> DeletedCharacter? {
        try await record("SELECT * FROM deleted_characters WHERE id = \(id)")
    }

    /// One transaction: the character back with its id, its history row, and its deletion forgotten. The unique name
    /// refuses it (`duplicateName`) when its owner has a character of that name meanwhile.
    public func undelete(_ character: CharacterRecord, change: CharacterChange, room: CharacterRoom) async throws(StoreError)
        -> CharacterRecord?
    {
        var stored = character
        let columns = CharacterColumns(character.values)
        columns.fill(&stored.values)
        stored.lastUpdated = change.at
        let insert: SQL
        let history: SQL
        do {
            insert = SQL.insert(into: "characters", try SQLRecord(CharacterRow(stored, columns: columns)))
            history = try Self.history(HistoryRow(change, characterID: stored.id, revision: stored.revision))
        } catch {
            throw StoreError(error)
        }
        let (id, userID, forUpdate) = (stored.id, stored.userID, dialect.forUpdate)
        let activeSheet = stored.isSheet && stored.isActive
        struct Expired: Error {}
        do {
            try await database.write { db in
                // First, so that an expiry running at the same moment either forgot it before (nothing is brought back)
                // or waits for this transaction (and finds nothing to forget).
                guard try await db.execute("DELETE FROM deleted_characters WHERE id = \(id)") == 1 else { throw Expired() }
                _ = try await db.rows("SELECT id FROM users WHERE id = \(userID)\(raw: forUpdate)")
                guard try await Self.hasRoom(room, userID: userID, activeSheet: activeSheet, in: db) else {
                    throw StoreError.noRoom
                }
                try await db.execute(insert)
                try await db.execute(history)
            }
        } catch is Expired {
            return nil
        } catch {
            throw StoreError(error)
        }
        return stored
    }

    public func historyPruneCandidates(keeping: Int, before: Double) async throws -> [Int64] {
        try await database.rows(
            """
            SELECT character_id FROM character_history GROUP BY character_id
            HAVING COUNT(*) > \(Int64(keeping)) AND MIN(at) < \(before) ORDER BY character_id
            """
        ).map { try $0["character_id"] }
    }

    /// One transaction: the rows up to `revision` go, and `baseline` (the state they led to) takes their place.
    public func replaceHistory(characterID: Int64, through revision: Int64, baseline: CharacterChange?) async throws -> Int {
        let insert = try baseline.map { try Self.history(HistoryRow($0, characterID: characterID, revision: revision)) }
        return try await database.write { db in
            let removed = try await db.execute(
                "DELETE FROM character_history WHERE character_id = \(characterID) AND revision <= \(revision)")
            if let insert { try await db.execute(insert) }
            return removed
        }
    }
}
