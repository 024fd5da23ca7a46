import RodCore

/// Rules of Vampire: the Masquerade 5th edition that YAML cannot state: the structure of `disciplines`, the bot
/// routes only this line has (`BotRoutes.swift`), and the original's `v5` path for its web routes.
public enum SplatVampire5th {
    public static let module = SplatModule(name: "vampire5th") { registrar in
        registrar.validator("disciplines", accepts: disciplinesSchema, disciplines)
        registrar.botRoute(disciplineNames)
        registrar.botRoute(sheet)
        registrar.alias("v5", for: slug)
    }

    /// Keyed by the discipline's name.
    static let disciplinesSchema: ValueSchema = {
        let texts: JSON = ["type": ["array", "null"], "items": ["type": "string"]]
        var power = JSONObject()
        for field in powerFields { power[field.key] = ["type": "string", "maxLength": .int(Int64(field.maxLength))] }
        var powers = JSONObject()
        for level in powerLevels.sorted() {
            powers[level] = ["anyOf": [ValueSchema.reference("DisciplinePower"), ["type": "null"]]]
        }
        return ValueSchema(
            ["type": "object", "additionalProperties": ValueSchema.reference("Discipline")],
            definitions: [
                (
                    "Discipline",
                    [
                        "type": "object",
                        "properties": [
                            "name": ["type": "string", "maxLength": 50],
                            "description": texts,
                            "characteristics": texts,
                            "custom": ["const": 0],
                            "source": ["type": ["string", "null"], "maxLength": 50],
                            "value": ["type": "integer", "minimum": 0, "maximum": 5],
                            "powers": ["type": "object", "properties": .object(powers), "additionalProperties": false],
                        ],
                        "required": ["name", "custom", "value", "powers"],
                        "additionalProperties": false,
                    ]
                ),
                (
                    "DisciplinePower",
                    [
                        "type": "object", "properties": .object(power), "required": .array(powerFields.map { .string($0.key) }),
                        "additionalProperties": false,
                    ]
                ),
            ])
    }()

    static let entryKeys: Set<String> = ["name", "description", "characteristics", "custom", "powers", "source", "value"]
    static let powerLevels: Set<String> = ["1", "2", "3", "4", "5"]
    /// The fields of a power, their longest text, and how the original names them in messages.
    static let powerFields: [(key: String, maxLength: Int, label: String)] = [
        ("name", 50, "Name"), ("amalgam", 50, "Amalgam"), ("description", 1000, "Description"), ("cost", 50, "Cost"),
        ("dice_pool", 200, "dice_pool"), ("system", 1000, "System"), ("duration", 50, "Duration"),
    ]

    /// `{"Auspex": {"name", "description": [text], "characteristics": [text], "custom": 0, "source", "value": 0...5,
    /// "powers": {"1": null | power, ... "5"}}}`. `description`, `characteristics` and `source` may be omitted.
    static func disciplines(_ value: JSON, _ context: WriteContext) -> [ValidationMessage] {
        guard case .object(let disciplines) = value else { return [ValidationMessage("Disciplines should be a dictionary.")] }
        var problems = MessageList()
        for (key, entryValue) in disciplines {
            guard case .object(let entry) = entryValue else {
                problems.add("Data for '\(key)' should be a dictionary.")
                continue
            }
            if let extra = CoreRules.unexpectedKeys(entry, allowed: entryKeys) {
                problems.add("Unexpected keys found in Discipline '\(key)': \(extra)")
                continue
            }
            switch entry["name"] {
            case nil, .null?: problems.add("No name input")
            case .string(let name)?: if name.unicodeScalars.count > 50 { problems.add("Name too long") }
            default: problems.add("Name not a String")
            }
            checkTextList(
                entry["description"], label: "description", limit: 4000, tooLong: "Description is too long!", into: &problems)
            checkTextList(
                entry["characteristics"], label: "Characteristics", limit: 3000, tooLong: "Characteristics is too long!",
                into: &problems)
            switch entry["custom"] {
            case nil, .null?: problems.add("No custom input")
            case .int(let custom)?: if custom != 0 { problems.add("Invalid value for Custom") }
            default: problems.add("Custom not an Int")
            }
            switch entry["source"] {
            case nil, .null?: break
            case .string(let source)?: if source.unicodeScalars.count > 50 { problems.add("Source too long") }
            default: problems.add("Source not a String")
            }
            switch entry["value"] {
            case nil, .null?: problems.add("No Value input")
            case .int(let rating)?: if !(0...5).contains(rating) { problems.add("Invalid value for Value") }
            default: problems.add("Custom not an Int")
            }
            checkPowers(entry["powers"], discipline: key, into: &problems)
        }
        return problems.messages
    }

    private static func checkTextList(
        _ value: JSON?, label: String, limit: Int, tooLong: String, into problems: inout MessageList
    ) {
        guard let value, !value.isNull else { return }
        guard case .array(let items) = value else {
            problems.add("\(label) not a List")
            return
        }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                problems.add("item not a String")
                return
            }
            texts.append(text)
        }
        if texts.joined(separator: " ").unicodeScalars.count > limit { problems.add(tooLong) }
    }

    private static func checkPowers(_ value: JSON?, discipline: String, into problems: inout MessageList) {
        guard let value, !value.isNull else {
            problems.add("No Powers input")
            return
        }
        guard case .object(let powers) = value else {
            problems.add("Powers not a dict")
            return
        }
        if let extra = CoreRules.unexpectedKeys(powers, allowed: powerLevels) {
            problems.add("Unexpected keys found in \(discipline) Powers dict: \(extra)")
            return
        }
        let allowed = Set(powerFields.map(\.key))
        for (level, powerValue) in powers {
            if powerValue.isNull { continue }
            guard case .object(let power) = powerValue else {
                problems.add("Data for Power '\(level)' should be a dictionary.")
                continue
            }
            if let extra = CoreRules.unexpectedKeys(power, allowed: allowed) {
                problems.add("Unexpected keys found in \(discipline) Powers \(level) dict: \(extra)")
                continue
            }
            for field in powerFields {
                switch power[field.key] {
                case nil, .null?: problems.add("No Power \(field.key) input")
                case .string(let text)?:
                    if text.unicodeScalars.count > field.maxLength { problems.add("Power \(field.label) too long") }
                default: problems.add("Power \(field.label) not a String")
                }
            }
        }
    }
}
