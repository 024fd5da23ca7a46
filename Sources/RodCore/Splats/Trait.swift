/// Who may write a trait through the API.
public enum TraitAccess: String, Sendable, CaseIterable {
    /// Whoever may edit the character: its owner, or staff of its chronicle.
    case anyone
    /// Only the character's owner (name, status, ...).
    case owner
    /// Only a storyteller or admin of the character's chronicle (the storyteller lock).
    case staff
    /// Nobody: the server sets it (`is_sheet`). Sent values are ignored.
    case system
}

/// One allowed value of a choice trait, with an optional label for frontends.
public struct TraitChoice: Sendable, Hashable {
    public let value: JSON
    public let label: String?
}

/// The type of a trait's value and the bounds declared for it.
public enum TraitKind: Sendable, Hashable {
    case integer(min: Int64?, max: Int64?)
    case string(maxLength: Int?, allowBlank: Bool)
    case boolean
    /// A JSON list of at most `maxItems` entries; their shape is checked by the trait's named validator, if any.
    case list(maxItems: Int)
    /// A JSON object of at most `maxEntries` entries named by at most `maxKeyLength` characters (disciplines by
    /// name); their shape is checked by the trait's named validator, if any.
    case object(maxEntries: Int, maxKeyLength: Int)
    /// The specialties of a rated trait (`athletics_spec`): null or a list of short strings.
    case specialty

    /// Bounds of list and object traits whose YAML declares none: far above what a real sheet holds (the fullest
    /// sheet of the original's data has 12 entries in its longest list), and small enough that no list grows a
    /// character without bound.
    public static let defaultMaxItems = 100
    public static let defaultMaxEntries = 50
    /// The original's discipline names are at most 50 characters (`Char(50)`).
    public static let defaultMaxKeyLength = 50

    public var name: String {
        switch self {
        case .integer: "integer"
        case .string: "string"
        case .boolean: "boolean"
        case .list: "list"
        case .object: "object"
        case .specialty: "specialty"
        }
    }
}

/// Where a declaration was read, for diagnostics.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A trait: one flat key of a character, as the bot and the web write it (`hunger`, `strength`,
/// `willpower_superficial`), with its kind, bounds, default and rules. Declared in `splats/*.yaml`.
public struct Trait: Sendable {
    /// The JSON key, identical to the original API's.
    public let key: String
    public let kind: TraitKind
    /// The allowed values, when the trait is a choice (clan, predator type, status).
    public let choices: [TraitChoice]?
    /// The value stored when a new character does not send the key; null for a required trait.
    public let defaultValue: JSON
    /// Every creation must send it (the name): it has no default.
    public let required: Bool
    public let nullable: Bool
    public let access: TraitAccess
    /// The name of a validator registered by a splat module, for values YAML cannot describe.
    public let validator: String?
    /// Replacement texts for the standard messages, keyed by `TraitMessage`.
    public let messages: [TraitMessage: String]
    public let description: String?
    /// True when the trait appears in the bot's tracker view; such traits stay editable under the storyteller lock.
    public let inTracker: Bool
    public let location: SourceLocation

    public init(
        key: String, kind: TraitKind, choices: [TraitChoice]? = nil, defaultValue: JSON, required: Bool = false,
        nullable: Bool = false, access: TraitAccess = .anyone, validator: String? = nil, messages: [TraitMessage: String] = [:],
        description: String? = nil, inTracker: Bool = false, location: SourceLocation
    ) {
        self.key = key
        self.kind = kind
        self.choices = choices
        self.defaultValue = defaultValue
        self.required = required
        self.nullable = nullable
        self.access = access
        self.validator = validator
        self.messages = messages
        self.description = description
        self.inTracker = inTracker
        self.location = location
    }

    func with(inTracker: Bool) -> Trait {
        Trait(
            key: key, kind: kind, choices: choices, defaultValue: defaultValue, required: required, nullable: nullable,
            access: access, validator: validator, messages: messages, description: description, inTracker: inTracker,
            location: location)
    }
}

/// The standard validation messages a trait may override in YAML (`messages: {min: "..."}`).
public enum TraitMessage: String, Sendable, CaseIterable {
    case invalid, null, min, max
    case maxLength = "max_length"
    case blank, choice
    case maxItems = "max_items"
    case maxKeyLength = "max_key_length"
}

/// How a group of traits is nested in the sheet the API returns.
public enum GroupView: String, Sendable, CaseIterable {
    /// `{"strength": 3, ...}`
    case values
    /// `{"athletics": {"value": 2, "spec": [...]}, ...}`; each trait gets a companion `<key>_spec` trait.
    case ratings
    /// `{"superficial": 1, "total": 5, ...}` from keys `<group>_<part>`.
    case tracker
}

/// A nested object of the sheet (`attributes`, `skills`, `willpower`, `health`, `exp`).
public struct TraitGroup: Sendable {
    public let key: String
    public let view: GroupView
    /// Categories in order (`physical`, `social`, `mental`); one unnamed category when the YAML has none.
    public let categories: [(name: String?, keys: [String])]
    public let inTracker: Bool
    public let description: String?
    public let location: SourceLocation
    /// Every trait key of the group, in order.
    public let keys: [String]
    /// Each key's name inside the group's object, aligned with `keys`: `willpower_total` is `total` in a tracker.
    public let memberNames: [String]
    /// Each key's companion specialty key, aligned with `keys` (used by `ratings` groups).
    public let specialtyKeys: [String]

    public init(
        key: String, view: GroupView, categories: [(name: String?, keys: [String])], inTracker: Bool,
        description: String?, location: SourceLocation
    ) {
        self.key = key
        self.view = view
        self.categories = categories
        self.inTracker = inTracker
        self.description = description
        self.location = location
        let keys = categories.flatMap(\.keys)
        self.keys = keys
        let prefix = key + "_"
        self.memberNames = keys.map { view == .tracker && $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
        self.specialtyKeys = keys.map(Self.specialtyKey(of:))
    }

    /// The name a trait has inside the group's object.
    public func memberName(of key: String) -> String {
        keys.firstIndex(of: key).map { memberNames[$0] } ?? key
    }

    /// The companion specialty key of a rated trait.
    public static func specialtyKey(of key: String) -> String { key + "_spec" }
}

/// A limit on a sum of integer traits: `superficial + aggravated <= total`, `stains + humanity <= 10`.
/// Checked on the merged state (stored values plus the write) whenever a write touches one of its keys.
public struct SumConstraint: Sendable {
    public enum Limit: Sendable, Hashable {
        case key(String)
        case value(Int64)
    }
    public let keys: [String]
    public let limit: Limit
    public let message: String
    /// The field the error is reported on; `non_field_errors` when nil.
    public let field: String?
    public let location: SourceLocation

    /// Every key the constraint reads.
    public var involvedKeys: [String] {
        if case .key(let key) = limit { return keys + [key] }
        return keys
    }

    /// The sum of the constraint's keys and its limit, reading each key's value with `value`.
    public func evaluate(_ value: (String) -> Int64) -> (sum: Int64, limit: Int64) {
        let sum = keys.reduce(Int64(0)) { $0 + value($1) }
        switch limit {
        case .key(let key): return (sum, value(key))
        case .value(let number): return (sum, number)
        }
    }
}

/// A track that takes damage (`health`, `willpower`, a changeling's `chimerical`): integer keys counting the boxes
/// marked at each damage level, least severe first, and the key holding the track's size. Declared under `damage:`
/// in a splat file; the gateway's `damage` edit applies it (`DamageTrack.apply`).
public struct DamageTrack: Sendable {
    /// The key a field update names (`health`).
    public let name: String
    public let totalKey: String
    /// The level keys, least severe first (`health_superficial`, `health_aggravated`).
    public let levelKeys: [String]
    /// Each level's name in a damage edit, aligned with `levelKeys`: the key without the `<name>_` prefix.
    public let levelNames: [String]
    public let location: SourceLocation

    public init(name: String, totalKey: String, levelKeys: [String], location: SourceLocation) {
        self.name = name
        self.totalKey = totalKey
        self.levelKeys = levelKeys
        let prefix = name + "_"
        self.levelNames = levelKeys.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
        self.location = location
    }
}
