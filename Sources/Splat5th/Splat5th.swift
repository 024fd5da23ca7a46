import RodCore

/// Rules of the `character5th` base that YAML cannot state: the shape of advantage lists
/// (merits, flaws, backgrounds, haven, loresheets).
public enum Splat5th {
    public static let module = SplatModule(name: "character5th") { registrar in
        registrar.validator("advantages", accepts: advantagesSchema, advantages)
    }

    static let advantagesSchema = ValueSchema(
        ["type": "array", "items": ValueSchema.reference("Advantage")],
        definitions: [
            (
                "Advantage",
                [
                    "type": "object",
                    "properties": [
                        "name": ["type": "string", "maxLength": 80],
                        "description": ["type": "string", "maxLength": 1000],
                        "notes": ["type": "string", "maxLength": 1000],
                        "rating": ["type": "integer"],
                        "flaw": ["type": "boolean"],
                        "modifier": ["type": "integer"],
                    ],
                    "required": ["name", "description", "notes", "rating", "flaw", "modifier"],
                    "additionalProperties": false,
                ]
            )
        ])

    static let advantageKeys: Set<String> = ["name", "description", "notes", "rating", "flaw", "modifier"]

    /// A list of `{"name": ≤ 80, "description": ≤ 1000, "notes": ≤ 1000, "rating": int, "flaw": bool,
    /// "modifier": int}`, every key required, no other key allowed. Messages are the original's.
    static func advantages(_ value: JSON, _ context: WriteContext) -> [ValidationMessage] {
        guard case .array(let items) = value else { return [ValidationMessage("Invalid input.")] }
        var problems = MessageList()
        for item in items {
            guard case .object(let advantage) = item else {
                problems.add("Invalid input.")
                continue
            }
            if let extra = CoreRules.unexpectedKeys(advantage, allowed: advantageKeys) {
                problems.add("Unexpected keys found in set: \(extra)")
                continue
            }
            guard advantageKeys.allSatisfy(advantage.contains) else {
                problems.add("Invalid input.")
                continue
            }
            check(advantage["name"], maxLength: 80, tooLong: "name too long", into: &problems)
            check(advantage["description"], maxLength: 1000, tooLong: "Description too long", into: &problems)
            check(advantage["notes"], maxLength: 1000, tooLong: "Notes must be less then 1000 characters", into: &problems)
            if advantage["rating"]?.intValue == nil { problems.add("Rating must be a number") }
            if advantage["flaw"]?.boolValue == nil { problems.add("Invalid input.") }
            if advantage["modifier"]?.intValue == nil { problems.add("Invalid input.") }
        }
        return problems.messages
    }

    private static func check(_ value: JSON?, maxLength: Int, tooLong: String, into problems: inout MessageList) {
        guard case .string(let text)? = value else {
            problems.add("Invalid input.")
            return
        }
        if text.unicodeScalars.count > maxLength { problems.add(tooLong) }
    }
}
