import RodCore

/// Every named schema the server exports, in a stable order: the shared shapes, each splat's views and its
/// validators' definitions, and the gateway's frames. Each exported document takes the part it refers to.
public struct SchemaSet: Sendable {
    public let registry: Registry
    public let splats: SplatSchemas
    /// Names in document order.
    public let names: [String]
    private let byName: [String: JSON]

    public init(registry: Registry) {
        self.registry = registry
        self.splats = SplatSchemas(registry: registry)
        var entries = Common.schemas
        for splat in registry.splats {
            for view in SplatSchemas.View.allCases {
                entries.append((SplatSchemas.name(splat.slug, view), splats.schema(of: splat, view)))
            }
        }
        var seen = Set(entries.map(\.name))
        for splat in registry.splats {
            for definition in splats.definitions(of: splat) where seen.insert(definition.name).inserted {
                entries.append(definition)
            }
        }
        entries += GatewaySchemas.schemas(registry: registry)
        names = entries.map(\.name)
        byName = Dictionary(entries.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
    }

    public subscript(name: String) -> JSON? { byName[name] }

    /// The names `roots` refer to, directly or through each other, in document order (roots included).
    public func closure(of roots: [String]) -> [String] {
        var found: Set<String> = []
        var pending = roots
        while let name = pending.popLast() {
            guard found.insert(name).inserted, let schema = byName[name] else { continue }
            pending += Self.references(in: schema)
        }
        return names.filter(found.contains)
    }

    /// A self-contained JSON Schema document: `root` at the top, and under `$defs` every schema it needs.
    public func document(title: String, description: String, root: JSON, defining roots: [String]) -> JSON {
        var defs = JSONObject()
        for name in closure(of: roots + Self.references(in: root)) { defs.appendNew(name, byName[name] ?? .null) }
        var document = JSONObject()
        document.appendNew("$schema", .string(SplatSchemas.dialect))
        document.appendNew("title", .string(title))
        document.appendNew("description", .string(description))
        if case .object(let root) = root { for (key, value) in root { document.appendNew(key, value) } }
        document.appendNew("$defs", .object(defs))
        return .object(document)
    }

    /// The `$defs` names a schema refers to.
    static func references(in schema: JSON) -> [String] {
        var names: [String] = []
        func walk(_ value: JSON) {
            switch value {
            case .object(let object):
                for (key, member) in object {
                    if key == "$ref", let target = member.stringValue, target.hasPrefix(prefix) {
                        names.append(String(target.dropFirst(prefix.count)))
                    } else {
                        walk(member)
                    }
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(schema)
        return names
    }

    static let prefix = "#/$defs/"

    /// The same schema with its `#/$defs/` references pointing elsewhere (`#/components/schemas/`).
    static func rewritingReferences(_ schema: JSON, to base: String) -> JSON {
        switch schema {
        case .object(let object):
            var copy = JSONObject()
            for (key, value) in object {
                if key == "$ref", let target = value.stringValue, target.hasPrefix(prefix) {
                    copy.appendNew(key, .string(base + target.dropFirst(prefix.count)))
                } else {
                    copy.appendNew(key, rewritingReferences(value, to: base))
                }
            }
            return .object(copy)
        case .array(let items): return .array(items.map { rewritingReferences($0, to: base) })
        default: return schema
        }
    }
}
