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

    /// The default of a trait whose YAML gives none: an empty text, list or object, false, or nothing.
    var emptyValue: JSON {
        switch self {
        case .integer, .specialty: .null
        case .string: .string("")
        case .boolean: .bool(false)
        case .list: .array([])
        case .object: .emptyObject
        }
    }

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
    /// How the server computes the trait from others (`derived:` in YAML, or a module's field); nil for a trait clients
    /// write. A derived trait is read-only: writes naming it are ignored, the gateway refuses them.
    public let derivation: Derivation?
    /// Keys this trait had before (`renamed_from:`): stored values are served under `key`, and writes naming an old
    /// key write `key`.
    public let renamedFrom: [String]
    public let location: SourceLocation

    public init(
        key: String, kind: TraitKind, choices: [TraitChoice]? = nil, defaultValue: JSON, required: Bool = false,
        nullable: Bool = false, access: TraitAccess = .anyone, validator: String? = nil, messages: [TraitMessage: String] = [:],
        description: String? = nil, inTracker: Bool = false, derivation: Derivation? = nil, renamedFrom: [String] = [],
        location: SourceLocation
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
        self.derivation = derivation
        self.renamedFrom = renamedFrom
        self.location = location
    }

    /// Clients write it: not the server's (`system`) and not derived.
    public var isWritable: Bool { access != .system && derivation == nil }

    func with(inTracker: Bool) -> Trait {
        Trait(
            key: key, kind: kind, choices: choices, defaultValue: defaultValue, required: required, nullable: nullable,
            access: access, validator: validator, messages: messages, description: description, inTracker: inTracker,
            derivation: derivation, renamedFrom: renamedFrom, location: location)
    }
}

/// One term of a sum in a splat file: a trait's integer value, or a constant (`[stamina, size]`, `[resolve, 1]`).
public enum SumTerm: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case constant(Int64)

    public var key: String? {
        if case .key(let key) = self { return key }
        return nil
    }

    public var description: String {
        switch self {
        case .key(let key): key
        case .constant(let value): String(value)
        }
    }

    /// The sum of terms, each key read with `value`.
    static func sum(_ terms: [SumTerm], _ value: (String) -> Int64) -> Int64 {
        terms.reduce(Int64(0)) { total, term in
            switch term {
            case .key(let key): total &+ value(key)
            case .constant(let constant): total &+ constant
            }
        }
    }
}

/// How the server computes a derived trait from the character's other traits, on every write, before constraints run:
/// a sum of traits and constants clamped to `min`/`max` (YAML's `derived:`), or a module's function of the merged
/// character, which names the traits it reads. Nothing else can be said, so nothing can loop: the registry orders
/// derivations by what they read and refuses a cycle.
public struct Derivation: Sendable {
    public enum Rule: Sendable {
        case sum([SumTerm])
        /// A module's computation over the merged values (each key's value, or its default).
        case function(@Sendable (TraitValues) -> JSON)
    }

    public let rule: Rule
    /// The traits the value is computed from, in the order a message names them.
    public let sources: [String]
    public let min: Int64?
    public let max: Int64?

    public init(sum terms: [SumTerm], min: Int64? = nil, max: Int64? = nil) {
        rule = .sum(terms)
        sources = terms.compactMap(\.key)
        self.min = min
        self.max = max
    }

    /// A derivation in Swift: `compute` reads only `sources` (the registry orders derivations by them).
    public init(from sources: [String], _ compute: @escaping @Sendable (TraitValues) -> JSON) {
        rule = .function(compute)
        self.sources = sources
        min = nil
        max = nil
    }

    /// The value for the merged values `values`.
    func value(_ values: TraitValues) -> JSON {
        switch rule {
        case .sum(let terms):
            var total = SumTerm.sum(terms) { values.integer($0) }
            if let min { total = Swift.max(total, min) }
            if let max { total = Swift.min(total, max) }
            return .int(total)
        case .function(let compute):
            return compute(values)
        }
    }

    /// How a message describes it: `stamina + size`.
    public var formula: String {
        switch rule {
        case .sum(let terms): terms.map(\.description).joined(separator: " + ")
        case .function: sources.joined(separator: ", ")
        }
    }
}

/// A character's trait values as rules read them: each declared trait's stored value, or its default.
public struct TraitValues: Sendable {
    public let values: [String: JSON]
    let splat: Splat

    init(_ values: [String: JSON], splat: Splat) {
        self.values = values
        self.splat = splat
    }

    public subscript(key: String) -> JSON {
        values[key] ?? splat.trait(key)?.defaultValue ?? .null
    }

    /// An integer trait's value (0 when it has none).
    public func integer(_ key: String) -> Int64 {
        self[key].intValue ?? 0
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

/// A comparison of two sums of integer traits and constants: `superficial + aggravated <= total`,
/// `stains + humanity <= 10`, `health_total >= stamina + size`. Checked on the merged state (stored values plus the
/// write, derived traits computed) whenever a write touches one of its keys.
public struct SumConstraint: Sendable {
    public enum Comparison: String, Sendable, CaseIterable {
        case atMost = "at_most"
        case atLeast = "at_least"
        case equals

        var symbol: String {
            switch self {
            case .atMost: "≤"
            case .atLeast: "≥"
            case .equals: "="
            }
        }
    }

    public let terms: [SumTerm]
    public let comparison: Comparison
    public let limit: [SumTerm]
    public let message: String
    /// The field the error is reported on; `non_field_errors` when nil.
    public let field: String?
    public let location: SourceLocation

    public init(
        terms: [SumTerm], comparison: Comparison = .atMost, limit: [SumTerm], message: String, field: String?,
        location: SourceLocation
    ) {
        self.terms = terms
        self.comparison = comparison
        self.limit = limit
        self.message = message
        self.field = field
        self.location = location
    }

    /// Every key the constraint reads.
    public var involvedKeys: [String] { (terms + limit).compactMap(\.key) }

    /// The sum of the constraint's terms and of its limit, reading each key's value with `value`.
    public func evaluate(_ value: (String) -> Int64) -> (sum: Int64, limit: Int64) {
        (SumTerm.sum(terms, value), SumTerm.sum(limit, value))
    }

    /// True when the values meet the constraint.
    public func holds(_ value: (String) -> Int64) -> Bool {
        let (sum, limit) = evaluate(value)
        switch comparison {
        case .atMost: return sum <= limit
        case .atLeast: return sum >= limit
        case .equals: return sum == limit
        }
    }

    /// `a + b ≤ c + 2`, for diagnostics.
    public var formula: String {
        "\(terms.map(\.description).joined(separator: " + ")) \(comparison.symbol) \(limit.map(\.description).joined(separator: " + "))"
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
