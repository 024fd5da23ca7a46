/// What a character view holds, in order: the one description both the views (`Splat.sheet`, `Splat.tracker`) and
/// their JSON Schemas (`RodSchema.SplatSchemas`) walk, so the shape of an answer and the schema of it cannot drift.
public enum SheetField: Sendable {
    /// A top-level trait.
    case trait(String)
    /// The character's id, after `name` as in the original.
    case id
    case splat
    case user, chronicle, member
    case createdAt, lastUpdated, faceclaim
    /// A nested group (`willpower`, `attributes`, ...).
    case group(TraitGroup)
    /// A key a module computes (`ComputedKey`), never stored.
    case computed(ComputedKey)
    case version

    /// The key the field has in the view's object.
    public var key: String {
        switch self {
        case .trait(let key): key
        case .id: "id"
        case .splat: "splat"
        case .user: "user"
        case .chronicle: "chronicle"
        case .member: "member"
        case .createdAt: "created_at"
        case .lastUpdated: "last_updated"
        case .faceclaim: "faceclaim"
        case .group(let group): group.key
        case .computed(let computed): computed.key
        case .version: "version"
        }
    }
}

/// The two shapes in which the API returns a character.
public enum SheetView: Sendable, CaseIterable {
    /// The full sheet (the original's "full serializer").
    case sheet
    /// The bot's compact view (the original's "tracker serializer"), also sent in gateway events.
    case tracker
}

extension Splat {
    /// The fields of a view, in the order the original's serializers write them. The sheet: base, edition and splat
    /// traits as top-level keys, relations, the base's groups, timestamps, the other groups, the modules' computed keys,
    /// then `version`. The tracker: the tracker traits, relations, timestamps, the tracker's groups, computed keys, then
    /// `version`.
    public func layout(_ view: SheetView) -> [SheetField] {
        view == .sheet ? sheetFields : trackerFields
    }

    static func layout(_ view: SheetView, sections: [SplatSection], computed: [ComputedKey]) -> [SheetField] {
        let groups = sections.flatMap(\.groups)
        var fields: [SheetField] = []
        for (offset, section) in sections.enumerated() {
            let keys = view == .sheet ? section.topLevelKeys : section.trackerKeys
            var wroteID = false
            for key in keys {
                fields.append(.trait(key))
                if offset == 0, key == "name" {
                    fields.append(.id)
                    wroteID = true
                }
            }
            if offset == 0 {
                if !wroteID { fields.append(.id) }
                fields.append(.splat)
            }
        }
        fields += [.user, .chronicle, .member]
        let timestamps: [SheetField] = [.createdAt, .lastUpdated, .faceclaim]
        switch view {
        case .sheet:
            fields += (sections.first?.groups ?? []).map(SheetField.group)
            fields += timestamps
            fields += sections.dropFirst().flatMap(\.groups).map(SheetField.group)
        case .tracker:
            fields += timestamps
            fields += groups.filter(\.inTracker).map(SheetField.group)
        }
        fields += computed.filter { $0.views.contains(view) }.map(SheetField.computed)
        fields.append(.version)
        return fields
    }
}
