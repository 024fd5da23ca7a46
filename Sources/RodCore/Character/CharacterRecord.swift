/// A stored character: the relations every splat shares, and its trait values as one document of
/// flat keys (`name`, `hunger`, `willpower_total`, `athletics_spec`, ...).
public struct CharacterRecord: Sendable, Equatable {
    public var id: Int64
    public var splat: String
    public var userID: Int64
    public var chronicleID: Int64?
    /// The owner's membership row in `chronicleID`.
    public var memberID: Int64?
    /// The avatar's path under the media folder (`char_avatars/…`), or empty.
    public var avatar: String
    /// Trait values by flat key. A key the splat declares but the document lacks reads as its default.
    public var values: [String: JSON]
    /// Increases by one on every write; a write made against an older revision is refused.
    public var revision: Int64
    /// Seconds since 1970, as the original's serializers emit them.
    public var createdAt: Double
    public var lastUpdated: Double

    public init(
        id: Int64, splat: String, userID: Int64, chronicleID: Int64? = nil, memberID: Int64? = nil,
        avatar: String = "", values: [String: JSON], revision: Int64 = 1, createdAt: Double, lastUpdated: Double
    ) {
        self.id = id
        self.splat = splat
        self.userID = userID
        self.chronicleID = chronicleID
        self.memberID = memberID
        self.avatar = avatar
        self.values = values
        self.revision = revision
        self.createdAt = createdAt
        self.lastUpdated = lastUpdated
    }

    /// The traits the server itself reads (`name`, `isSheet`, `status`, `storytellerLock`): every splat has them.
    public static let coreKeys: Set<String> = ["name", "is_sheet", "status", "st_lock"]

    public var name: String { values["name"]?.stringValue ?? "" }
    public var isSheet: Bool { values["is_sheet"]?.boolValue ?? false }
    /// 1 Draft, 2 Review, 3 Active, 4 Dead, 5 Archive.
    public var status: Int64 { values["status"]?.intValue ?? CharacterStatus.draft }
    public var storytellerLock: Bool { values["st_lock"]?.boolValue ?? false }

    /// True for statuses that count against the sheet limit (Draft, Review, Active).
    public var isActive: Bool { status < CharacterStatus.dead }

    /// The largest a character's traits may be, serialized as JSON: 256 KiB. The original bounds every text column
    /// (about 26,000 characters in all, 104 KiB if each took four bytes of UTF-8) but not its JSON lists; the fullest
    /// sheet of the original's own data serializes to about 38 KB. So a real sheet stays far below it, and a client
    /// adding entries without end is refused long before a character's history and every event carrying its sheet
    /// grow large.
    public static let maximumDocumentBytes = 256 * 1024

    /// The size of the traits, serialized as JSON, as the store keeps them.
    public var documentBytes: Int { Self.documentBytes(of: values) }

    /// The size of trait values serialized as JSON (in whatever order: only the size is wanted).
    public static func documentBytes(of values: [String: JSON]) -> Int {
        JSON.object(JSONObject(uniqueKeysWithValues: values)).serialized().count
    }

    /// The key that makes names unique per user regardless of case.
    public static func nameKey(_ name: String) -> String { name.lowercased() }
}

/// The original's `SheetStatus`.
public enum CharacterStatus {
    public static let draft: Int64 = 1
    public static let review: Int64 = 2
    public static let active: Int64 = 3
    public static let dead: Int64 = 4
    public static let archive: Int64 = 5
}
