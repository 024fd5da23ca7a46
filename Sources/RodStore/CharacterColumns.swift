import RodCore

/// How a character's trait values are split between real columns (what queries filter on) and the
/// JSON document holding every other trait. Shared by every store so they agree on the layout.
public struct CharacterColumns: Sendable, Equatable {
    public var name: String
    public var isSheet: Bool
    public var status: Int64
    public var storytellerLock: Bool
    public var theme: String
    public var expCurrent: Int64
    public var expTotal: Int64
    /// Every other trait value, as JSON text.
    public var document: String

    /// The trait keys stored as columns rather than in the document (seven short keys: a scan compares them faster than
    /// a set hashes the key, on every key of every write).
    public static let keys: [String] = ["name", "is_sheet", "status", "st_lock", "theme", "exp_current", "exp_total"]

    public var nameKey: String { CharacterRecord.nameKey(name) }

    public init(_ values: [String: JSON]) {
        name = values["name"]?.stringValue ?? ""
        isSheet = values["is_sheet"]?.boolValue ?? false
        status = values["status"]?.intValue ?? CharacterStatus.draft
        storytellerLock = values["st_lock"]?.boolValue ?? false
        theme = values["theme"]?.stringValue ?? "#000000"
        expCurrent = values["exp_current"]?.intValue ?? 0
        expTotal = values["exp_total"]?.intValue ?? 0
        var document: [(key: String, value: JSON)] = []
        document.reserveCapacity(values.count)
        for entry in values where !Self.keys.contains(entry.key) { document.append(entry) }
        document.sort { $0.key < $1.key }
        self.document = JSON.object(JSONObject(uniqueKeysWithValues: document)).serializedString()
    }

    public init(
        name: String, isSheet: Bool, status: Int64, storytellerLock: Bool, theme: String, expCurrent: Int64,
        expTotal: Int64, document: String
    ) {
        self.name = name
        self.isSheet = isSheet
        self.status = status
        self.storytellerLock = storytellerLock
        self.theme = theme
        self.expCurrent = expCurrent
        self.expTotal = expTotal
        self.document = document
    }

    /// The trait values again: the document's keys plus the column keys.
    public func values() throws -> [String: JSON] {
        var values = try JSON.parseMembers(document)
        fill(&values)
        return values
    }

    /// Sets the column keys of a document to the columns' values, as a read would return them.
    public func fill(_ values: inout [String: JSON]) {
        values["name"] = .string(name)
        values["is_sheet"] = .bool(isSheet)
        values["status"] = .int(status)
        values["st_lock"] = .bool(storytellerLock)
        values["theme"] = .string(theme)
        values["exp_current"] = .int(expCurrent)
        values["exp_total"] = .int(expTotal)
    }
}
