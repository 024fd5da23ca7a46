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
    public var characters: [(character: Character, change: CharacterChange)] = []
    public var defaultCharacters: [(memberID: Int64, characterID: Int64)] = []
    public var sessions: [Session] = []

    public init() {}

    public var isEmpty: Bool {
        users.isEmpty && bots.isEmpty && chronicles.isEmpty && members.isEmpty && storytellerRoles.isEmpty
            && initiativeTrackers.isEmpty && commandStats.isEmpty && characters.isEmpty && defaultCharacters.isEmpty
            && sessions.isEmpty
    }
}

/// Writes the batches of one import, inside the import's transaction.
public protocol ImportWriter: Sendable {
    func write(_ batch: ImportBatch) async throws
}

/// The tables an import writes, in an order where every row's references are written before it; erased in the
/// reverse order by `--replace`.
enum ImportTables {
    static let all = [
        "users", "bots", "chronicles", "chronicle_bots", "members", "storyteller_roles", "initiative_trackers",
        "command_stats", "characters", "character_history", "sessions", "oauth_states", "api_usage", "patreon_events",
    ]
    /// The tables whose keys the database assigns; after an import new ones continue after the largest imported.
    static let generatedKeys = ["characters", "members", "command_stats"]
}

/// The import's statements, written once for both engines with `?` placeholders, and each batch as the rows of
/// arguments to run them with, in order.
enum ImportSQL {
    static let user = """
        INSERT INTO users (id, username, discriminator, avatar_url, email, verified, registered, admin, supporter, created_at,
        last_saved, last_active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let bot = "INSERT INTO bots (id, username, discriminator, avatar_url, shard_count) VALUES (?, ?, ?, ?, ?)"
    static let chronicle = """
        INSERT INTO chronicles (id, name, owner_id, shard, is_guild, icon_url, tracker_channel, created_at, last_updated)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let chronicleBot = "INSERT INTO chronicle_bots (chronicle_id, bot_id) VALUES (?, ?)"
    static let member = """
        INSERT INTO members (id, chronicle_id, user_id, admin, storyteller, nickname, avatar_url, default_auto_hunger,
        created_at, last_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let storytellerRole = "INSERT INTO storyteller_roles (id, chronicle_id) VALUES (?, ?)"
    static let initiativeTracker = "INSERT INTO initiative_trackers (id, chronicle_id, data, last_updated) VALUES (?, ?, ?, ?)"
    static let commandStat = """
        INSERT INTO command_stats (id, user_id, bot_id, command, used, last_used) VALUES (?, ?, ?, ?, ?, ?)
        """
    static let character = """
        INSERT INTO characters (id, user_id, chronicle_id, member_id, splat, avatar, revision, created_at, last_updated, name,
        name_key, is_sheet, status, st_lock, theme, exp_current, exp_total, traits)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let history = """
        INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """
    static let defaultCharacter = "UPDATE members SET default_character_id = ? WHERE id = ?"
    static let session = """
        INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
        """

    /// What must be empty for an import without `--replace`.
    static let occupied = """
        SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM chronicles) AS chronicles,
        (SELECT COUNT(*) FROM characters) AS characters
        """

    /// The batch's statements and their rows, in an order where references are written first.
    static func statements(_ batch: ImportBatch) -> [(sql: String, rows: [[SQLValue]])] {
        func id(_ value: Int64?) -> SQLValue { value.map(SQLValue.int) ?? .null }
        var result: [(String, [[SQLValue]])] = [
            (
                user,
                batch.users.map {
                    [
                        .int($0.id), .text($0.username), .text($0.discriminator), .text($0.avatarURL),
                        $0.email.map(SQLValue.text) ?? .null, .bool($0.verified), .bool($0.registered), .bool($0.admin),
                        .int($0.supporter), .real($0.createdAt), .real($0.lastSaved), .real($0.lastActive),
                    ]
                }
            ),
            (
                bot,
                batch.bots.map {
                    [.int($0.id), .text($0.username), .text($0.discriminator), .text($0.avatarURL), .int($0.shardCount)]
                }
            ),
            (
                chronicle,
                batch.chronicles.map { entry in
                    let c = entry.chronicle
                    return [
                        .int(c.id), .text(c.name), .int(c.ownerID), .int(c.shard), .bool(c.isGuild), .text(c.iconURL),
                        .text(c.trackerChannel), .real(c.createdAt), .real(c.lastUpdated),
                    ]
                }
            ),
            (chronicleBot, batch.chronicles.flatMap { entry in entry.bots.map { [.int(entry.chronicle.id), .int($0)] } }),
            (
                member,
                batch.members.map {
                    [
                        .int($0.id), .int($0.chronicleID), .int($0.userID), .bool($0.admin), .bool($0.storyteller),
                        .text($0.nickname), .text($0.avatarURL), .bool($0.defaultAutoHunger), .real($0.createdAt),
                        .real($0.lastUpdated),
                    ]
                }
            ),
            (storytellerRole, batch.storytellerRoles.map { [.int($0.id), .int($0.chronicleID)] }),
            (
                initiativeTracker,
                batch.initiativeTrackers.map {
                    [.int($0.channelID), .int($0.chronicleID), .text($0.data.serializedString()), .real($0.lastUpdated)]
                }
            ),
            (
                commandStat,
                batch.commandStats.map {
                    [.int($0.id), .int($0.userID), .int($0.botID), .text($0.command), .int($0.used), .real($0.lastUsed)]
                }
            ),
        ]
        var characters: [[SQLValue]] = []
        var histories: [[SQLValue]] = []
        for (character, change) in batch.characters {
            let columns = CharacterColumns(character.values)
            characters.append([
                .int(character.id), .int(character.userID), id(character.chronicleID), id(character.memberID),
                .text(character.splat), .text(character.avatar), .int(character.revision), .real(character.createdAt),
                .real(character.lastUpdated), .text(columns.name), .text(columns.nameKey), .bool(columns.isSheet),
                .int(columns.status), .bool(columns.storytellerLock), .text(columns.theme), .int(columns.expCurrent),
                .int(columns.expTotal), .text(columns.document),
            ])
            histories.append([
                .int(character.id), .int(character.revision), .text(change.operation.rawValue), .text(change.face.rawValue),
                id(change.actorID), .text(change.changes.serializedString()), .real(change.at),
            ])
        }
        result += [
            (character, characters), (history, histories),
            (defaultCharacter, batch.defaultCharacters.map { [.int($0.characterID), .int($0.memberID)] }),
            (
                session,
                batch.sessions.map {
                    [.text($0.tokenHash), .int($0.userID), .text($0.csrfToken), .real($0.createdAt), .real($0.expiresAt)]
                }
            ),
        ]
        return result.filter { !$0.1.isEmpty }
    }
}
