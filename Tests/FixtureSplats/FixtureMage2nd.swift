import RodCore

/// Mage: the Awakening, 2nd edition, as a game line whose rules YAML cannot state (issue 23's fixture): a trait
/// derived by a table, a rule over the whole character, and a key computed for the views. A module of its own, as a
/// maintainer writes one: it imports RodCore only and touches no file of the core. Its YAML is
/// `Tests/Fixtures/splats-mage/mage2nd.yaml`.
public enum FixtureMage2nd {
    public static let slug = "mage2nd"

    public static let module = SplatModule(name: "fixture-mage2nd") { registrar in
        registrar.field(
            "mana_max", of: slug, kind: .integer(min: 10, max: 75),
            description: "The most Mana the mage holds, by Gnosis.", tracker: true,
            derivation: Derivation(from: ["gnosis"]) { values in .int(maximumMana(gnosis: values.integer("gnosis"))) })
        registrar.rule("ruling_arcana", for: slug, rulingArcana)
        registrar.computed(
            "spellcasting", for: slug, in: [.sheet, .tracker], schema: spellcastingSchema,
            description: "The dice of an improvised spell: Gnosis plus the highest Arcanum.", spellcasting)
    }

    static let arcana = ["death", "fate", "forces", "life", "matter", "mind", "prime", "space", "spirit", "time"]

    /// Each Path's two Ruling Arcana.
    static let ruling: [String: [String]] = [
        "acanthus": ["fate", "time"], "mastigos": ["mind", "space"], "moros": ["death", "matter"],
        "obrimos": ["forces", "prime"], "thyrsus": ["life", "spirit"],
    ]

    /// Mana a mage holds at each Gnosis, 1 to 10.
    static func maximumMana(gnosis: Int64) -> Int64 {
        let table: [Int64] = [10, 11, 12, 13, 15, 20, 25, 30, 50, 75]
        return table[Int(min(max(gnosis, 1), 10)) - 1]
    }

    /// A mage's Ruling Arcana are their strongest: no other Arcanum may be rated above the higher of the two.
    static func rulingArcana(_ values: TraitValues, _ context: WriteContext) -> ValidationErrors {
        var errors = ValidationErrors()
        guard let path = values["path"].stringValue, let rulers = ruling[path] else { return errors }
        let ceiling = rulers.map { values.integer($0) }.max() ?? 0
        for arcanum in arcana where !rulers.contains(arcanum) && values.integer(arcanum) > ceiling {
            errors.add(
                arcanum,
                ValidationMessage(
                    "No Arcanum may be rated above the \(path.capitalized) Path's Ruling Arcana (\(rulers.joined(separator: ", ")))."
                ))
        }
        return errors
    }

    static let spellcastingSchema = ValueSchema([
        "type": "object",
        "properties": [
            "gnosis": ["type": "integer"],
            "highest_arcanum": ["type": ["string", "null"], "enum": .array(arcana.map { .string($0) } + [.null])],
            "dice": ["type": "integer", "minimum": 1],
        ],
        "required": ["gnosis", "highest_arcanum", "dice"],
        "additionalProperties": false,
    ])

    static func spellcasting(_ values: TraitValues) -> JSON {
        let best = arcana.max { values.integer($0) < values.integer($1) }
        let rating = best.map { values.integer($0) } ?? 0
        return [
            "gnosis": .int(values.integer("gnosis")), "highest_arcanum": rating > 0 ? best.map(JSON.string) ?? .null : .null,
            "dice": .int(values.integer("gnosis") + rating),
        ]
    }
}
