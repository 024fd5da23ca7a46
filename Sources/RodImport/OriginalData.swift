import Foundation
import RodCore

/// One object of the original backend's data, as `manage.py dumpdata` writes it without natural keys: the Django model
/// (`discordauth.user`), the primary key, and the fields by the model's field names (foreign keys by the name of the
/// field, `user`, holding the referenced primary key; JSON fields as JSON; times as the text the source holds).
public struct OriginalObject: Sendable {
    public let model: String
    public let pk: JSON
    public let fields: JSONObject
    /// Where it was read, for the import report: `haven_character 20`, `object 131`.
    public let location: String

    public init(model: String, pk: JSON, fields: JSONObject, location: String) {
        self.model = model
        self.pk = pk
        self.fields = fields
        self.location = location
    }
}

/// A character of the original: the three objects of Django's multi-table inheritance, by their models (`haven.character`,
/// then `haven.character5th` or `haven.character20th`, then the splat's own, such as `haven.vampire5th`), with one key.
public struct OriginalCharacter: Sendable {
    public let id: Int64
    public let parts: [OriginalObject]

    public init(id: Int64, parts: [OriginalObject]) {
        self.id = id
        self.parts = parts
    }

    public var base: JSONObject { parts.first?.fields ?? JSONObject() }
    public var location: String { parts.first?.location ?? "character \(id)" }
}

/// Where the original's data is read from: its SQLite database, or a `dumpdata` file.
public protocol OriginalSource: Sendable {
    /// What was opened, for messages: `SQLite database db.sqlite3`, `dumpdata db.json (natural keys)`.
    var description: String { get }
    /// The models the source holds, with how many objects of each.
    func modelCounts() throws(OriginalDataError) -> [String: Int]
    /// Every object of a model except characters' parts, in the source's order, read a page at a time.
    func objects(_ model: String) throws(OriginalDataError) -> OriginalObjects
    /// Characters with an id above `after` (all when nil), in id order, at most `limit` of them.
    func characters(after: Int64?, limit: Int) throws(OriginalDataError) -> [OriginalCharacter]
    /// The largest key the original ever handed out per model, where it kept a counter (SQLite's `sqlite_sequence`):
    /// deleted rows' keys included, so that new rows never take one.
    func keyCounters() throws(OriginalDataError) -> [String: Int64]
    /// Objects the source itself left out while reading it (a key given twice), with where and why.
    var leftOut: [(location: String, message: String)] { get }
}

/// The objects of one model, read `pageSize` at a time, so that a large table is never held whole.
public struct OriginalObjects {
    /// Objects read at a time.
    public static let pageSize = 500

    private let page: (_ read: Int, _ last: OriginalObject?) throws(OriginalDataError) -> [OriginalObject]
    private var buffer: [OriginalObject] = []
    private var position = 0
    private var read = 0
    private var finished = false

    /// `page` answers the page after the `read` objects read so far, the last of them `last`; empty at the end.
    public init(page: @escaping (_ read: Int, _ last: OriginalObject?) throws(OriginalDataError) -> [OriginalObject]) {
        self.page = page
    }

    public mutating func next() throws(OriginalDataError) -> OriginalObject? {
        if position == buffer.count {
            guard !finished else { return nil }
            buffer = try page(read, buffer.last)
            position = 0
            if buffer.count < Self.pageSize { finished = true }
            if buffer.isEmpty { return nil }
        }
        defer {
            position += 1
            read += 1
        }
        return buffer[position]
    }
}

/// Why the original's data cannot be read: a clear message naming the problem.
public struct OriginalDataError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// The models of the original that an import reads, and those it knows to be empty or of no use here.
public enum OriginalModels {
    public static let user = "discordauth.user"
    public static let bot = "bot.bot"
    public static let chronicle = "chronicle.chronicle"
    public static let member = "chronicle.member"
    public static let storytellerRole = "chronicle.storytellerrole"
    public static let initiativeTracker = "bot.initiativetracker20th"
    public static let commandStat = "bot.commandstat"
    public static let session = "sessions.session"
    public static let character = "haven.character"
    /// The models whose keys the original's database assigned, with our tables of them (`keyCounters`).
    public static let generatedKeys = ["haven.character": "characters", member: "members", commandStat: "command_stats"]
    public static let editions = ["haven.character5th", "haven.character20th"]

    /// Django's own tables, and the legacy haven tables no code of the original writes.
    public static let ignored: Set<String> = [
        "auth.permission", "auth.group", "contenttypes.contenttype", "admin.logentry", "haven.splat", "haven.trackable",
        "haven.damage5th", "haven.health20th", "haven.humanity", "haven.morality", "haven.moralityinfo",
        "haven.despairmodal", "haven.customclan", "haven.custompredatortype",
    ]

    /// The splat file every other extends, whose traits the original's `haven.character` holds.
    public static let baseLevel = "character"

    /// The model holding the fields a splat file declares: `haven.<name>` (`haven.character`, `haven.character5th`,
    /// `haven.vampire5th`), or the model its file names (`original_model:`).
    public static func leaf(of level: String, in registry: Registry) -> String {
        registry.splat(level)?.originalModel ?? "haven." + level
    }

    /// The models of characters' parts: the base, the editions, and any leaf.
    public static func isCharacterPart(_ model: String) -> Bool {
        model.hasPrefix("haven.") && !ignored.contains(model)
    }
}

/// Opens the original's data, telling a SQLite database from a `dumpdata` file by their first bytes.
public enum OriginalData {
    public static func open(_ path: String) throws(OriginalDataError) -> any OriginalSource {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OriginalDataError("\(path): cannot be opened") }
        let head = (try? handle.read(upToCount: 64)).map { Array($0) } ?? []
        try? handle.close()
        if head.starts(with: Array("SQLite format 3\0".utf8)) { return try OriginalDatabase(path: path) }
        if let first = head.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "[") {
            return try DumpdataFile(path: path)
        }
        if head.isEmpty { throw OriginalDataError("\(path) is empty") }
        throw OriginalDataError(
            "\(path) is neither a SQLite database nor a dumpdata JSON file (a JSON array of objects)")
    }
}
