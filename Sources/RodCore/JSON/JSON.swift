/// A JSON value that keeps what the original API relies on and Foundation's decoders lose:
/// the order of object keys, and the difference between integers, fractional numbers and booleans.
///
/// Character documents, request bodies and every response body are built from this type.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    /// An empty object.
    public static var emptyObject: JSON { .object(JSONObject()) }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Python-style truthiness, which the original uses for optional flags and filters.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let o): !o.isEmpty
        }
    }

    /// The name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "list"
        case .object: "object"
        }
    }

    public subscript(key: String) -> JSON? {
        objectValue?[key]
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension JSON {
    public init(_ value: Int) { self = .int(Int64(value)) }
}

/// A JSON object whose keys keep their insertion order. Setting an existing key keeps its position;
/// equality ignores order, as JSON does.
///
/// Entries live in an array, so iterating and serializing never hash. Objects larger than
/// `indexThreshold` that are looked up also keep a key index; objects built for output only
/// (`appendNew`) skip it.
public struct JSONObject: Sendable, Hashable, Sequence {
    public typealias Element = (key: String, value: JSON)

    private var entries: [Element] = []
    private var index: [String: Int]?

    /// Below this many keys, lookups scan the entries; above it, set operations keep an index.
    static let indexThreshold = 12

    public init() {}

    public init(_ pairs: [(String, JSON)]) {
        entries.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// An object of pairs whose keys the caller knows are distinct (a dictionary's), in their order: no key is hashed
    /// or compared, and no lookup index is built until one is set. For objects built to be serialized.
    public init(uniqueKeysWithValues pairs: some Sequence<(key: String, value: JSON)>) {
        entries = Array(pairs)
        assert(Set(entries.map(\.key)).count == entries.count, "duplicate keys")
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var keys: [String] { entries.map(\.key) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    public subscript(key: String) -> JSON? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    if index != nil { rebuildIndex() }
                }
                return
            }
            guard let newValue else { return }
            entries.append((key, newValue))
            if index != nil {
                index![key] = entries.count - 1
            } else if entries.count > Self.indexThreshold {
                rebuildIndex()
            }
        }
    }

    /// Appends a key the caller knows is not present yet, without maintaining a lookup index:
    /// for objects built to be serialized.
    public mutating func appendNew(_ key: String, _ value: JSON) {
        if index != nil { index![key] = entries.count }
        entries.append((key, value))
    }

    private mutating func rebuildIndex() {
        var rebuilt: [String: Int] = [:]
        rebuilt.reserveCapacity(entries.count)
        for (offset, entry) in entries.enumerated() { rebuilt[entry.key] = offset }
        index = rebuilt
    }

    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    public func makeIterator() -> IndexingIterator<[Element]> {
        entries.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, like equality.
        var combined = 0
        for entry in entries {
            var entryHasher = Hasher()
            entryHasher.combine(entry.key)
            entryHasher.combine(entry.value)
            combined ^= entryHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}
