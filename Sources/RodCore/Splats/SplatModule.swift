/// The facts a write is checked against that are not in the value itself.
public struct WriteContext: Sendable {
    public enum Mode: Sendable { case create, update }
    /// The API a write came through; recorded in the character's history.
    public enum Face: String, Sendable {
        case bot, web, gateway, system
        /// `rod import`, from another backend's data.
        case imported = "import"
        /// A restore of an earlier revision (or of a deleted character), asked for on the web. The gateway's undo is a
        /// `gateway` write that names the revision it restored.
        case restore
        /// A splat file's change brought to stored characters: a derived trait computed, a renamed key moved
        /// (`rod splat migrate`, or the server catching derivations up).
        case migration = "migrate"
    }

    public var mode: Mode
    public var face: Face
    /// The requester owns the character.
    public var isOwner: Bool
    /// The requester is a storyteller or admin of the character's chronicle.
    public var isStaff: Bool

    public init(mode: Mode, face: Face, isOwner: Bool, isStaff: Bool) {
        self.mode = mode
        self.face = face
        self.isOwner = isOwner
        self.isStaff = isStaff
    }
}

/// Checks one value that passed its kind's checks (a list is a list, a string fits its length).
/// Returns every problem found; an empty list means the value is valid.
public typealias ValueValidator = @Sendable (_ value: JSON, _ context: WriteContext) -> [ValidationMessage]

/// A rule over a whole character, given its merged values (the stored ones, the write, derived traits computed):
/// the problems it finds, each on the field it names (or `ValidationErrors.nonField`).
public typealias CharacterRule = @Sendable (_ values: TraitValues, _ context: WriteContext) -> ValidationErrors

/// A key a module adds to a view (the sheet, the tracker view), computed from the character's values and never
/// written: a dice pool, a summary. `schema` describes it in the exported documents.
public struct ComputedKey: Sendable {
    public let key: String
    public let views: Set<SheetView>
    public let schema: ValueSchema
    public let description: String?
    let compute: @Sendable (TraitValues) -> JSON
    let module: String
}

/// What a splat module may register: validators (names are global; YAML refers to them with `validator: <name>`),
/// traits declared in Swift (derived ones included), rules over the whole character, computed keys of the views, bot
/// routes, and other path segments for a splat's web routes. Fields, rules and computed keys name a `level`: a splat,
/// or a base, for every splat that extends it.
public struct SplatRegistrar {
    public let module: String
    var validators: [(name: String, schema: ValueSchema, validator: ValueValidator)] = []
    var botRoutes: [BotRoute] = []
    var aliases: [(path: String, splat: String)] = []
    var fields: [(level: String, trait: Trait)] = []
    var rules: [(level: String, name: String, check: CharacterRule)] = []
    var computedKeys: [(level: String, key: ComputedKey)] = []

    init(module: String) { self.module = module }

    /// Declares a trait in Swift for `level`'s splats, after the level's YAML traits (top level of the sheet). With
    /// `derivation`, the server computes it on every write and clients cannot write it.
    public mutating func field(
        _ key: String, of level: String, kind: TraitKind, default defaultValue: JSON = .null, description: String? = nil,
        tracker: Bool = false, derivation: Derivation? = nil
    ) {
        let trait = Trait(
            key: key, kind: kind, defaultValue: defaultValue, description: description, inTracker: tracker,
            derivation: derivation, location: SourceLocation(file: "module \(module)", line: 0, column: 0))
        fields.append((level, trait))
    }

    /// A rule over the whole merged character of `level`'s splats, run on every write after the traits' own checks
    /// and the derivations, before the constraints.
    public mutating func rule(_ name: String, for level: String, _ check: @escaping CharacterRule) {
        rules.append((level, name, check))
    }

    /// A key computed for `level`'s splats in `views` (read-only; never stored), with the JSON Schema of its value.
    public mutating func computed(
        _ key: String, for level: String, in views: Set<SheetView> = [.sheet], schema: ValueSchema, description: String? = nil,
        _ compute: @escaping @Sendable (TraitValues) -> JSON
    ) {
        computedKeys.append(
            (
                level,
                ComputedKey(key: key, views: views, schema: schema, description: description, compute: compute, module: module)
            ))
    }

    /// Registers a validator that YAML traits name with `validator: <name>`, with the schema of the values it
    /// accepts (exported to frontends as the schema of every trait that names it).
    public mutating func validator(_ name: String, accepts schema: ValueSchema, _ validator: @escaping ValueValidator) {
        validators.append((name, schema, validator))
    }

    /// Adds a bot route (`bot/<path>`), mounted and documented with the core's.
    public mutating func botRoute(_ route: BotRoute) {
        botRoutes.append(route)
    }

    /// Serves a splat's web character routes under another path segment too (`api/character/get/<path>`), such as
    /// the original's `v5` for `vampire5th`.
    public mutating func alias(_ path: String, for splat: String) {
        aliases.append((path, splat))
    }
}

/// A splat module: the Swift half of a game line, for rules its YAML file cannot state.
/// A module is a value, a name plus an install function; the registry installs each once at load.
public struct SplatModule: Sendable {
    public let name: String
    let install: @Sendable (inout SplatRegistrar) -> Void

    public init(name: String, install: @escaping @Sendable (inout SplatRegistrar) -> Void) {
        self.name = name
        self.install = install
    }
}
