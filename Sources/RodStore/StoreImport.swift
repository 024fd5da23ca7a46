import RodCore

/// Rows of another backend's data, written with their own ids (`rod import`). Members are written without their default
/// character (characters point at members, and members at characters); `defaultCharacters` sets them once the
/// characters are in.
public struct ImportBatch: Sendable {
    public var users: [User] = []
    public var bots: [Bot] = []
    public var chronicles: [(chronicle: Chronicle, bots: [Int64])] = []
    public var members: [Member] = []
    public var storytellerRoles: [(id: Int64, chronicleID: Int64)] = []
    public var initiativeTrackers: [InitiativeTracker] = []
    public var commandStats: [CommandStat] = []
    /// Each with its first history row.
    public var characters: [(character: CharacterRecord, change: CharacterChange)] = []
    public var defaultCharacters: [(memberID: Int64, characterID: Int64)] = []
    public var sessions: [Session] = []
    /// The largest key the source ever handed out, by table of ours whose keys the database assigns: new rows'
    /// keys continue after it (or after the largest imported, when that is larger).
    public var keyCounters: [String: Int64] = [:]

    public init() {}

    /// How many rows the batch holds.
    public var rows: Int {
        users.count + bots.count + chronicles.count + members.count + storytellerRoles.count + initiativeTrackers.count
            + commandStats.count + characters.count + defaultCharacters.count + sessions.count
    }

    public var isEmpty: Bool {
        users.isEmpty && bots.isEmpty && chronicles.isEmpty && members.isEmpty && storytellerRoles.isEmpty
            && initiativeTrackers.isEmpty && commandStats.isEmpty && characters.isEmpty && defaultCharacters.isEmpty
            && sessions.isEmpty && keyCounters.isEmpty
    }
}

/// Writes the batches of one import, inside the import's transaction.
public protocol ImportWriter: Sendable {
    func write(_ batch: ImportBatch) async throws
}

/// The tables an import writes whose keys the database assigns; after an import new ones continue after the largest
/// imported, or the source's own counter when it is larger.
enum ImportTables {
    static let generatedKeys = ["characters", "members", "command_stats"]
}

/// The import's statements, written once for both engines with `?` placeholders, and each batch as the rows of
/// arguments to run them with, in order. The records' own columns (`SQLRecord`) make the inserts of the tables that
/// have a record, so a column is named once.
enum ImportSQL {
    static let chronicleBot = "INSERT INTO chronicle_bots (chronicle_id, bot_id) VALUES (?, ?)"
    static let storytellerRole = "INSERT INTO storyteller_roles (id, chronicle_id) VALUES (?, ?)"
    static let initiativeTracker = "INSERT INTO initiative_trackers (id, chronicle_id, data, last_updated) VALUES (?, ?, ?, ?)"
    static let defaultCharacter = "UPDATE members SET default_character_id = ? WHERE id = ?"

    /// What must be empty for an import without `--replace`.
    static let occupied = """
        SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM chronicles) AS chronicles,
        (SELECT COUNT(*) FROM characters) AS characters
        """

    /// The batch's statements and their rows, in an order where references are written first.
    static func statements(_ batch: ImportBatch) throws -> [(sql: String, rows: [[SQLValue]])] {
        /// One insert of records into their table, its columns those of the records.
        func insert(_ table: String, _ records: [SQLRecord]) -> (String, [[SQLValue]]) {
            guard let first = records.first else { return ("", []) }
            let placeholders = Array(repeating: "?", count: first.columns.count).joined(separator: ", ")
            return (
                "INSERT INTO \(table) (\(first.columns.joined(separator: ", "))) VALUES (\(placeholders))", records.map(\.values)
            )
        }
        // Members are written without their default character (characters point at members, and members at
        // characters): `defaultCharacters` sets them once the characters are in.
        let result: [(String, [[SQLValue]])] = [
            insert("users", try batch.users.map(SQLRecord.init)),
            insert("bots", try batch.bots.map(SQLRecord.init)),
            insert("chronicles", try batch.chronicles.map { try SQLRecord($0.chronicle) }),
            (chronicleBot, batch.chronicles.flatMap { entry in entry.bots.map { [.int(entry.chronicle.id), .int($0)] } }),
            insert("members", try batch.members.map { try SQLRecord($0).without("default_character_id") }),
            (storytellerRole, batch.storytellerRoles.map { [.int($0.id), .int($0.chronicleID)] }),
            (
                initiativeTracker,
                batch.initiativeTrackers.map {
                    [.int($0.channelID), .int($0.chronicleID), .text($0.data.serializedString()), .real($0.lastUpdated)]
                }
            ),
            insert("command_stats", try batch.commandStats.map(SQLRecord.init)),
            insert(
                "characters",
                try batch.characters.map {
                    try SQLRecord(CharacterRow($0.character, columns: CharacterColumns($0.character.values)))
                }),
            insert(
                "character_history",
                try batch.characters.map {
                    try SQLRecord(HistoryRow($0.change, characterID: $0.character.id, revision: $0.character.revision))
                }),
            (defaultCharacter, batch.defaultCharacters.map { [.int($0.characterID), .int($0.memberID)] }),
            insert("sessions", try batch.sessions.map(SQLRecord.init)),
        ]
        return result.filter { !$0.1.isEmpty }
    }
}
