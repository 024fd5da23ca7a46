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

/// What a splat module may register: validators (names are global; YAML refers to them with `validator: <name>`),
/// bot routes, and other path segments for a splat's web routes.
public struct SplatRegistrar {
    public let module: String
    var validators: [(name: String, schema: ValueSchema, validator: ValueValidator)] = []
    var botRoutes: [BotRoute] = []
    var aliases: [(path: String, splat: String)] = []

    init(module: String) { self.module = module }

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
