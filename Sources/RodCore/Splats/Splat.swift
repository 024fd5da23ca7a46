/// What one YAML file contributes to a splat: its top-level traits, its groups, its tracker keys.
public struct SplatSection: Sendable {
    /// The file's `base:` or `splat:` name.
    public let level: String
    /// Traits emitted as top-level keys of the sheet, in order.
    public let topLevelKeys: [String]
    /// The subset of `topLevelKeys` shown in the bot's tracker view.
    public let trackerKeys: [String]
    public let groups: [TraitGroup]
}

/// A game line as the API serves it (`vampire5th`, `werewolf20th`, ...): the traits of its edition bases
/// and its own, flattened in declaration order, plus the constraints between them.
public struct Splat: Sendable {
    /// The slug stored in `character.splat` and sent by clients.
    public let slug: String
    /// The game line's display name (`Vampire`).
    public let name: String
    /// The edition (`5th`, `20th`), emitted as `version` in sheets.
    public let version: String
    public let description: String?
    /// The original backend's model of the splat's own fields (`haven.demontf`), where it is not `haven.<slug>`.
    public let originalModel: String?
    /// The files this splat is assembled from, root first: `character`, `character5th`, `vampire5th`.
    public let sections: [SplatSection]
    /// Every trait a client may send, in sheet order (specialty companions follow their groups).
    public let traits: [Trait]
    public let constraints: [SumConstraint]
    /// The tracks that take damage, by the name a field update uses.
    public let damageTracks: [DamageTrack]
    public let location: SourceLocation
    /// Every group of the sheet, root level first.
    public let groups: [TraitGroup]
    /// Keys traits had before, each with the trait that holds its value now (`renamed_from:`).
    public let renames: [String: String]
    /// The derived traits, in an order where each comes after the derived traits it reads.
    public let derivedKeys: [String]
    /// The modules' rules over the whole character.
    public let rules: [(name: String, check: CharacterRule)]
    /// The modules' computed keys of the views.
    public let computedKeys: [ComputedKey]
    private let index: [String: Int]
    /// The fields of the sheet and tracker views, worked out once (`layout(_:)`).
    let sheetFields: [SheetField]
    let trackerFields: [SheetField]

    init(
        slug: String, name: String, version: String, description: String?, sections: [SplatSection],
        traits: [Trait], constraints: [SumConstraint], damageTracks: [DamageTrack] = [], renames: [String: String] = [:],
        derivedKeys: [String] = [], rules: [(name: String, check: CharacterRule)] = [], computedKeys: [ComputedKey] = [],
        originalModel: String? = nil, location: SourceLocation
    ) {
        self.slug = slug
        self.name = name
        self.version = version
        self.description = description
        self.originalModel = originalModel
        self.sections = sections
        self.traits = traits
        self.constraints = constraints
        self.damageTracks = damageTracks
        self.renames = renames
        self.derivedKeys = derivedKeys
        self.rules = rules
        self.computedKeys = computedKeys
        self.location = location
        self.groups = sections.flatMap(\.groups)
        var index: [String: Int] = [:]
        for (offset, trait) in traits.enumerated() { index[trait.key] = offset }
        self.index = index
        sheetFields = Self.layout(.sheet, sections: sections, computed: computedKeys)
        trackerFields = Self.layout(.tracker, sections: sections, computed: computedKeys)
    }

    /// A stored document may predate this declaration: a renamed key, a derived trait not computed yet.
    public var upgradesDocuments: Bool { !renames.isEmpty || !derivedKeys.isEmpty }

    /// The lineage, root first.
    public var lineage: [String] { sections.map(\.level) }

    public func trait(_ key: String) -> Trait? {
        index[key].map { traits[$0] }
    }

    public func damageTrack(_ name: String) -> DamageTrack? {
        damageTracks.first { $0.name == name }
    }

    /// The group a trait belongs to, if any.
    public func group(of key: String) -> TraitGroup? {
        groups.first { $0.keys.contains(key) }
    }

    /// A document holding every trait's default, for a new character (required traits, which have none, are left to
    /// the creation).
    public func defaults() -> [String: JSON] {
        var values: [String: JSON] = [:]
        values.reserveCapacity(traits.count)
        for trait in traits where !trait.required { values[trait.key] = trait.defaultValue }
        return values
    }

    /// The required traits `input` does not give, in declaration order.
    public func missingRequired(in input: JSONObject) -> [Trait] {
        traits.filter { $0.required && (input[$0.key]?.isNull ?? true) }
    }
}
