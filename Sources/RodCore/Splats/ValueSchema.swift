/// What a validator accepts, as JSON Schema (draft 2020-12), for the schemas exported to frontends
/// (`RodSchema`). A module registers one with each validator, so a trait checked in Swift is described as precisely
/// as one declared in YAML.
public struct ValueSchema: Sendable {
    /// The schema of the value. It may refer to `definitions` as `{"$ref": "#/$defs/<name>"}`.
    public let schema: JSON
    /// Named schemas, shared by every splat that uses the validator. Names are global: `Advantage`, `Discipline`.
    public let definitions: [(name: String, schema: JSON)]

    public init(_ schema: JSON, definitions: [(name: String, schema: JSON)] = []) {
        self.schema = schema
        self.definitions = definitions
    }

    /// Any JSON value; for validators whose shape has no useful description.
    public static let any = ValueSchema(.emptyObject)

    /// `{"$ref": "#/$defs/<name>"}`.
    public static func reference(_ name: String) -> JSON {
        ["$ref": .string("#/$defs/" + name)]
    }
}
