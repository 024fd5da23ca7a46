import Foundation

/// Every splat the server knows, assembled once at start from `splats/*.yaml` and the splat modules,
/// then never changed. Passed explicitly to whatever needs it; there is no global registry.
public struct Registry: Sendable {
    /// The splats in slug order.
    public let splats: [Splat]
    private let bySlug: [String: Splat]
    private let validators: [String: ValueValidator]
    private let validatorSchemas: [String: ValueSchema]
    /// The bot routes the modules add, in the order they registered them.
    public let botRoutes: [BotRoute]
    /// Other path segments of splats' web routes (`v5` for `vampire5th`), as the modules registered them.
    public let aliases: [(path: String, splat: Splat)]

    init(
        splats: [Splat], validators: [String: ValueValidator], validatorSchemas: [String: ValueSchema],
        botRoutes: [BotRoute] = [], aliases: [(path: String, splat: String)] = []
    ) {
        self.splats = splats.sorted { $0.slug < $1.slug }
        let bySlug = Dictionary(uniqueKeysWithValues: splats.map { ($0.slug, $0) })
        self.bySlug = bySlug
        self.validators = validators
        self.validatorSchemas = validatorSchemas
        self.botRoutes = botRoutes
        self.aliases = aliases.compactMap { alias in bySlug[alias.splat].map { (alias.path, $0) } }
    }

    /// The path segment of each splat's web character routes (`api/character/get/<segment>`): its slug, then the
    /// aliases modules registered.
    public var webPaths: [(path: String, splat: Splat)] {
        splats.map { (path: $0.slug, splat: $0) } + aliases
    }

    public func splat(_ slug: String) -> Splat? { bySlug[slug] }

    public var slugs: [String] { splats.map(\.slug) }

    public func validator(named name: String) -> ValueValidator? { validators[name] }

    /// What the named validator accepts, as its module registered it.
    public func schema(ofValidator name: String) -> ValueSchema? { validatorSchemas[name] }

    /// Loads every `*.yaml` file of a folder. Throws every problem found, each with its file and line.
    public static func load(directory: String, modules: [SplatModule]) throws(ManifestError) -> Registry {
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw ManifestError(diagnostics: [
                Diagnostic(file: directory, message: "cannot read the splats folder: \(error.localizedDescription)")
            ])
        }
        var files: [(name: String, text: String)] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            do {
                files.append((name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)))
            } catch {
                diagnostics.append(Diagnostic(file: name, message: "cannot read: \(error.localizedDescription)"))
            }
        }
        if names.isEmpty {
            diagnostics.append(Diagnostic(file: directory, message: "no splat files (*.yaml) found"))
        }
        do {
            let registry = try load(files: files, modules: modules)
            if diagnostics.isEmpty { return registry }
        } catch {
            diagnostics += error.diagnostics
        }
        throw ManifestError(diagnostics: diagnostics)
    }

    /// Loads splat files given as (file name, YAML text). The core rules are always installed first.
    public static func load(files: [(name: String, text: String)], modules: [SplatModule]) throws(ManifestError) -> Registry {
        var assembler = RegistryAssembler()
        for (name, text) in files { assembler.read(file: name, text: text) }
        assembler.install(CoreRules.module, builtIn: true)
        for module in modules { assembler.install(module) }
        return try assembler.assemble()
    }
}

/// The loading pipeline behind `Registry.load`.
struct RegistryAssembler {
    private var files: [String: ManifestFile] = [:]
    private var fileOrder: [String] = []
    private var validators: [String: ValueValidator] = [:]
    private var validatorSchemas: [String: ValueSchema] = [:]
    /// Named schemas of every module's validators, and the module that first defined each.
    private var definitions: [String: (schema: JSON, module: String)] = [:]
    private var validatorOwners: [String: String] = [:]
    /// Validators of the core, which every deployment has whether or not its files use them.
    private var builtInValidators: Set<String> = []
    private var botRoutes: [(route: BotRoute, module: String)] = []
    private var aliases: [(path: String, splat: String, module: String)] = []
    /// What modules add to a level (a base or a splat), for every splat whose lineage holds it.
    private var fields: [(level: String, trait: Trait, module: String)] = []
    private var rules: [(level: String, name: String, check: CharacterRule, module: String)] = []
    private var computedKeys: [(level: String, key: ComputedKey)] = []
    private var diagnostics: [Diagnostic] = []

    mutating func read(file: String, text: String) {
        var reader = ManifestReader(file: file)
        let manifest = reader.read(text)
        diagnostics += reader.diagnostics
        guard let manifest else { return }
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        if stem != manifest.name {
            diagnostics.append(
                Diagnostic(manifest.location, "`\(manifest.name)` must be declared in a file named `\(manifest.name).yaml`"))
        }
        if let existing = files[manifest.name] {
            diagnostics.append(
                Diagnostic(manifest.location, "`\(manifest.name)` is already declared in \(existing.location.file)"))
            return
        }
        files[manifest.name] = manifest
        fileOrder.append(manifest.name)
    }

    mutating func install(_ module: SplatModule, builtIn: Bool = false) {
        var registrar = SplatRegistrar(module: module.name)
        module.install(&registrar)
        for route in registrar.botRoutes {
            if let other = botRoutes.first(where: { $0.route.path == route.path }) {
                diagnostics.append(
                    Diagnostic(
                        file: "module \(module.name)",
                        message: "bot route `\(route.path)` is already added by module \(other.module)"))
                continue
            }
            botRoutes.append((route, module.name))
        }
        aliases += registrar.aliases.map { ($0.path, $0.splat, module.name) }
        fields += registrar.fields.map { ($0.level, $0.trait, module.name) }
        rules += registrar.rules.map { ($0.level, $0.name, $0.check, module.name) }
        computedKeys += registrar.computedKeys
        for (name, schema, validator) in registrar.validators {
            if let owner = validatorOwners[name] {
                diagnostics.append(
                    Diagnostic(
                        file: "module \(module.name)", message: "validator `\(name)` is already registered by module \(owner)"))
                continue
            }
            for (definition, definitionSchema) in schema.definitions {
                if let existing = definitions[definition], existing.schema != definitionSchema {
                    diagnostics.append(
                        Diagnostic(
                            file: "module \(module.name)",
                            message:
                                "schema `\(definition)` of validator `\(name)` differs from the one module \(existing.module) defines"
                        ))
                }
                if definitions[definition] == nil { definitions[definition] = (definitionSchema, module.name) }
            }
            validators[name] = validator
            validatorSchemas[name] = schema
            validatorOwners[name] = module.name
            if builtIn { builtInValidators.insert(name) }
        }
    }

    mutating func assemble() throws(ManifestError) -> Registry {
        var splats: [Splat] = []
        var usedValidators: Set<String> = []
        for name in fileOrder {
            guard let file = files[name] else { continue }
            if let chain = lineage(of: file) {
                if file.role == .splat, let splat = build(file, chain: chain, usedValidators: &usedValidators) {
                    splats.append(splat)
                }
            }
        }
        if splats.isEmpty, diagnostics.isEmpty {
            diagnostics.append(Diagnostic(file: "splats", message: "no `splat:` file found"))
        }
        for name in validators.keys.sorted() where !usedValidators.contains(name) && !builtInValidators.contains(name) {
            diagnostics.append(
                Diagnostic(
                    file: "module \(validatorOwners[name] ?? "?")",
                    message: "validator `\(name)` is registered but no trait names it"))
        }
        // Against the splat files declared, built or not: a splat with a problem of its own is reported once.
        let slugs = Set(files.values.filter { $0.role == .splat }.map(\.name))
        var paths = slugs
        let levels = Set(files.keys)
        for (level, module) in fields.map({ ($0.level, $0.module) }) + rules.map({ ($0.level, $0.module) })
            + computedKeys.map({ ($0.level, $0.key.module) }) where !levels.contains(level)
        {
            diagnostics.append(
                Diagnostic(file: "module \(module)", message: "module \(module) adds to `\(level)`, which no file declares"))
        }
        for alias in aliases {
            if !slugs.contains(alias.splat) {
                diagnostics.append(
                    Diagnostic(
                        file: "module \(alias.module)",
                        message: "alias `\(alias.path)` names `\(alias.splat)`, which no file declares"))
            } else if !paths.insert(alias.path).inserted {
                diagnostics.append(
                    Diagnostic(file: "module \(alias.module)", message: "alias `\(alias.path)` is already a splat's path"))
            }
        }
        var seen: Set<Diagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        if !unique.isEmpty { throw ManifestError(diagnostics: unique) }
        return Registry(
            splats: splats, validators: validators, validatorSchemas: validatorSchemas, botRoutes: botRoutes.map(\.route),
            aliases: aliases.map { ($0.path, $0.splat) })
    }

    /// The files a file is assembled from, root first; nil (with a diagnostic) when `extends` is broken.
    private mutating func lineage(of file: ManifestFile) -> [ManifestFile]? {
        var chain = [file]
        var current = file
        while let parentName = current.extends {
            guard let parent = files[parentName] else {
                diagnostics.append(
                    Diagnostic(current.location, "`\(current.name)` extends `\(parentName)`, which no file declares"))
                return nil
            }
            guard parent.role == .base else {
                diagnostics.append(
                    Diagnostic(
                        current.location,
                        "`\(current.name)` extends `\(parentName)`, which is a splat; only a `base:` can be extended"))
                return nil
            }
            if chain.contains(where: { $0.name == parent.name }) {
                diagnostics.append(Diagnostic(current.location, "`extends` forms a cycle through `\(parentName)`"))
                return nil
            }
            chain.append(parent)
            current = parent
        }
        return chain.reversed()
    }

    private mutating func build(_ file: ManifestFile, chain: [ManifestFile], usedValidators: inout Set<String>) -> Splat? {
        let problemsBefore = diagnostics.count
        let declared = declare(chain)
        let (sections, groupOf, tracked) = layout(declared)
        let traits: [Trait] = declared.list.traits.compactMap { trait in
            // A dropped rated trait takes its specialties with it.
            let rated = trait.kind == .specialty ? String(trait.key.dropLast("_spec".count)) : trait.key
            guard !declared.dropped.contains(trait.key), !declared.dropped.contains(rated) else { return nil }
            return trait.with(inTracker: groupOf[trait.key]?.inTracker ?? tracked.contains(trait.key))
        }
        guard let version = declared.version else {
            diagnostics.append(Diagnostic(file.location, "splat `\(file.name)` has no `version` in its file or its bases"))
            return nil
        }
        let byKey = Dictionary(traits.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for trait in traits {
            check(trait, usedValidators: &usedValidators)
        }
        for constraint in declared.constraints {
            for key in constraint.involvedKeys {
                requireInteger(key, of: file.name, byKey, "constraint", at: constraint.location)
            }
            if let field = constraint.field, byKey[field] == nil {
                diagnostics.append(
                    Diagnostic(constraint.location, "constraint reports on `\(field)`, which `\(file.name)` does not declare"))
            }
        }
        let derivedKeys = orderDerivations(traits, of: file.name, byKey: byKey)
        let renames = checkRenames(traits, of: file.name, byKey: byKey)
        checkDamageTracks(declared.damageTracks, of: file.name, traits: byKey)
        let lineage = Set(chain.map(\.name))
        let splatRules = rules.filter { lineage.contains($0.level) }.map { (name: $0.name, check: $0.check) }
        let groups = sections.flatMap(\.groups).map(\.key)
        let computed = computedKeys(of: file.name, lineage: lineage, taken: Set(byKey.keys).union(groups))
        guard diagnostics.count == problemsBefore else { return nil }
        let splat = Splat(
            slug: file.name, name: file.displayName ?? file.name, version: version, description: file.description,
            sections: sections, traits: traits, constraints: declared.constraints, damageTracks: declared.damageTracks,
            renames: renames, derivedKeys: derivedKeys, rules: splatRules, computedKeys: computed,
            originalModel: file.originalModel, location: file.location)
        checkDefaultsMeetConstraints(splat)
        return splat
    }

    /// What a splat's files declare, root first, before drops are applied.
    private struct Declared {
        var list = TraitList()
        /// Each level's top-level keys and groups, as declared.
        var levels: [(level: ManifestFile, topKeys: [String], groups: [TraitGroup])] = []
        var constraints: [SumConstraint] = []
        var damageTracks: [DamageTrack] = []
        var dropped: Set<String> = []
        var version: String?
    }

    /// The traits of a splat in declaration order; a later level's top-level trait may redeclare an inherited one,
    /// which keeps its place.
    private struct TraitList {
        var traits: [Trait] = []
        private var position: [String: Int] = [:]
        var declaredAt: [String: (location: SourceLocation, level: String)] = [:]
        var diagnostics: [Diagnostic] = []

        /// True when the trait is new (not a redeclaration, not refused).
        mutating func add(_ trait: Trait, level: String, redeclarable: Bool) -> Bool {
            if let previous = declaredAt[trait.key] {
                guard redeclarable, previous.level != level, let index = position[trait.key] else {
                    diagnostics.append(
                        Diagnostic(trait.location, "trait `\(trait.key)` is already declared at \(previous.location)"))
                    return false
                }
                traits[index] = trait
                declaredAt[trait.key] = (trait.location, level)
                return false
            }
            declaredAt[trait.key] = (trait.location, level)
            position[trait.key] = traits.count
            traits.append(trait)
            return true
        }
    }

    /// Every level's traits, groups (with rated traits' specialties), constraints, damage tracks and drops.
    private mutating func declare(_ chain: [ManifestFile]) -> Declared {
        var declared = Declared()
        for level in chain {
            declared.version = level.version ?? declared.version
            for (key, location) in level.dropped {
                if CharacterRecord.coreKeys.contains(key) {
                    diagnostics.append(Diagnostic(location, "`\(key)` cannot be dropped: the server itself reads it"))
                } else if declared.list.declaredAt[key] == nil || level.traits.contains(where: { $0.key == key }) {
                    diagnostics.append(
                        Diagnostic(location, "`\(level.name)` drops `\(key)`, which none of the files it extends declares"))
                }
                declared.dropped.insert(key)
            }
            var topKeys: [String] = []
            let moduleFields = fields.filter { $0.level == level.name }.map(\.trait)
            for trait in level.traits + moduleFields where declared.list.add(trait, level: level.name, redeclarable: true) {
                topKeys.append(trait.key)
            }
            declareGroups(of: level, into: &declared.list)
            declared.constraints += level.constraints
            declared.damageTracks += level.damageTracks
            declared.levels.append((level, topKeys, level.groups))
        }
        diagnostics += declared.list.diagnostics
        declared.list.diagnostics = []
        return declared
    }

    /// A level's group traits, and a specialty trait for each rated one.
    private mutating func declareGroups(of level: ManifestFile, into list: inout TraitList) {
        let groupTraits = Dictionary(level.groupTraits.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for group in level.groups {
            for key in group.keys {
                guard let trait = groupTraits[key] else { continue }
                if group.view == .tracker, !key.hasPrefix(group.key + "_") {
                    diagnostics.append(
                        Diagnostic(
                            trait.location, "trait `\(key)` of tracker group `\(group.key)` must be named `\(group.key)_<part>`"))
                }
                _ = list.add(trait, level: level.name, redeclarable: false)
            }
            guard group.view == .ratings else { continue }
            for key in group.keys {
                guard let rated = groupTraits[key] else { continue }
                _ = list.add(
                    Trait(
                        key: TraitGroup.specialtyKey(of: key), kind: .specialty, defaultValue: .null, nullable: true,
                        description: "Specialties of \(key)", location: rated.location),
                    level: level.name, redeclarable: false)
            }
        }
    }

    /// The sheet's sections, drops applied, and what the tracker view shows: each file's `tracker:` (its own top-level
    /// traits, inherited ones, groups), a splat's own top-level traits when it says nothing, and groups marked
    /// `tracker: true`. Answers the sections, the group of each grouped trait, and the tracked keys.
    private mutating func layout(_ declared: Declared) -> (
        sections: [SplatSection], groupOf: [String: TraitGroup], tracked: Set<String>
    ) {
        var tracked: Set<String> = []
        var visible: Set<String> = []
        var trackerOrder: [String: [String]] = [:]
        for (level, topKeys, groups) in declared.levels {
            visible.formUnion(topKeys)
            visible.formUnion(groups.map(\.key))
            // A module's field asks for the tracker view itself.
            let moduleTracked = fields.filter { $0.level == level.name && $0.trait.inTracker }.map(\.trait.key)
            let names = (level.tracker ?? (level.role == .splat ? topKeys : [])) + moduleTracked
            for name in names where !visible.contains(name) || declared.dropped.contains(name) {
                diagnostics.append(
                    Diagnostic(
                        level.trackerLocation ?? level.location,
                        "tracker key `\(name)` is neither a top-level trait nor a group of `\(level.name)` or the files it extends"
                    ))
            }
            tracked.formUnion(names)
            trackerOrder[level.name] = names.filter(topKeys.contains)
        }
        var groupOf: [String: TraitGroup] = [:]
        var sections: [SplatSection] = []
        for (level, topKeys, groups) in declared.levels {
            let keptGroups = groups.map { group in
                TraitGroup(
                    key: group.key, view: group.view,
                    categories: group.categories.map { ($0.name, $0.keys.filter { !declared.dropped.contains($0) }) },
                    inTracker: group.inTracker || tracked.contains(group.key), description: group.description,
                    location: group.location)
            }
            for group in keptGroups { for key in group.keys { groupOf[key] = group } }
            let keys = topKeys.filter { !declared.dropped.contains($0) }
            // The file's own tracker list first, in its order; then its traits a later file's list names.
            let own = (trackerOrder[level.name] ?? []).filter(keys.contains)
            let trackerKeys = own + keys.filter { tracked.contains($0) && !own.contains($0) }
            sections.append(SplatSection(level: level.name, topLevelKeys: keys, trackerKeys: trackerKeys, groups: keptGroups))
        }
        return (sections, groupOf, tracked)
    }

    /// The modules' computed keys for a splat of this lineage; one that is already a trait, a group or another
    /// computed key is reported.
    private mutating func computedKeys(of splat: String, lineage: Set<String>, taken: Set<String>) -> [ComputedKey] {
        var computed: [ComputedKey] = []
        for (_, key) in computedKeys.filter({ lineage.contains($0.level) }) {
            if taken.contains(key.key) || computed.contains(where: { $0.key == key.key }) {
                diagnostics.append(
                    Diagnostic(
                        file: "module \(key.module)",
                        message: "computed key `\(key.key)` of `\(splat)` is already a trait, a group or a computed key"))
                continue
            }
            computed.append(key)
        }
        return computed
    }

    /// The derived traits in an order where each follows the derived traits it reads. A source the splat does not
    /// declare, a sum's source that is not an integer, and a cycle are reported.
    private mutating func orderDerivations(_ traits: [Trait], of splat: String, byKey: [String: Trait]) -> [String] {
        let derived = traits.filter { $0.derivation != nil }
        for trait in derived {
            guard let derivation = trait.derivation else { continue }
            for source in derivation.sources {
                if case .sum = derivation.rule {
                    requireInteger(source, of: splat, byKey, "derived trait `\(trait.key)`", at: trait.location)
                } else if byKey[source] == nil {
                    diagnostics.append(
                        Diagnostic(
                            trait.location, "derived trait `\(trait.key)` reads `\(source)`, which `\(splat)` does not declare"))
                }
            }
        }
        var order: [String] = []
        var state: [String: Bool] = [:]  // false while visiting, true once ordered
        func visit(_ trait: Trait, path: [String]) {
            if state[trait.key] == true { return }
            if state[trait.key] == false {
                let cycle = path.drop { $0 != trait.key } + [trait.key]
                diagnostics.append(
                    Diagnostic(trait.location, "derived traits form a cycle: \(cycle.joined(separator: " → "))"))
                return
            }
            state[trait.key] = false
            for source in trait.derivation?.sources ?? [] {
                if let next = byKey[source], next.derivation != nil { visit(next, path: path + [trait.key]) }
            }
            state[trait.key] = true
            order.append(trait.key)
        }
        for trait in derived { visit(trait, path: []) }
        return order
    }

    /// `key` is an integer trait of the splat; reported otherwise, as what `what` names.
    private mutating func requireInteger(
        _ key: String, of splat: String, _ byKey: [String: Trait], _ what: String, at location: SourceLocation
    ) {
        guard let trait = byKey[key] else {
            diagnostics.append(Diagnostic(location, "\(what) names `\(key)`, which `\(splat)` does not declare"))
            return
        }
        if case .integer = trait.kind {
        } else {
            diagnostics.append(Diagnostic(location, "\(what) names `\(key)`, which is not an integer"))
        }
    }

    /// Old keys by the trait that replaces them. An old key the splat still declares, or that two traits claim, is
    /// reported.
    private mutating func checkRenames(_ traits: [Trait], of splat: String, byKey: [String: Trait]) -> [String: String] {
        var renames: [String: String] = [:]
        for trait in traits {
            for old in trait.renamedFrom {
                if byKey[old] != nil {
                    diagnostics.append(
                        Diagnostic(
                            trait.location,
                            "trait `\(trait.key)` is renamed from `\(old)`, which `\(splat)` still declares; drop or rename it"))
                } else if let other = renames[old] {
                    diagnostics.append(
                        Diagnostic(trait.location, "`\(old)` is renamed to both `\(other)` and `\(trait.key)`"))
                } else {
                    renames[old] = trait.key
                }
            }
        }
        return renames
    }

    /// Every key of a damage track is an integer trait of the splat; a track's name is not also a trait's key, and
    /// no two tracks share a name.
    private mutating func checkDamageTracks(_ tracks: [DamageTrack], of splat: String, traits: [String: Trait]) {
        var names: Set<String> = []
        for track in tracks {
            if !names.insert(track.name).inserted {
                diagnostics.append(Diagnostic(track.location, "damage track `\(track.name)` is declared twice"))
            }
            if traits[track.name] != nil {
                diagnostics.append(
                    Diagnostic(
                        track.location,
                        "damage track `\(track.name)` has the name of a trait; a field update could not tell them apart"))
            }
            for key in [track.totalKey] + track.levelKeys {
                requireInteger(key, of: splat, traits, "damage track `\(track.name)`", at: track.location)
            }
        }
    }

    /// A trait's own declaration must be consistent: its validator exists, and its default passes its checks, its
    /// choices and its validator (what the API accepts, and what the exported schema says it accepts).
    private mutating func check(_ trait: Trait, usedValidators: inout Set<String>) {
        if let name = trait.validator {
            if validators[name] == nil {
                diagnostics.append(
                    Diagnostic(trait.location, "trait `\(trait.key)` names validator `\(name)`, which no splat module registers"))
            }
            usedValidators.insert(name)
        }
        if case .integer(let min?, let max?) = trait.kind, min > max {
            diagnostics.append(Diagnostic(trait.location, "trait `\(trait.key)`: min \(min) is greater than max \(max)"))
        }
        if trait.required || trait.derivation != nil { return }  // it has no default
        if trait.defaultValue.isNull, !trait.nullable, trait.kind != .specialty { return }  // reported by the reader
        var problems: [ValidationMessage]
        do {
            let normalized = try TraitCheck.normalize(trait.defaultValue, for: trait)
            let context = WriteContext(mode: .create, face: .system, isOwner: true, isStaff: true)
            problems = trait.validator.flatMap { validators[$0] }.map { $0(normalized, context) } ?? []
        } catch {
            problems = error.messages
        }
        if !problems.isEmpty {
            diagnostics.append(
                Diagnostic(
                    trait.location,
                    "trait `\(trait.key)`: default \(trait.defaultValue) is refused by its own declaration: \(problems.map(\.message).joined(separator: " "))\(trait.defaultValue == "" ? " (a value every creation must send is declared `required: true`, without a default)" : "")"
                ))
        }
    }

    /// A new character holds the defaults (and what they derive), so they must satisfy every constraint.
    private mutating func checkDefaultsMeetConstraints(_ splat: Splat) {
        var defaults = splat.defaults()
        splat.derive(&defaults)
        for constraint in splat.constraints where !constraint.holds({ defaults[$0]?.intValue ?? 0 }) {
            let (sum, limit) = constraint.evaluate { defaults[$0]?.intValue ?? 0 }
            diagnostics.append(
                Diagnostic(
                    constraint.location,
                    "the defaults of `\(splat.slug)` break this constraint (\(constraint.formula): \(sum) against \(limit))"))
        }
    }
}
