/// Discord ids ("snowflakes") as clients send them: JSON numbers or strings of digits.
public enum Snowflake {
    /// The id, or nil when the value is missing, negative or not a whole number.
    public static func parse(_ value: JSON?) -> Int64? {
        switch value {
        case .int(let id)? where id >= 0:
            return id
        case .string(let text)? where !text.isEmpty && text.utf8.count <= 20 && text.utf8.allSatisfy({ (48...57).contains($0) }):
            return Int64(text)
        case .double(let number)? where number >= 0 && number.rounded() == number && number < 9.2e18:
            return Int64(number)
        default:
            return nil
        }
    }

    /// Python's name for a JSON value's type, as DRF's messages print it.
    public static func pythonTypeName(_ value: JSON) -> String {
        switch value {
        case .null: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .double: "float"
        case .string: "str"
        case .array: "list"
        case .object: "dict"
        }
    }
}
