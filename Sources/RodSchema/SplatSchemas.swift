import RodCore

/// JSON Schema (draft 2020-12) of each splat's character, derived from the registry: the sheet as read (the nested
/// shape `Splat.sheet` builds), the tracker view (`Splat.tracker`), and the flat keys a write sends. Bounds, defaults,
/// choices and descriptions come from the YAML; list and object traits from the schema their validator registered.
///
/// Names are global and shared with the OpenAPI document: `Vampire5thSheet`, `Vampire5thTracker`,
/// `Vampire5thWrite`, and the validators' definitions (`Advantage`, `Discipline`, ...).
public struct SplatSchemas: Sendable {
    public let registry: Registry

    public init(registry: Registry) {
        self.registry = registry
    }

    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    public enum View: String, Sendable, CaseIterable {
        case sheet = "Sheet"
        case tracker = "Tracker"
        case write = "Write"
    }

    /// `vampire5th` → `Vampire5thSheet`.
    public static func name(_ slug: String, _ view: View) -> String {
        slug.prefix(1).uppercased() + slug.dropFirst() + view.rawValue
    }

    public func schema(of splat: Splat, _ view: View) -> JSON {
        switch view {
        case .sheet: sheet(splat)
        case .tracker: tracker(splat)
        case .write: write(splat)
        }
    }

    /// The named schemas the splat's validators and computed keys refer to, in first-use order.
    public func definitions(of splat: Splat) -> [(name: String, schema: JSON)] {
        var seen: Set<String> = []
        var result: [(name: String, schema: JSON)] = []
        let schemas =
            splat.traits.compactMap { $0.validator.flatMap(registry.schema(ofValidator:)) }
            + splat.computedKeys.map(\.schema)
        for schema in schemas {
            for definition in schema.definitions where seen.insert(definition.name).inserted { result.append(definition) }
        }
        return result
    }

    /// A schema marked `readOnly` (the server computes the value), with a description when given.
    static func readOnly(_ schema: JSON, description: String?) -> JSON {
        var object = schema.objectValue ?? JSONObject()
        object["readOnly"] = true
        if let description, object["description"] == nil { object["description"] = .string(description) }
        return .object(object)
    }

    // MARK: Views

    /// The shape `Splat.sheet` builds, key for key.
    func sheet(_ splat: Splat) -> JSON {
        closedObject(
            properties(splat, .sheet),
            description: "A \(splat.name) \(splat.version) character as the API returns it (the full sheet).")
    }

    func tracker(_ splat: Splat) -> JSON {
        closedObject(
            properties(splat, .tracker), description: "A \(splat.name) \(splat.version) character in the bot's tracker view.")
    }

    /// The view's fields, each with its schema: the layout `Splat.sheet` and `Splat.tracker` walk.
    private func properties(_ splat: Splat, _ view: SheetView) -> JSONObject {
        var properties = JSONObject()
        for field in splat.layout(view) { properties.appendNew(field.key, schema(of: field, splat)) }
        return properties
    }

    func write(_ splat: Splat) -> JSON {
        var properties = JSONObject()
        for trait in splat.traits where trait.access != .system { properties.appendNew(trait.key, schema(of: trait)) }
        properties.appendNew(
            "chronicle",
            [
                "type": ["string", "null"], "pattern": "^[0-9]+$",
                "description": "The chronicle (Discord guild id) the character plays in, or null.",
            ])
        var object = JSONObject()
        object.appendNew("type", "object")
        object.appendNew(
            "description",
            .string(
                "The flat keys of a \(splat.name) \(splat.version) character that a write may send; each is optional."))
        object.appendNew("properties", .object(properties))
        return .object(object)
    }

    // MARK: Parts

    static let characterID: JSON = ["type": "integer", "description": "The character's id."]

    private func schema(of field: SheetField, _ splat: Splat) -> JSON {
        switch field {
        case .trait(let key): splat.trait(key).map(schema(of:)) ?? .emptyObject
        case .id: Self.characterID
        case .splat: ["const": .string(splat.slug)]
        case .user: Common.snowflake("The owner's Discord id.")
        case .chronicle: Common.nullableSnowflake("The chronicle (Discord guild id), or null.")
        case .member: Common.nullableSnowflake("The owner's membership id in the chronicle, or null.")
        case .createdAt, .lastUpdated: Common.epochSeconds
        case .faceclaim: ["type": ["string", "null"], "description": "The avatar's path (`/media/char_avatars/...`), or null."]
        case .group(let group): groupSchema(group, of: splat)
        case .computed(let computed): Self.readOnly(computed.schema.schema, description: computed.description)
        case .version: ["const": .string(splat.version)]
        }
    }

    private func groupSchema(_ group: TraitGroup, of splat: Splat) -> JSON {
        var properties = JSONObject()
        for (offset, key) in group.keys.enumerated() {
            let trait = splat.trait(key).map(schema(of:)) ?? .emptyObject
            switch group.view {
            case .values, .tracker:
                properties.appendNew(group.memberNames[offset], trait)
            case .ratings:
                var rating = JSONObject()
                rating.appendNew("value", trait)
                rating.appendNew("spec", splat.trait(group.specialtyKeys[offset]).map(schema(of:)) ?? .emptyObject)
                properties.appendNew(key, closedObject(rating, description: nil))
            }
        }
        return closedObject(properties, description: group.description)
    }

    /// An object with exactly these keys, all present.
    private func closedObject(_ properties: JSONObject, description: String?) -> JSON {
        var object = JSONObject()
        object.appendNew("type", "object")
        if let description { object.appendNew("description", .string(description)) }
        object.appendNew("properties", .object(properties))
        object.appendNew("required", .array(properties.keys.map { .string($0) }))
        object.appendNew("additionalProperties", false)
        return .object(object)
    }

    /// One trait: its kind and bounds, choices, its validator's schema, nullability, default, description and who
    /// may write it (`x-rod-access`, when not anyone).
    public func schema(of trait: Trait) -> JSON {
        var schema = JSONObject()
        var types: [String]
        switch trait.kind {
        case .integer(let min, let max):
            types = ["integer"]
            if let min { schema["minimum"] = .int(min) }
            if let max { schema["maximum"] = .int(max) }
        case .string(let maxLength, let allowBlank):
            types = ["string"]
            if !allowBlank { schema["minLength"] = 1 }
            if let maxLength { schema["maxLength"] = .int(Int64(maxLength)) }
        case .boolean: types = ["boolean"]
        case .list(let maxItems):
            types = ["array"]
            schema["maxItems"] = .int(Int64(maxItems))
        case .object(let maxEntries, let maxKeyLength):
            types = ["object"]
            schema["maxProperties"] = .int(Int64(maxEntries))
            schema["propertyNames"] = ["minLength": 1, "maxLength": .int(Int64(maxKeyLength))]
        case .specialty:
            types = ["array", "null"]
            schema["items"] = ["type": "string", "maxLength": .int(Int64(TraitCheck.maximumSpecialtyLength))]
            schema["maxItems"] = .int(Int64(TraitCheck.maximumSpecialties))
        }
        if let name = trait.validator, let accepted = registry.schema(ofValidator: name),
            case .object(let extra) = accepted.schema
        {
            for (key, value) in extra {
                if key == "type", let declared = value.stringValue { types = [declared] } else { schema[key] = value }
            }
        }
        if trait.nullable && !types.contains("null") { types.append("null") }
        if let choices = trait.choices {
            if choices.contains(where: { $0.label != nil }) {
                var options: [JSON] = choices.map { choice in
                    var option = JSONObject()
                    option.appendNew("const", choice.value)
                    if let label = choice.label { option.appendNew("title", .string(label)) }
                    return .object(option)
                }
                if trait.nullable { options.append(["type": "null"]) }
                schema["oneOf"] = .array(options)
            } else {
                schema["enum"] = .array(choices.map(\.value) + (trait.nullable ? [.null] : []))
            }
        }
        // A blankable choice accepts "" besides its choices (the original's blank CharField with choices).
        if case .string(_, allowBlank: true) = trait.kind, let choices = trait.choices,
            !choices.contains(where: { $0.value == "" })
        {
            if case .array(let options)? = schema["oneOf"] {
                schema["oneOf"] = .array(options + [["const": ""]])
            } else if case .array(let values)? = schema["enum"] {
                schema["enum"] = .array(values + [""])
            }
        }
        var result = JSONObject()
        result.appendNew("type", types.count == 1 ? .string(types[0]) : .array(types.map { .string($0) }))
        for (key, value) in schema { result.appendNew(key, value) }
        if !trait.required, !trait.defaultValue.isNull || trait.nullable { result.appendNew("default", trait.defaultValue) }
        if let derivation = trait.derivation {
            let derived = "Derived from \(derivation.formula); the server computes it, and a write of it is ignored."
            result.appendNew("description", .string(trait.description.map { $0 + " " + derived } ?? derived))
            result.appendNew("readOnly", true)
            return .object(result)
        }
        if let description = trait.description { result.appendNew("description", .string(description)) }
        switch trait.access {
        case .anyone: break
        case .system: result.appendNew("readOnly", true)
        case .owner, .staff: result.appendNew("x-rod-access", .string(trait.access.rawValue))
        }
        return .object(result)
    }
}
