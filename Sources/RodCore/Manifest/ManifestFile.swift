import Yams

/// One `splats/*.yaml` file as written, before `extends` is resolved. The format is documented in
/// `docs/splats.md`.
struct ManifestFile {
    enum Role: String { case base, splat }

    var role: Role
    var name: String
    var displayName: String?
    var extends: String?
    var version: String?
    var description: String?
    /// The original backend's model holding this file's fields, where it is not `haven.<name>` (`original_model:`).
    var originalModel: String?
    /// Keys shown in the tracker view (this file's top-level traits, inherited traits, groups); nil when the file does
    /// not say.
    var tracker: [String]?
    var trackerLocation: SourceLocation?
    /// Inherited traits this file leaves out (`drop:`).
    var dropped: [(key: String, location: SourceLocation)] = []
    /// Top-level traits, in order.
    var traits: [Trait] = []
    var groups: [TraitGroup] = []
    /// Traits declared inside groups, in order.
    var groupTraits: [Trait] = []
    var constraints: [SumConstraint] = []
    var damageTracks: [DamageTrack] = []
    var location: SourceLocation
}

/// Reads one YAML file into a `ManifestFile`, collecting every problem instead of stopping at the first.
struct ManifestReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    private static let fileKeys: Set<String> = [
        "base", "splat", "name", "extends", "version", "description", "tracker", "traits", "groups", "constraints",
        "damage", "drop", "original_model",
    ]
    private static let traitKeys: Set<String> = [
        "type", "min", "max", "default", "required", "nullable", "max_length", "blank", "max_items", "max_key_length", "choices",
        "access", "validator", "description", "messages", "derived", "renamed_from",
    ]
    private static let groupKeys: Set<String> = ["view", "tracker", "description", "traits", "categories"]
    private static let constraintKeys: Set<String> = ["sum", "at_most", "at_least", "equals", "message", "field"]
    private static let derivedKeys: Set<String> = ["sum", "min", "max"]
    private static let damageKeys: Set<String> = ["total", "levels"]

    mutating func read(_ text: String) -> ManifestFile? {
        guard let root = compose(text) else { return nil }
        guard case .mapping(let mapping) = root else {
            report(root, "a splat file must be a mapping with `base:` or `splat:`")
            return nil
        }
        checkKeys(mapping, allowed: Self.fileKeys, what: "file")
        guard var manifest = readHeader(mapping, root) else { return nil }
        if let traits = mapping["traits"] {
            manifest.traits = readTraits(traits)
        }
        if let drop = mapping["drop"] {
            if case .sequence(let items) = drop {
                manifest.dropped = items.compactMap { item in identifier(item, what: "drop").map { ($0, location(item)) } }
            } else {
                report(drop, "`drop` must be a list of inherited trait keys")
            }
        }
        if let groups = mapping["groups"] { readGroups(groups, into: &manifest) }
        if let constraints = mapping["constraints"] {
            if case .sequence(let items) = constraints {
                manifest.constraints = items.compactMap { readConstraint($0) }
            } else {
                report(constraints, "`constraints` must be a list")
            }
        }
        if let damage = mapping["damage"] { readDamage(damage, into: &manifest) }
        return manifest
    }

    /// The YAML's node tree; nil, with the parser's problem reported at its line, when the text is not YAML.
    private mutating func compose(_ text: String) -> Node? {
        do {
            if let root = try Yams.compose(yaml: text) { return root }
            report(nil, "a splat file must be a mapping with `base:` or `splat:`")
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let detail = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
                diagnostics.append(
                    Diagnostic(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)"))
            case .duplicatedKeysInMapping(let duplicates, let context):
                diagnostics.append(
                    Diagnostic(
                        file: file, line: context.mark.line, column: context.mark.column,
                        message: "duplicate keys: \(duplicates.joined(separator: ", "))"))
            default:
                report(nil, "invalid YAML: \(error)")
            }
        } catch {
            report(nil, "invalid YAML: \(error)")
        }
        return nil
    }

    /// The file's role and name, and what describes it: display name, parent, version, description, tracker.
    private mutating func readHeader(_ mapping: Node.Mapping, _ root: Node) -> ManifestFile? {
        let role: ManifestFile.Role
        let nameNode: Node
        switch (mapping["base"], mapping["splat"]) {
        case (let base?, nil):
            role = .base
            nameNode = base
        case (nil, let splat?):
            role = .splat
            nameNode = splat
        case (.some, .some):
            report(root, "a file declares either `base:` or `splat:`, not both")
            return nil
        case (nil, nil):
            report(root, "a file must declare `base: <name>` or `splat: <slug>`")
            return nil
        }
        guard let name = identifier(nameNode, what: role.rawValue) else { return nil }

        var manifest = ManifestFile(role: role, name: name, location: location(root))
        manifest.displayName = mapping["name"].flatMap { string($0, what: "name") }
        manifest.extends = mapping["extends"].flatMap { identifier($0, what: "extends") }
        manifest.version = mapping["version"].flatMap { string($0, what: "version") }
        manifest.description = mapping["description"].flatMap { string($0, what: "description") }
        if let model = mapping["original_model"] {
            if role == .base { report(model, "`original_model` names a splat's own model; a base's is `haven.<name>`") }
            manifest.originalModel = string(model, what: "original_model")
        }
        if role == .splat, manifest.displayName == nil {
            report(root, "splat `\(name)` needs a display `name:`")
        }
        if let tracker = mapping["tracker"] {
            manifest.tracker = stringList(tracker, what: "tracker")
            manifest.trackerLocation = location(tracker)
        }
        return manifest
    }

    private mutating func readGroups(_ groups: Node, into manifest: inout ManifestFile) {
        let entries = named(groups, what: "group key", "`groups` must be a mapping of group keys to groups")
        for (key, keyNode, groupNode) in entries {
            if let (group, traits) = readGroup(key: key, keyNode: keyNode, groupNode) {
                manifest.groups.append(group)
                manifest.groupTraits += traits
            }
        }
    }

    private mutating func readDamage(_ damage: Node, into manifest: inout ManifestFile) {
        let entries = named(
            damage, what: "damage track", "`damage` must be a mapping of track names to `{total: key, levels: [keys]}`")
        for (name, _, trackNode) in entries {
            if let track = readDamageTrack(name: name, trackNode) { manifest.damageTracks.append(track) }
        }
    }

    /// A mapping's entries whose keys are identifiers; the node not being a mapping is reported as `problem`.
    private mutating func named(_ node: Node, what: String, _ problem: String) -> [(name: String, key: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            report(node, problem)
            return []
        }
        var entries: [(name: String, key: Node, value: Node)] = []
        for (key, value) in mapping {
            if let name = identifier(key, what: what) { entries.append((name, key, value)) }
        }
        return entries
    }

    // MARK: Damage tracks

    /// `health: {total: health_total, levels: [health_superficial, health_aggravated]}`, levels least severe first.
    private mutating func readDamageTrack(name: String, _ node: Node) -> DamageTrack? {
        guard case .mapping(let map) = node else {
            report(node, "damage track `\(name)` must be a mapping with `total:` and `levels:`")
            return nil
        }
        checkKeys(map, allowed: Self.damageKeys, what: "damage track `\(name)`")
        guard let totalNode = map["total"], let total = identifier(totalNode, what: "total") else {
            report(node, "damage track `\(name)` needs `total:` (the key of its size)")
            return nil
        }
        guard let levelsNode = map["levels"], let levels = stringList(levelsNode, what: "levels"), !levels.isEmpty else {
            report(node, "damage track `\(name)` needs `levels:` (its damage keys, least severe first)")
            return nil
        }
        return DamageTrack(name: name, totalKey: total, levelKeys: levels, location: location(node))
    }

    // MARK: Traits

    private mutating func readTraits(_ node: Node) -> [Trait] {
        guard case .mapping(let map) = node else {
            report(node, "`traits` must be a mapping of trait keys to declarations")
            return []
        }
        var traits: [Trait] = []
        for (keyNode, traitNode) in map {
            guard let key = identifier(keyNode, what: "trait key") else { continue }
            if let trait = readTrait(key: key, keyNode: keyNode, traitNode) { traits.append(trait) }
        }
        return traits
    }

    private mutating func readTrait(key: String, keyNode: Node, _ node: Node) -> Trait? {
        guard case .mapping(let map) = node else {
            report(node, "trait `\(key)` must be a mapping such as `{min: 0, max: 5, default: 0}`")
            return nil
        }
        checkKeys(map, allowed: Self.traitKeys, what: "trait `\(key)`")
        guard var kind = readKind(map, node, key: key) else { return nil }
        let nullable = map["nullable"].flatMap { bool($0, what: "nullable") } ?? false
        let required = map["required"].flatMap { bool($0, what: "required") } ?? false
        var derivation: Derivation?
        if let derivedNode = map["derived"] {
            derivation = readDerivation(derivedNode, key: key)
            if case .integer = kind {} else { report(derivedNode, "trait `\(key)`: only an integer can be `derived`") }
            for word in ["default", "required", "min", "max", "access", "choices", "validator"] where map[word] != nil {
                report(
                    map[word],
                    "trait `\(key)`: a derived trait has no `\(word)` (the server computes it; bounds go in `derived:`)")
            }
        }
        let defaultValue: JSON
        if derivation != nil {
            defaultValue = .null
        } else if required {
            // Sent by every creation, so never defaulted.
            if map["default"] != nil { report(map["default"], "trait `\(key)`: a required trait has no `default`") }
            defaultValue = .null
        } else if let node = map["default"] {
            defaultValue = json(node)
        } else {
            if case .integer = kind, !nullable { report(node, "trait `\(key)`: an integer needs a `default`") }
            defaultValue = kind.emptyValue
        }
        if let derivation {
            // The schema's bounds are the derivation's clamps.
            kind = .integer(min: derivation.min, max: derivation.max)
        }
        return Trait(
            key: key, kind: kind, choices: map["choices"].flatMap { readChoices($0, key: key) }, defaultValue: defaultValue,
            required: required, nullable: nullable, access: readAccess(map["access"], key: key),
            validator: map["validator"].flatMap { identifier($0, what: "validator") },
            messages: map["messages"].map { readMessages($0, key: key) } ?? [:],
            description: map["description"].flatMap { string($0, what: "description") }, derivation: derivation,
            renamedFrom: map["renamed_from"].map { readRenames($0, key: key) } ?? [], location: location(keyNode))
    }

    /// The trait's type and its bounds; a bound that does not apply to the type is reported.
    private mutating func readKind(_ map: Node.Mapping, _ node: Node, key: String) -> TraitKind? {
        let typeName = map["type"].flatMap { string($0, what: "type") } ?? "integer"
        let blank = map["blank"].flatMap { bool($0, what: "blank") } ?? true
        let maxLength = map["max_length"].flatMap { int($0, what: "max_length") }
        let min = map["min"].flatMap { int($0, what: "min") }
        let max = map["max"].flatMap { int($0, what: "max") }
        let maxItems = map["max_items"].flatMap { int($0, what: "max_items") }
        let maxKeyLength = map["max_key_length"].flatMap { int($0, what: "max_key_length") }
        let kind: TraitKind
        switch typeName {
        case "integer": kind = .integer(min: min.map(Int64.init), max: max.map(Int64.init))
        case "string": kind = .string(maxLength: maxLength, allowBlank: blank)
        case "boolean": kind = .boolean
        case "list": kind = .list(maxItems: maxItems ?? TraitKind.defaultMaxItems)
        case "object":
            kind = .object(
                maxEntries: maxItems ?? TraitKind.defaultMaxEntries, maxKeyLength: maxKeyLength ?? TraitKind.defaultMaxKeyLength)
        default:
            report(map["type"], "trait `\(key)`: unknown type `\(typeName)`; use integer, string, boolean, list or object")
            return nil
        }
        if typeName != "integer", min != nil || max != nil {
            report(node, "trait `\(key)`: `min`/`max` apply to integers only")
        }
        if typeName != "string", maxLength != nil || map["blank"] != nil {
            report(node, "trait `\(key)`: `max_length`/`blank` apply to strings only")
        }
        if !["list", "object"].contains(typeName), maxItems != nil {
            report(node, "trait `\(key)`: `max_items` applies to lists and objects only")
        }
        if typeName != "object", maxKeyLength != nil {
            report(node, "trait `\(key)`: `max_key_length` applies to objects only")
        }
        for (bound, value) in [("max_items", maxItems), ("max_key_length", maxKeyLength)] {
            if let value, value < 1 { report(map[bound], "trait `\(key)`: `\(bound)` must be at least 1") }
        }
        return kind
    }

    /// `renamed_from: stains` or `renamed_from: [stains, stain]`.
    private mutating func readRenames(_ node: Node, key: String) -> [String] {
        let renamedFrom: [String]
        if case .scalar = node {
            renamedFrom = identifier(node, what: "renamed_from").map { [$0] } ?? []
        } else {
            renamedFrom = stringList(node, what: "renamed_from") ?? []
        }
        if renamedFrom.contains(key) { report(node, "trait `\(key)` cannot be renamed from itself") }
        return renamedFrom
    }

    private mutating func readAccess(_ node: Node?, key: String) -> TraitAccess {
        guard let node, let name = string(node, what: "access") else { return .anyone }
        if let value = TraitAccess(rawValue: name) { return value }
        report(node, "trait `\(key)`: access must be one of \(TraitAccess.allCases.map(\.rawValue).joined(separator: ", "))")
        return .anyone
    }

    /// The trait's own refusal messages, by the rule they replace.
    private mutating func readMessages(_ node: Node, key: String) -> [TraitMessage: String] {
        guard case .mapping(let messageMap) = node else {
            report(node, "trait `\(key)`: `messages` must be a mapping")
            return [:]
        }
        var messages: [TraitMessage: String] = [:]
        for (nameNode, textNode) in messageMap {
            guard let name = string(nameNode, what: "message name"), let text = string(textNode, what: "message") else {
                continue
            }
            if let message = TraitMessage(rawValue: name) {
                messages[message] = text
            } else {
                report(
                    nameNode,
                    "trait `\(key)`: unknown message `\(name)`; use \(TraitMessage.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
        return messages
    }

    /// `derived: {sum: [stamina, size, 1], min: 1, max: 12}`: a sum of traits and integers, clamped.
    private mutating func readDerivation(_ node: Node, key: String) -> Derivation? {
        guard case .mapping(let map) = node else {
            report(node, "trait `\(key)`: `derived` is a mapping such as `{sum: [stamina, size]}`")
            return nil
        }
        checkKeys(map, allowed: Self.derivedKeys, what: "`derived` of `\(key)`")
        guard let sumNode = map["sum"], let terms = sumTerms(sumNode, what: "sum"), !terms.isEmpty else {
            report(node, "trait `\(key)`: `derived` needs `sum: [traits or integers]`")
            return nil
        }
        let min = map["min"].flatMap { int($0, what: "min") }.map(Int64.init)
        let max = map["max"].flatMap { int($0, what: "max") }.map(Int64.init)
        if let min, let max, min > max { report(node, "trait `\(key)`: `derived` min \(min) is greater than max \(max)") }
        return Derivation(sum: terms, min: min, max: max)
    }

    /// A list of trait keys and integers (`[stamina, size, 1]`), or one of them alone.
    private mutating func sumTerms(_ node: Node, what: String) -> [SumTerm]? {
        func term(_ item: Node) -> SumTerm? {
            if case .scalar(let scalar) = item, scalar.style == .plain, let value = item.int { return .constant(Int64(value)) }
            return identifier(item, what: what).map(SumTerm.key)
        }
        switch node {
        case .sequence(let items):
            let terms = items.compactMap(term)
            return terms.count == items.count ? terms : nil
        case .scalar:
            return term(node).map { [$0] }
        default:
            report(node, "`\(what)` must be a trait key, an integer, or a list of them")
            return nil
        }
    }

    private mutating func readChoices(_ node: Node, key: String) -> [TraitChoice]? {
        switch node {
        case .sequence(let items):
            return items.map { TraitChoice(value: json($0), label: nil) }
        case .mapping(let map):
            return map.map { TraitChoice(value: json($0.key), label: string($0.value, what: "choice label")) }
        default:
            report(node, "trait `\(key)`: `choices` must be a list of values or a mapping of values to labels")
            return nil
        }
    }

    // MARK: Groups

    private mutating func readGroup(key: String, keyNode: Node, _ node: Node) -> (TraitGroup, [Trait])? {
        guard case .mapping(let map) = node else {
            report(node, "group `\(key)` must be a mapping with `view` and `traits` or `categories`")
            return nil
        }
        checkKeys(map, allowed: Self.groupKeys, what: "group `\(key)`")
        var view = GroupView.values
        if let viewNode = map["view"], let name = string(viewNode, what: "view") {
            if let value = GroupView(rawValue: name) {
                view = value
            } else {
                report(
                    viewNode, "group `\(key)`: view must be one of \(GroupView.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let inTracker = map["tracker"].flatMap { bool($0, what: "tracker") } ?? false
        var categories: [(name: String?, keys: [String])] = []
        var traits: [Trait] = []
        switch (map["traits"], map["categories"]) {
        case (let traitsNode?, nil):
            let read = readTraits(traitsNode)
            categories.append((nil, read.map(\.key)))
            traits = read
        case (nil, let categoriesNode?):
            guard case .mapping(let categoryMap) = categoriesNode else {
                report(categoriesNode, "group `\(key)`: `categories` must be a mapping of category names to traits")
                return nil
            }
            for (nameNode, traitsNode) in categoryMap {
                guard let name = identifier(nameNode, what: "category") else { continue }
                let read = readTraits(traitsNode)
                categories.append((name, read.map(\.key)))
                traits += read
            }
        default:
            report(node, "group `\(key)` needs exactly one of `traits` or `categories`")
            return nil
        }
        let group = TraitGroup(
            key: key, view: view, categories: categories, inTracker: inTracker,
            description: map["description"].flatMap { string($0, what: "description") }, location: location(keyNode))
        return (group, traits)
    }

    // MARK: Constraints

    private mutating func readConstraint(_ node: Node) -> SumConstraint? {
        guard case .mapping(let map) = node else {
            report(node, "a constraint is a mapping such as `{sum: [a, b], at_most: c, message: ...}`")
            return nil
        }
        checkKeys(map, allowed: Self.constraintKeys, what: "constraint")
        guard let sumNode = map["sum"], let terms = sumTerms(sumNode, what: "sum"), !terms.isEmpty else {
            report(node, "a constraint needs `sum: [keys or integers]`")
            return nil
        }
        let given = SumConstraint.Comparison.allCases.filter { map[$0.rawValue] != nil }
        guard given.count == 1, let comparison = given.first, let limitNode = map[comparison.rawValue] else {
            report(
                node,
                "a constraint needs exactly one of `at_most:`, `at_least:` or `equals:` (a trait key, an integer, or a list of them)"
            )
            return nil
        }
        guard let limit = sumTerms(limitNode, what: comparison.rawValue), !limit.isEmpty else { return nil }
        guard let message = map["message"].flatMap({ string($0, what: "message") }) else {
            report(node, "a constraint needs a `message:`")
            return nil
        }
        return SumConstraint(
            terms: terms, comparison: comparison, limit: limit, message: message,
            field: map["field"].flatMap { identifier($0, what: "field") }, location: location(node))
    }

    // MARK: Scalars

    mutating func report(_ node: Node?, _ message: String) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(file: file, line: mark?.line, column: mark?.column, message: message))
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
    }

    private mutating func checkKeys(_ map: Node.Mapping, allowed: Set<String>, what: String) {
        for keyNode in map.keys {
            guard let key = keyNode.string else { continue }
            if !allowed.contains(key) {
                report(keyNode, "unknown key `\(key)` in \(what); expected one of \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    private mutating func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, "`\(what)` must be a text")
            return nil
        }
        return scalar.string
    }

    private mutating func identifier(_ node: Node, what: String) -> String? {
        guard let text = string(node, what: what) else { return nil }
        let valid =
            !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_")
            }
        if !valid {
            report(node, "`\(what)` must be lowercase letters, digits and underscores, got `\(text)`")
            return nil
        }
        return text
    }

    private mutating func int(_ node: Node, what: String) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = node.int else {
            report(node, "`\(what)` must be an integer")
            return nil
        }
        return value
    }

    private mutating func bool(_ node: Node, what: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            report(node, "`\(what)` must be true or false")
            return nil
        }
        switch scalar.string {
        case "true": return true
        case "false": return false
        default:
            report(node, "`\(what)` must be true or false")
            return nil
        }
    }

    private mutating func stringList(_ node: Node, what: String) -> [String]? {
        guard case .sequence(let items) = node else {
            report(node, "`\(what)` must be a list")
            return nil
        }
        return items.compactMap { identifier($0, what: what) }
    }

    /// A YAML value as JSON: quoted scalars are strings; plain ones are null, booleans, integers, numbers or text.
    private mutating func json(_ node: Node) -> JSON {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
            switch scalar.string {
            case "", "~", "null": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: break
            }
            if let int = Int64(scalar.string) { return .int(int) }
            if let double = node.float, scalar.string.contains(where: { $0 == "." || $0 == "e" }) {
                return .double(double)
            }
            return .string(scalar.string)
        case .sequence(let items):
            return .array(items.map { json($0) })
        case .mapping(let map):
            var object = JSONObject()
            for (keyNode, valueNode) in map {
                object[keyNode.string ?? ""] = json(valueNode)
            }
            return .object(object)
        case .alias:
            report(node, "YAML aliases are not supported in splat files")
            return .null
        }
    }
}
