import RodCore

/// Every generated document, built once from the registry: what `/api/schema/`, `/api/openapi.json` and
/// `/api/docs/` serve and what `rod schema export <folder>` writes. Output is deterministic (the golden files under
/// `Tests/RodSchemaTests/Golden/` are these bytes).
public struct SchemaExport: Sendable {
    public struct Document: Sendable {
        /// The file name: `vampire5th.json`, `gateway.json`, `rod.d.ts`, `openapi.json`, `docs.html`.
        public let name: String
        public let mediaType: String
        /// Where the server serves it.
        public let path: String
        public let bytes: [UInt8]
        /// A strong validator of the bytes (FNV-1a 64, hex), quoted as an ETag.
        public let etag: String

        init(name: String, mediaType: String, path: String, text: String) {
            self.name = name
            self.mediaType = mediaType
            self.path = path
            self.bytes = Array(text.utf8)
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            self.etag = "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
        }
    }

    /// The API's version, in the OpenAPI document's `info`.
    public static let apiVersion = "1.0.0"

    public let documents: [Document]

    /// The documents of the registry's splats and of these operations (RodHTTP's `HTTPFaces.operations`).
    public init(registry: Registry, operations: [Operation]) {
        let schemas = SchemaSet(registry: registry)
        let catalog = APICatalog(registry: registry, operations: operations)
        var documents: [Document] = []
        for splat in registry.splats {
            let document = schemas.document(
                title: "\(splat.name) \(splat.version)",
                description: (splat.description.map { $0 + " " } ?? "")
                    + "The root validates a sheet as read; `$defs` also holds the tracker view and the flat keys of a write.",
                root: Common.ref(SplatSchemas.name(splat.slug, .sheet)),
                defining: SplatSchemas.View.allCases.map { SplatSchemas.name(splat.slug, $0) })
            documents.append(Self.json("\(splat.slug).json", document))
        }
        documents.append(
            Self.json(
                "gateway.json",
                schemas.document(
                    title: "Gateway frames",
                    description: "The WebSocket gateway's frames (docs/gateway.md). The root validates a frame the server sends.",
                    root: Common.ref("GatewayServerFrame"), defining: ["GatewayServerFrame", "GatewayClientFrame"])))
        documents.append(
            Self.json(
                "common.json",
                schemas.document(
                    title: "Shared shapes", description: "Users, chronicles, members and error bodies, as the API returns them.",
                    root: .emptyObject, defining: Common.schemas.map(\.name))))
        documents.append(
            Document(
                name: "rod.d.ts", mediaType: "application/typescript", path: "/api/schema/rod.d.ts",
                text: TypeScript.declarations(schemas)))
        let openAPI = OpenAPIDocument.build(catalog: catalog, schemas: schemas, serverVersion: Self.apiVersion)
        documents.append(
            Document(
                name: "openapi.json", mediaType: "application/json", path: "/api/openapi.json", text: openAPI.prettyPrinted()))
        documents.append(
            Document(
                name: "docs.html", mediaType: "text/html; charset=utf-8", path: "/api/docs/",
                text: DocsPage.html(catalog: catalog, schemas: schemas, serverVersion: Self.apiVersion)))
        self.documents = documents
    }

    private static func json(_ name: String, _ document: JSON) -> Document {
        Document(name: name, mediaType: "application/schema+json", path: "/api/schema/" + name, text: document.prettyPrinted())
    }

    public func document(named name: String) -> Document? {
        documents.first { $0.name == name }
    }

    /// `GET /api/schema/`: each document's name, media type and path.
    public var index: JSON {
        [
            "documents": .array(
                documents.map { ["name": .string($0.name), "media_type": .string($0.mediaType), "path": .string($0.path)] })
        ]
    }
}
