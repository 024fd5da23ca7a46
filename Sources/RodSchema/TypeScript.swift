import RodCore

/// TypeScript declarations for every named schema (`rod.d.ts`): one exported type per schema, for the sheets, the
/// API's shapes and the gateway's frames. Generated from the same JSON Schema as the other documents, for the subset
/// of keywords this target writes (types, properties and `required`, `additionalProperties`, `items`, `enum`,
/// `const`, `anyOf`/`oneOf`, `allOf`, `$ref`).
public enum TypeScript {
    public static func declarations(_ schemas: SchemaSet) -> String {
        var output = """
            // Realm of Darkness: types generated from the splat registry and the API catalog.
            // Do not edit: regenerate with `rod schema export` (or `scripts/schema.sh`).

            """
        for name in schemas.names {
            guard let schema = schemas[name] else { continue }
            output += "\n"
            if let description = schema["description"]?.stringValue { output += comment(description, indent: "") }
            output += "export type \(name) = \(type(schema, indent: ""));\n"
        }
        return output
    }

    static func type(_ schema: JSON, indent: String) -> String {
        guard case .object(let object) = schema else { return schema.boolValue == false ? "never" : "unknown" }
        if let target = object["$ref"]?.stringValue { return String(target.split(separator: "/").last ?? "unknown") }
        if let value = object["const"] { return literal(value) }
        if let values = object["enum"]?.arrayValue { return union(values.map(literal)) }
        var parts: [String] = []
        if let options = (object["anyOf"] ?? object["oneOf"])?.arrayValue {
            let typed = options.filter(isType)
            if !typed.isEmpty { parts.append(union(typed.map { type($0, indent: indent) })) }
        }
        var base: String?
        if object["properties"] != nil || object["additionalProperties"] != nil || object["type"]?.stringValue == "object" {
            base = objectType(object, indent: indent)
        } else if let kinds = kinds(object) {
            base = union(
                kinds.map { kind in
                    switch kind {
                    case "array": "Array<\(object["items"].map { type($0, indent: indent) } ?? "unknown")>"
                    case "integer", "number": "number"
                    case "object": "Record<string, unknown>"
                    default: kind
                    }
                })
        }
        if let base {
            // Choices (`oneOf` of constants) say more than the primitive type they narrow.
            if parts.isEmpty || base.hasPrefix("{") { parts.insert(base, at: 0) }
        }
        if let all = object["allOf"]?.arrayValue { parts += all.map { type($0, indent: indent) } }
        if parts.isEmpty { return "unknown" }
        if parts.count == 1 { return parts[0] }
        // `anyOf` beside a base type narrows it: `base & (a | b)`.
        return parts.map { $0.contains(" | ") ? "(\($0))" : $0 }.joined(separator: " & ")
    }

    private static func objectType(_ object: JSONObject, indent: String) -> String {
        let inner = indent + "  "
        var lines: [String] = []
        let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        if case .object(let properties)? = object["properties"] {
            for (key, value) in properties {
                if let description = value["description"]?.stringValue { lines.append(comment(description, indent: inner)) }
                let name =
                    key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(key.first?.isNumber ?? true)
                    ? key : "\"\(key)\""
                let mark = value["readOnly"]?.boolValue == true ? "readonly " : ""
                lines.append("\(inner)\(mark)\(name)\(required.contains(key) ? "" : "?"): \(type(value, indent: inner));\n")
            }
        }
        switch object["additionalProperties"] {
        case .bool(false)?: break
        case let extra? where !(extra.boolValue ?? false): lines.append("\(inner)[key: string]: \(type(extra, indent: inner));\n")
        default: if object["properties"] == nil { lines.append("\(inner)[key: string]: unknown;\n") }
        }
        if lines.isEmpty { return "Record<string, never>" }
        return "{\n" + lines.joined() + indent + "}"
    }

    private static func kinds(_ object: JSONObject) -> [String]? {
        switch object["type"] {
        case .string(let kind)?: [kind]
        case .array(let kinds)?: kinds.compactMap(\.stringValue)
        default: nil
        }
    }

    /// An `anyOf`/`oneOf` member that describes a type (not only a `required` constraint).
    private static func isType(_ schema: JSON) -> Bool {
        guard case .object(let object) = schema else { return false }
        return ["$ref", "type", "const", "enum", "properties", "anyOf", "oneOf"].contains { object[$0] != nil }
    }

    private static func union(_ parts: [String]) -> String {
        var unique: [String] = []
        for part in parts where !unique.contains(part) { unique.append(part) }
        return unique.joined(separator: " | ")
    }

    private static func literal(_ value: JSON) -> String {
        switch value {
        case .null: "null"
        default: value.serializedString()
        }
    }

    private static func comment(_ text: String, indent: String) -> String {
        "\(indent)/** \(text.replacingOccurrences(of: "*/", with: "* /")) */\n"
    }
}
