import Foundation
import RodCore
import RodHTTP
import RodSchema
import RodSplats
import Testing

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let goldenDirectory = repository.appendingPathComponent("Tests/RodSchemaTests/Golden")

extension SchemaExport {
    /// The documents the server serves: the registry's schemas and the operations its routes declare.
    init(serving registry: Registry) { self.init(registry: registry, operations: HTTPFaces.operations(registry)) }
}

func repositoryRegistry() throws -> Registry {
    try Registry.load(directory: repository.appendingPathComponent("splats").path, modules: splatModules)
}

@Suite struct SchemaExportTests {
    /// Each generated document equals its golden file; `scripts/schema.sh` regenerates them after a change.
    @Test func everyDocumentMatchesItsGoldenFile() throws {
        let export = SchemaExport(serving: try repositoryRegistry())
        let golden = try FileManager.default.contentsOfDirectory(atPath: goldenDirectory.path).sorted()
        #expect(golden == export.documents.map(\.name).sorted(), "Golden files out of date: run scripts/schema.sh")
        for document in export.documents {
            let expected = try? Data(contentsOf: goldenDirectory.appendingPathComponent(document.name))
            #expect(
                expected.map(Array.init) == document.bytes,
                "\(document.name) differs from Tests/RodSchemaTests/Golden/\(document.name): run scripts/schema.sh and review the diff"
            )
        }
    }

    /// A trait added to a YAML file reaches the splat's JSON Schema, the OpenAPI document and the TypeScript.
    @Test func aNewTraitReachesEveryArtifact() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("splats").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
            .map { ($0, try String(contentsOf: repository.appendingPathComponent("splats/\($0)"), encoding: .utf8)) }
        let changed = files.map { name, text in
            name == "hunter5th.yaml"
                ? (
                    name,
                    text.replacingOccurrences(
                        of: "traits:\n", with: "traits:\n  resolve_test: {min: 0, max: 7, default: 2, description: Grit.}\n")
                )
                : (name, text)
        }
        let before = SchemaExport(serving: try Registry.load(files: files, modules: splatModules))
        let after = SchemaExport(serving: try Registry.load(files: changed, modules: splatModules))
        for name in ["hunter5th.json", "openapi.json", "rod.d.ts", "docs.html"] {
            let old = String(decoding: before.document(named: name)?.bytes ?? [], as: UTF8.self)
            let new = String(decoding: after.document(named: name)?.bytes ?? [], as: UTF8.self)
            #expect(!old.contains("resolve_test"), "\(name)")
            #expect(new.contains("resolve_test"), "\(name)")
        }
        let schema = try #require(SchemaSet(registry: try Registry.load(files: changed, modules: splatModules))["Hunter5thWrite"])
        #expect(
            schema["properties"]?["resolve_test"] == [
                "type": "integer", "minimum": 0, "maximum": 7, "default": 2, "description": "Grit.",
            ])
        #expect(before.document(named: "vampire5th.json")?.bytes == after.document(named: "vampire5th.json")?.bytes)
    }

    @Test func aSplatSchemaDescribesTheSheetAsReadAndTheWriteAsSent() throws {
        let schemas = SchemaSet(registry: try repositoryRegistry())
        let sheet = try #require(schemas["Vampire5thSheet"])
        #expect(sheet["additionalProperties"] == false)
        #expect(sheet["properties"]?["hunger"] == ["type": "integer", "minimum": 0, "maximum": 5, "default": 1])
        #expect(
            sheet["properties"]?["skills"]?["properties"]?["athletics"]?["properties"]?["spec"]?["type"] == ["array", "null"])
        #expect(sheet["properties"]?["willpower"]?["required"] == ["superficial", "total", "aggravated"])
        #expect(
            sheet["properties"]?["merits"] == [
                "type": "array", "maxItems": 100, "items": ["$ref": "#/$defs/Advantage"], "default": [],
            ])
        #expect(sheet["properties"]?["disciplines"]?["maxProperties"] == 50)
        #expect(sheet["properties"]?["disciplines"]?["propertyNames"] == ["minLength": 1, "maxLength": 50])
        #expect(sheet["properties"]?["st_lock"]?["x-rod-access"] == "staff")
        #expect(sheet["properties"]?["version"] == ["const": "5th"])
        let write = try #require(schemas["Vampire5thWrite"])
        #expect(write["required"] == nil)
        #expect(write["properties"]?["is_sheet"] == nil, "system traits are not written")
        #expect(write["properties"]?["athletics_spec"] != nil)
        #expect(write["properties"]?["willpower_superficial"] != nil)
        #expect(schemas["Discipline"]?["required"] == ["name", "custom", "value", "powers"])
        let tracker = try #require(schemas["Vampire20thTracker"])
        #expect(tracker["properties"]?["health"]?["required"] == ["bashing", "lethal", "aggravated", "total"])
    }

    /// What the API accepts and returns, no more: a blankable choice takes "" (the default of a clan), a required
    /// value (the name) has no default for its own schema to refuse.
    @Test func defaultsAndBlanksAreWhatTheAPIAccepts() throws {
        let schemas = SchemaSet(registry: try repositoryRegistry())
        let sheet = try #require(schemas["Vampire5thSheet"]?["properties"])
        let clan = try #require(sheet["clan"])
        #expect(clan["default"] == "" && clan["enum"]?.arrayValue?.last == "")
        #expect(clan["enum"]?.arrayValue?.first == "Custom")
        #expect(sheet["name"]?["default"] == nil && sheet["name"]?["minLength"] == 1)
        // A choice that cannot be blank (an integer) gains nothing.
        #expect(sheet["status"]?["oneOf"]?.arrayValue?.count == 5)
    }

    @Test func documentsAreSelfContained() throws {
        let export = SchemaExport(serving: try repositoryRegistry())
        for document in export.documents where document.name.hasSuffix(".json") && document.name != "openapi.json" {
            let json = try JSON.parse(document.bytes)
            let defined = Set(json["$defs"]?.objectValue?.keys ?? [])
            let text = String(decoding: document.bytes, as: UTF8.self)
            for match in text.matches(of: /"#\/\$defs\/([A-Za-z0-9]+)"/) {
                #expect(defined.contains(String(match.1)), "\(document.name) refers to \(match.1) without defining it")
            }
        }
        let openAPI = String(decoding: export.document(named: "openapi.json")?.bytes ?? [], as: UTF8.self)
        #expect(!openAPI.contains("#/$defs/"))
        let components = try JSON.parse(export.document(named: "openapi.json")?.bytes ?? [])["components"]?["schemas"]?
            .objectValue
        for match in openAPI.matches(of: /"#\/components\/schemas\/([A-Za-z0-9]+)"/) {
            #expect(components?[String(match.1)] != nil, "openapi.json refers to \(match.1)")
        }
    }

    @Test func typeScriptDeclaresEverySchema() throws {
        let schemas = SchemaSet(registry: try repositoryRegistry())
        let declarations = TypeScript.declarations(schemas)
        for name in schemas.names { #expect(declarations.contains("export type \(name) = "), "\(name)") }
        #expect(declarations.contains("  status: 1 | 2 | 3 | 4 | 5;"))
        #expect(declarations.contains("  hunger: number;"))
        #expect(declarations.contains("  disciplines: {\n    [key: string]: Discipline;\n  };"))
        #expect(
            declarations.contains(
                "export type GatewayClientFrame = GatewayIdentify | GatewayHeartbeat | GatewaySheetSubscribe | GatewayFieldUpdate | GatewayUndo;"
            ))
    }

    @Test func etagsFollowTheBytes() throws {
        let export = SchemaExport(serving: try repositoryRegistry())
        let etags = export.documents.map(\.etag)
        #expect(Set(etags).count == etags.count)
        #expect(etags.allSatisfy { $0.count == 18 && $0.hasPrefix("\"") })
        #expect(SchemaExport(serving: try repositoryRegistry()).documents.map(\.etag) == etags)
    }
}
