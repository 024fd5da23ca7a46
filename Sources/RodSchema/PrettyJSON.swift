import RodCore

extension JSON {
    /// Indented by two spaces, keys in their order, ending with a newline: for files people read and diff.
    public func prettyPrinted() -> String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let items) where items.contains(where: \.isContainer):
            out += "[\n"
            for (offset, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += offset == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let object) where !object.isEmpty:
            out += "{\n"
            for (offset, (key, value)) in object.enumerated() {
                out += inner + JSON.string(key).serializedString() + ": "
                value.write(into: &out, indent: inner)
                out += offset == object.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let items):
            // Scalars stay on one line: `"required": ["id", "name"]`.
            out += "[" + items.map { $0.serializedString() }.joined(separator: ", ") + "]"
        default:
            out += serializedString()
        }
    }

    private var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}
