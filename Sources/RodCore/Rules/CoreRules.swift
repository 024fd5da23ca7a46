/// Rules of the `character` base that YAML cannot state. Always installed by `Registry.load`.
public enum CoreRules {
    public static let module = SplatModule(name: "character") { registrar in
        registrar.validator("character_name", accepts: nameSchema, characterName)
        registrar.validator("hex_color", accepts: ValueSchema(["pattern": "^(#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}))?$"]), hexColor)
        registrar.validator("exp_spends", accepts: expSpendsSchema, expSpends)
    }

    static let nameSchema = ValueSchema(["minLength": 1, "maxLength": .int(Int64(maximumNameLength)), "pattern": "^[^~]"])

    static let expSpendsSchema = ValueSchema(
        ["type": "array", "items": ValueSchema.reference("ExpSpend")],
        definitions: [
            (
                "ExpSpend",
                [
                    "type": "object",
                    "properties": ["description": ["type": "string", "maxLength": 80], "cost": ["type": "integer"]],
                    "required": ["description", "cost"], "additionalProperties": false,
                ]
            )
        ])

    /// The longest character name. Longer names are refused with status 409, as the original intends.
    public static let maximumNameLength = 50

    /// The original's `validate_name`, with the status codes the bot switches on.
    static func characterName(_ value: JSON, _ context: WriteContext) -> [ValidationMessage] {
        guard case .string(let name) = value else { return [ValidationMessage("Not a valid string.")] }
        if name.isEmpty { return [ValidationMessage("You must input a Name.")] }
        if name.unicodeScalars.count > maximumNameLength {
            return [.status(409, "Name cannot be longer than \(maximumNameLength) characters.")]
        }
        if name.hasPrefix("~") { return [.status(422, "Character name cannot start with '~'.")] }
        return []
    }

    /// Empty, or `#rgb` / `#rrggbb`.
    static func hexColor(_ value: JSON, _ context: WriteContext) -> [ValidationMessage] {
        guard case .string(let text) = value else { return [ValidationMessage("Invalid hex color value.")] }
        if text.isEmpty { return [] }
        let digits = text.utf8.dropFirst()
        let valid = text.hasPrefix("#") && (digits.count == 3 || digits.count == 6) && digits.allSatisfy(\.isHexDigit)
        return valid ? [] : [ValidationMessage("Invalid hex color value.")]
    }

    /// A list of `{"description": text of at most 80 characters, "cost": integer}`.
    static func expSpends(_ value: JSON, _ context: WriteContext) -> [ValidationMessage] {
        guard case .array(let items) = value else { return [ValidationMessage("Invalid input.")] }
        var problems = MessageList()
        for item in items {
            guard case .object(let spend) = item else {
                problems.add("Invalid input.")
                continue
            }
            if let extra = unexpectedKeys(spend, allowed: ["description", "cost"]) {
                problems.add("Unexpected keys found in set: \(extra)")
                continue
            }
            guard case .string(let description)? = spend["description"], let cost = spend["cost"] else {
                problems.add("Invalid input.")
                continue
            }
            if description.unicodeScalars.count > 80 { problems.add("Description too long") }
            if cost.intValue == nil { problems.add("Cost must be a number") }
        }
        return problems.messages
    }

    /// The keys of an object outside `allowed`, formatted as the original prints a Python set; nil if none.
    public static func unexpectedKeys(_ object: JSONObject, allowed: Set<String>) -> String? {
        let extra = object.keys.filter { !allowed.contains($0) }
        guard !extra.isEmpty else { return nil }
        return "{" + extra.map { "'\($0)'" }.joined(separator: ", ") + "}"
    }
}

/// Validation messages without repeats, in the order first found.
public struct MessageList {
    public private(set) var messages: [ValidationMessage] = []

    public init() {}

    public mutating func add(_ text: String) {
        let message = ValidationMessage(text)
        if !messages.contains(message) { messages.append(message) }
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
