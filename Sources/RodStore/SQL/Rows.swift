import RodCore

// The rows of characters and their history. The other records' coding keys, beside their declarations, name their
// columns too: reads decode rows by these names (`SQLRow.decode`), writes encode them (`SQLRecord`), so a column is
// named in its record and in the schema (`StoreSchema`), nowhere else.

/// A row of `characters`: the columns every splat shares, the trait columns and the document (`CharacterColumns`).
struct CharacterRow: Encodable {
    var id: Int64
    var userID: Int64
    var chronicleID: Int64?
    var memberID: Int64?
    var splat: String
    var avatar: String
    var revision: Int64
    var createdAt: Double
    var lastUpdated: Double
    var name: String
    var nameKey: String
    var isSheet: Bool
    var status: Int64
    var storytellerLock: Bool
    var theme: String
    var expCurrent: Int64
    var expTotal: Int64
    var traits: String

    enum CodingKeys: String, CodingKey {
        case id, splat, avatar, revision, name, status, theme, traits
        case userID = "user_id"
        case chronicleID = "chronicle_id"
        case memberID = "member_id"
        case createdAt = "created_at"
        case lastUpdated = "last_updated"
        case nameKey = "name_key"
        case isSheet = "is_sheet"
        case storytellerLock = "st_lock"
        case expCurrent = "exp_current"
        case expTotal = "exp_total"
    }

    /// The row of a character whose trait columns and document are `columns` (made once by the caller: the document's
    /// serialization is a save's largest cost).
    init(_ character: CharacterRecord, columns: CharacterColumns) {
        id = character.id
        userID = character.userID
        chronicleID = character.chronicleID
        memberID = character.memberID
        splat = character.splat
        avatar = character.avatar
        revision = character.revision
        createdAt = character.createdAt
        lastUpdated = character.lastUpdated
        name = columns.name
        nameKey = columns.nameKey
        isSheet = columns.isSheet
        status = columns.status
        storytellerLock = columns.storytellerLock
        theme = columns.theme
        expCurrent = columns.expCurrent
        expTotal = columns.expTotal
        traits = columns.document
    }

    /// Read by column name without `Codable`'s machinery: every character read goes through here.
    init(row: SQLRow) throws {
        id = try row["id"]
        userID = try row["user_id"]
        chronicleID = try row["chronicle_id"]
        memberID = try row["member_id"]
        splat = try row["splat"]
        avatar = try row["avatar"]
        revision = try row["revision"]
        createdAt = try row["created_at"]
        lastUpdated = try row["last_updated"]
        name = try row["name"]
        nameKey = try row["name_key"]
        isSheet = try row["is_sheet"]
        status = try row["status"]
        storytellerLock = try row["st_lock"]
        theme = try row["theme"]
        expCurrent = try row["exp_current"]
        expTotal = try row["exp_total"]
        traits = try row["traits"]
    }

    var character: CharacterRecord {
        get throws {
            let columns = CharacterColumns(
                name: name, isSheet: isSheet, status: status, storytellerLock: storytellerLock, theme: theme,
                expCurrent: expCurrent, expTotal: expTotal, document: traits)
            return CharacterRecord(
                id: id, splat: splat, userID: userID, chronicleID: chronicleID, memberID: memberID, avatar: avatar,
                values: try columns.values(), revision: revision, createdAt: createdAt, lastUpdated: lastUpdated)
        }
    }
}

/// A row of `character_history`.
struct HistoryRow: Codable {
    var characterID: Int64
    var revision: Int64
    var operation: String
    var face: String
    var actorID: Int64?
    var changes: String
    var at: Double
    var restoredFrom: Int64?

    enum CodingKeys: String, CodingKey {
        case revision, operation, face, changes, at
        case characterID = "character_id"
        case actorID = "actor_id"
        case restoredFrom = "restored_from"
    }

    init(_ change: CharacterChange, characterID: Int64, revision: Int64) {
        self.characterID = characterID
        self.revision = revision
        operation = change.operation.rawValue
        face = change.face.rawValue
        actorID = change.actorID
        changes = change.changes.serializedString()
        at = change.at
        restoredFrom = change.restoredFrom
    }

    var entry: HistoryEntry {
        HistoryEntry(
            characterID: characterID, revision: revision,
            change: CharacterChange(
                operation: CharacterChange.Operation(rawValue: operation) ?? .update,
                face: WriteContext.Face(rawValue: face) ?? .system, actorID: actorID,
                changes: (try? JSON.parse(changes)) ?? .null, at: at, restoredFrom: restoredFrom))
    }
}

extension SQL {
    /// `INSERT INTO table (columns) VALUES (...)`; with `upsertOn`, `ON CONFLICT (key) DO UPDATE SET` every other
    /// column but those `keeping` names.
    static func insert(
        into table: String, _ record: SQLRecord, upsertOn key: [String] = [], keeping: Set<String> = []
    ) -> SQL {
        let placeholders = Array(repeating: "?", count: record.columns.count).joined(separator: ", ")
        var sql = SQL(
            "INSERT INTO \(table) (\(record.columns.joined(separator: ", "))) VALUES (\(placeholders))", record.values)
        if !key.isEmpty {
            let updated = record.columns.filter { !key.contains($0) && !keeping.contains($0) }
            sql.text +=
                " ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET "
                + updated.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        }
        return sql
    }
}
