import RodCore

/// A value bound to a statement, in a form both engines take. Flags are `bool`: SQLite stores them as 0 and 1,
/// PostgreSQL as `BOOLEAN`; times are seconds since 1970 (`real`).
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case real(Double)
    case text(String)
    case bool(Bool)

    /// As `rod export` writes a cell: flags as the engine stored them.
    public var json: JSON {
        switch self {
        case .null: .null
        case .int(let int): .int(int)
        case .real(let real): .double(real)
        case .text(let text): .string(text)
        case .bool(let bool): .bool(bool)
        }
    }
}

/// What can be bound to a statement.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

extension Int64: SQLBindable { public var sqlValue: SQLValue { .int(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .bool(self) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// A statement written once for both engines: text with a `?` for each bound value, in order. Interpolated values
/// are bound, never spliced into the text (`"... WHERE id = \(id)"`); `\(raw:)` splices trusted text (column lists,
/// the dialect's clauses), `\(list:)` binds each value of a list. PostgreSQL's engine numbers the placeholders
/// (`$1`, `$2`, ...) when it runs the statement; no statement has a `?` of its own.
public struct SQL: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var text: String
    public var values: [SQLValue]

    /// The most values bound in one `IN (...)` list: longer lists are read in parts of this size, well below what
    /// either engine allows in one statement.
    public static let listBatch = 500

    public init(_ text: String, _ values: [SQLValue] = []) {
        self.text = text
        self.values = values
    }

    public init(stringLiteral text: String) { self.init(text) }

    public init(stringInterpolation: StringInterpolation) {
        self.init(stringInterpolation.text, stringInterpolation.values)
    }

    public var description: String { text }

    public static func + (lhs: SQL, rhs: SQL) -> SQL { SQL(lhs.text + rhs.text, lhs.values + rhs.values) }
    public static func += (lhs: inout SQL, rhs: SQL) { lhs = lhs + rhs }

    /// The fragments joined by a separator (`" AND "`).
    public static func joined(_ parts: [SQL], separator: String) -> SQL {
        SQL(parts.map(\.text).joined(separator: separator), parts.flatMap(\.values))
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ""
        var values: [SQLValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 2)
            values.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        public mutating func appendInterpolation(_ value: some SQLBindable) {
            text += "?"
            values.append(value.sqlValue)
        }

        public mutating func appendInterpolation(raw: String) { text += raw }

        public mutating func appendInterpolation(_ fragment: SQL) {
            text += fragment.text
            values += fragment.values
        }

        /// `?, ?, ?`: one placeholder per value (`IN (\(list: ids))`); at most `SQL.listBatch` of them.
        public mutating func appendInterpolation(list: [some SQLBindable]) {
            text += Array(repeating: "?", count: list.count).joined(separator: ", ")
            values += list.map(\.sqlValue)
        }
    }
}
