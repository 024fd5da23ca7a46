import RodCore

/// A chronicle: one Discord guild. `id` is the guild snowflake.
public struct Chronicle: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var ownerID: Int64
    public var shard: Int64
    public var isGuild: Bool
    public var iconURL: String
    /// The channel where the bot posts tracker updates, or empty.
    public var trackerChannel: String
    public var createdAt: Double
    public var lastUpdated: Double

    public init(
        id: Int64, name: String, ownerID: Int64 = 0, shard: Int64 = 0, isGuild: Bool = true, iconURL: String = "",
        trackerChannel: String = "", createdAt: Double, lastUpdated: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.ownerID = ownerID
        self.shard = shard
        self.isGuild = isGuild
        self.iconURL = iconURL
        self.trackerChannel = trackerChannel
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated ?? createdAt
    }
}

/// A user's membership in a chronicle.
public struct Member: Sendable, Equatable {
    public var id: Int64
    public var chronicleID: Int64
    public var userID: Int64
    /// Holds Discord's ADMINISTRATOR permission in the guild.
    public var admin: Bool
    /// Holds one of the chronicle's storyteller roles.
    public var storyteller: Bool
    public var nickname: String
    public var avatarURL: String
    public var defaultCharacterID: Int64?
    public var defaultAutoHunger: Bool
    public var createdAt: Double
    public var lastUpdated: Double

    public init(
        id: Int64, chronicleID: Int64, userID: Int64, admin: Bool = false, storyteller: Bool = false,
        nickname: String = "", avatarURL: String = "", defaultCharacterID: Int64? = nil, defaultAutoHunger: Bool = false,
        createdAt: Double, lastUpdated: Double? = nil
    ) {
        self.id = id
        self.chronicleID = chronicleID
        self.userID = userID
        self.admin = admin
        self.storyteller = storyteller
        self.nickname = nickname
        self.avatarURL = avatarURL
        self.defaultCharacterID = defaultCharacterID
        self.defaultAutoHunger = defaultAutoHunger
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated ?? createdAt
    }

    /// Storytellers and admins see and may edit every character of the chronicle.
    public var isStaff: Bool { admin || storyteller }
}

/// How many characters a user has, by kind.
public struct CharacterCounts: Sendable, Equatable {
    public var sheets: Int
    public var trackers: Int
    /// Sheets whose status is Draft, Review or Active: what the sheet limit counts.
    public var activeSheets: Int

    public init(sheets: Int = 0, trackers: Int = 0, activeSheets: Int = 0) {
        self.sheets = sheets
        self.trackers = trackers
        self.activeSheets = activeSheets
    }

    public var total: Int { sheets + trackers }
}

/// A character's id, name and splat, for lists.
public struct CharacterSummary: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let splat: String
}

/// Where a character is and which revision it is at, without its traits.
public struct CharacterStamp: Sendable, Equatable {
    public let id: Int64
    public let userID: Int64
    public let chronicleID: Int64?
    public let splat: String
    public let revision: Int64
    public let lastUpdated: Double
    /// A web sheet rather than a tracker (`api/character/get`'s `?sheet` asks for one).
    public let isSheet: Bool

    public init(
        id: Int64, userID: Int64, chronicleID: Int64?, splat: String, revision: Int64, lastUpdated: Double, isSheet: Bool
    ) {
        self.id = id
        self.userID = userID
        self.chronicleID = chronicleID
        self.splat = splat
        self.revision = revision
        self.lastUpdated = lastUpdated
        self.isSheet = isSheet
    }
}

/// Who changed a character, through which API, and what changed: one row of its history.
public struct CharacterChange: Sendable, Equatable {
    public enum Operation: String, Sendable {
        case create, update, delete
        /// Brought in by `rod import`: `changes` is `{"from": <where>, "state": <every trait and relation>}`.
        case imported = "import"
        /// The character's state at this revision, standing for the rows before it that the retention rule pruned:
        /// `changes` is every trait and relation, as a create's.
        case baseline
    }

    public var operation: Operation
    public var face: WriteContext.Face
    /// The user who made the change, when known.
    public var actorID: Int64?
    /// What changed, per trait, for updates (`CharacterRecord.changes(to:)`); the whole document for creates and deletes.
    public var changes: JSON
    public var at: Double
    /// For a restore (face `restore`): the revision whose state it brought back.
    public var restoredFrom: Int64?

    public init(
        operation: Operation, face: WriteContext.Face, actorID: Int64?, changes: JSON, at: Double, restoredFrom: Int64? = nil
    ) {
        self.operation = operation
        self.face = face
        self.actorID = actorID
        self.changes = changes
        self.at = at
        self.restoredFrom = restoredFrom
    }
}

/// A character that was deleted, as its owner may find it to bring it back (its history holds its states).
public struct DeletedCharacter: Sendable, Equatable, Codable {
    public let id: Int64
    public let userID: Int64
    public let splat: String
    public let name: String
    public let deletedAt: Double
    /// Its avatar's file under the media folder, kept while the deleted character is (empty when none).
    public let avatar: String

    public init(id: Int64, userID: Int64, splat: String, name: String, deletedAt: Double, avatar: String = "") {
        self.id = id
        self.userID = userID
        self.splat = splat
        self.name = name
        self.deletedAt = deletedAt
        self.avatar = avatar
    }

    enum CodingKeys: String, CodingKey {
        case id, splat, name, avatar
        case userID = "user_id"
        case deletedAt = "deleted_at"
    }
}

/// One recorded change of a character.
public struct HistoryEntry: Sendable, Equatable {
    public let characterID: Int64
    public let revision: Int64
    public let change: CharacterChange
}

// The columns of each record (`SQLRow.decode`, `SQLRecord`).

extension Chronicle: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, shard
        case ownerID = "owner_id"
        case isGuild = "is_guild"
        case iconURL = "icon_url"
        case trackerChannel = "tracker_channel"
        case createdAt = "created_at"
        case lastUpdated = "last_updated"
    }
}

extension Member: Codable {
    enum CodingKeys: String, CodingKey {
        case id, admin, storyteller, nickname
        case chronicleID = "chronicle_id"
        case userID = "user_id"
        case avatarURL = "avatar_url"
        case defaultCharacterID = "default_character_id"
        case defaultAutoHunger = "default_auto_hunger"
        case createdAt = "created_at"
        case lastUpdated = "last_updated"
    }
}

extension CharacterStamp: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, splat, revision
        case userID = "user_id"
        case chronicleID = "chronicle_id"
        case lastUpdated = "last_updated"
        case isSheet = "is_sheet"
    }
}

extension CharacterSummary: Decodable {
    enum CodingKeys: String, CodingKey { case id, name, splat }
}
