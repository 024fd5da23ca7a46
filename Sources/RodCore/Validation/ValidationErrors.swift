/// One validation message and the code the original attaches to it: a DRF code (`invalid`, `max_value`,
/// `required`, ...) or an HTTP status the bot switches on (304 duplicate name, 409, 422 `~` names).
public struct ValidationMessage: Sendable, Hashable {
    public enum Code: Sendable, Hashable {
        case named(String)
        case status(Int)
    }

    public let message: String
    public let code: Code

    public init(_ message: String, code: Code = .named("invalid")) {
        self.message = message
        self.code = code
    }

    public static func status(_ status: Int, _ message: String) -> ValidationMessage {
        ValidationMessage(message, code: .status(status))
    }
}

/// Every problem found in one write, per field in the order found, as DRF reports them:
/// `{"hunger": ["Ensure this value is less than or equal to 5."], "non_field_errors": ["Too many stains"]}`.
public struct ValidationErrors: Error, Sendable, Equatable {
    /// The key DRF uses for errors that belong to no single field.
    public static let nonField = "non_field_errors"

    public private(set) var fields: [String] = []
    private var messagesByField: [String: [ValidationMessage]] = [:]

    public init() {}

    public init(_ field: String, _ message: ValidationMessage) {
        add(field, message)
    }

    public var isEmpty: Bool { fields.isEmpty }

    public mutating func add(_ field: String, _ message: ValidationMessage) {
        if messagesByField[field] == nil { fields.append(field) }
        messagesByField[field, default: []].append(message)
    }

    public mutating func add(_ field: String, _ messages: [ValidationMessage]) {
        for message in messages { add(field, message) }
    }

    public mutating func merge(_ other: ValidationErrors) {
        for field in other.fields { add(field, other.messages(for: field)) }
    }

    public func messages(for field: String) -> [ValidationMessage] {
        messagesByField[field] ?? []
    }

    /// The DRF error dictionary.
    public var json: JSON {
        var object = JSONObject()
        for field in fields {
            object[field] = .array(messages(for: field).map { .string($0.message) })
        }
        return .object(object)
    }
}

extension ValidationErrors: CustomStringConvertible {
    public var description: String { json.serializedString() }
}
