/// The facts a write is checked against that are not in the value itself.
public struct WriteContext: Sendable {
    public enum Mode: Sendable { case create, update }
    /// The API a write came through; recorded in the character's history.
    public enum Face: String, Sendable {
        case bot, web, gateway, system
        /// `rod import`, from another backend's data.
        case imported = "import"
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

/// What a splat module may register. Names are global; YAML refers to them with `validator: <name>`.
public struct SplatRegistrar {
    public let module: String
    var validators: [(name: String, schema: ValueSchema, validator: ValueValidator)] = []

    init(module: String) { self.module = module }

    /// Registers a validator that YAML traits name with `validator: <name>`, with the schema of the values it
    /// accepts (exported to frontends as the schema of every trait that names it).
    public mutating func validator(_ name: String, accepts schema: ValueSchema, _ validator: @escaping ValueValidator) {
        validators.append((name, schema, validator))
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
