import RodCore

/// The column names of a result, shared by its rows.
public final class SQLColumns: Sendable {
    public let names: [String]
    let index: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}

/// One row of a result, read by column name: `try row.decode(User.self)` for a record whose coding keys are its
/// columns, `try row["revision", as: Int64.self]` for one value.
public struct SQLRow: Sendable {
    public let columns: SQLColumns
    public let values: [SQLValue]

    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of a column; a missing column is a programming error reported as a store error.
    public func value(_ name: String) throws -> SQLValue {
        guard let position = columns.index[name] else { throw StoreError.database("no column \(name) in the result") }
        return values[position]
    }

    public subscript<T: SQLDecodable>(_ name: String, as type: T.Type = T.self) -> T {
        get throws { try T(sqlValue: try value(name), column: name) }
    }

    /// The row as a record whose coding keys name its columns.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try T(from: RowDecoder(row: self))
    }

    /// The row by column name, in the result's order, as `rod export` writes it.
    public var object: JSONObject {
        var object = JSONObject()
        for (name, value) in zip(columns.names, values) { object.appendNew(name, value.json) }
        return object
    }
}

/// A value one column holds. Flags read from SQLite's integers, integers from PostgreSQL's smaller types and
/// from whole reals; anything else is an error naming the column.
public protocol SQLDecodable {
    init(sqlValue: SQLValue, column: String) throws
}

extension Int64: SQLDecodable {
    public init(sqlValue: SQLValue, column: String) throws {
        switch sqlValue {
        case .int(let int): self = int
        case .bool(let bool): self = bool ? 1 : 0
        case .real(let real) where real.rounded() == real && abs(real) < 9e18: self = Int64(real)
        default: throw SQLValueMismatch(column: column, expected: "an integer", found: sqlValue)
        }
    }
}

extension Int: SQLDecodable {
    public init(sqlValue: SQLValue, column: String) throws { self = Int(try Int64(sqlValue: sqlValue, column: column)) }
}

extension Double: SQLDecodable {
    public init(sqlValue: SQLValue, column: String) throws {
        switch sqlValue {
        case .real(let real): self = real
        case .int(let int): self = Double(int)
        default: throw SQLValueMismatch(column: column, expected: "a number", found: sqlValue)
        }
    }
}

extension Bool: SQLDecodable {
    public init(sqlValue: SQLValue, column: String) throws {
        switch sqlValue {
        case .bool(let bool): self = bool
        case .int(let int): self = int != 0
        default: throw SQLValueMismatch(column: column, expected: "a flag", found: sqlValue)
        }
    }
}

extension String: SQLDecodable {
    public init(sqlValue: SQLValue, column: String) throws {
        guard case .text(let text) = sqlValue else {
            throw SQLValueMismatch(column: column, expected: "text", found: sqlValue)
        }
        self = text
    }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public init(sqlValue: SQLValue, column: String) throws {
        self = sqlValue == .null ? nil : try Wrapped(sqlValue: sqlValue, column: column)
    }
}

struct SQLValueMismatch: Error, CustomStringConvertible {
    let column: String
    let expected: String
    let found: SQLValue
    var description: String { "column \(column) holds \(found), not \(expected)" }
}

/// Decodes a record from a row: each coding key is a column.
private struct RowDecoder: Decoder {
    let row: SQLRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw StoreError.database("a row decodes only into a record keyed by column")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw StoreError.database("a row decodes only into a record keyed by column")
    }

    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLRow
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { row.columns.names.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { row.columns.index[key.stringValue] != nil }
        func decodeNil(forKey key: Key) throws -> Bool { try row.value(key.stringValue) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try row[key.stringValue] }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try row[key.stringValue] }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try row[key.stringValue] }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try row[key.stringValue] }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try row[key.stringValue] }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            throw StoreError.database("column \(key.stringValue): \(T.self) is not a column type")
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            throw StoreError.database("column \(key.stringValue) is not a record")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw StoreError.database("column \(key.stringValue) is not a list")
        }

        func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row) }
    }
}

/// The columns and values of a record whose coding keys name its columns, in the record's order; nil optionals
/// are NULL (not left out), so an insert names every column.
public struct SQLRecord: Sendable {
    public private(set) var columns: [String] = []
    public private(set) var values: [SQLValue] = []

    public init(_ record: some Encodable) throws {
        let encoder = RowEncoder()
        try record.encode(to: encoder)
        columns = encoder.storage.columns
        values = encoder.storage.values
    }

    /// Leaves out a column (one the database assigns, such as a new row's id).
    public func without(_ column: String) -> SQLRecord {
        var record = self
        if let position = columns.firstIndex(of: column) {
            record.columns.remove(at: position)
            record.values.remove(at: position)
        }
        return record
    }
}

private final class RowStorage {
    var columns: [String] = []
    var values: [SQLValue] = []

    func append(_ key: some CodingKey, _ value: SQLValue) {
        columns.append(key.stringValue)
        values.append(value)
    }
}

private struct RowEncoder: Encoder {
    let storage = RowStorage()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Columns(storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a record encodes as columns") }
    func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("a record encodes as columns") }

    struct Columns<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: RowStorage
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { storage.append(key, .null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { storage.append(key, .bool(value)) }
        mutating func encode(_ value: String, forKey key: Key) throws { storage.append(key, .text(value)) }
        mutating func encode(_ value: Double, forKey key: Key) throws { storage.append(key, .real(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { storage.append(key, .int(Int64(value))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { storage.append(key, .int(value)) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { storage.append(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { storage.append(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { storage.append(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { storage.append(key, value.sqlValue) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { storage.append(key, value.sqlValue) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            throw StoreError.database("column \(key.stringValue): \(T.self) is not a column type")
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            fatalError("column \(key.stringValue) is not a record")
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            fatalError("column \(key.stringValue) is not a list")
        }

        mutating func superEncoder() -> any Encoder { RowEncoder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { RowEncoder() }
    }
}
