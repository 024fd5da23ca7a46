import RodCore

/// The OpenAPI 3.1 document of every route (`APICatalog`), with the splat schemas, the shared shapes and the
/// gateway's frames as components.
public enum OpenAPIDocument {
    public static let version = "3.1.0"

    public static func build(catalog: APICatalog, schemas: SchemaSet, serverVersion: String) -> JSON {
        var document = JSONObject()
        document.appendNew("openapi", .string(version))
        document.appendNew(
            "info",
            [
                "title": "Realm of Darkness", "version": .string(serverVersion),
                "description": """
                The Realm of Darkness backend: the Discord bots' API (`/bot/`), the web frontend's API (`/api/`), \
                Discord login (`/auth/`) and the Patreon webhook. Character shapes are generated from the splat \
                registry: `<Splat>Sheet` (as read), `<Splat>Tracker` (the bot's view) and `<Splat>Write` (flat keys). \
                The WebSocket gateway at `/gateway/web/` speaks `GatewayClientFrame` and `GatewayServerFrame`.
                """,
            ])
        document.appendNew(
            "tags", .array(APICatalog.tags.map { ["name": .string($0.name), "description": .string($0.description)] }))
        var paths = JSONObject()
        for operation in catalog.operations {
            var item = paths[operation.path]?.objectValue ?? JSONObject()
            item.appendNew(operation.method.lowercased(), render(operation))
            paths[operation.path] = .object(item)
        }
        document.appendNew("paths", .object(paths))
        var components = JSONObject()
        var named = JSONObject()
        for name in schemas.names {
            named.appendNew(name, SchemaSet.rewritingReferences(schemas[name] ?? .null, to: componentPrefix))
        }
        components.appendNew("schemas", .object(named))
        components.appendNew(
            "securitySchemes",
            [
                "apiKey": [
                    "type": "apiKey", "in": "query", "name": "APIKey",
                    "description":
                        "The bots send the secret as the top-level `APIKey` key of the JSON body (OpenAPI cannot name a body key; the query parameter is also accepted).",
                ],
                "session": [
                    "type": "apiKey", "in": "cookie", "name": "sessionid",
                    "description":
                        "The session cookie set by the Discord login. PUT and DELETE also need the `csrftoken` cookie's value in the `X-CSRFToken` header.",
                ],
                "patreonSignature": [
                    "type": "apiKey", "in": "header", "name": "X-Patreon-Signature",
                    "description": "HMAC-MD5 of the body with the webhook's secret.",
                ],
                "metricsToken": [
                    "type": "http", "scheme": "bearer",
                    "description": "The operator's `ROD_METRICS_TOKEN`; without one configured, `/metrics` answers 404.",
                ],
            ])
        document.appendNew("components", .object(components))
        return .object(document)
    }

    static let componentPrefix = "#/components/schemas/"

    private static func render(_ operation: Operation) -> JSON {
        var object = JSONObject()
        object.appendNew("operationId", .string(operation.id))
        object.appendNew("tags", [.string(operation.tag)])
        object.appendNew("summary", .string(operation.summary))
        if let description = operation.description { object.appendNew("description", .string(description)) }
        switch operation.security {
        case .none: object.appendNew("security", [])
        default: object.appendNew("security", [.object(JSONObject([(operation.security.rawValue, JSON.array([]))]))])
        }
        if !operation.parameters.isEmpty {
            object.appendNew(
                "parameters",
                .array(
                    operation.parameters.map { parameter in
                        [
                            "name": .string(parameter.name), "in": .string(parameter.place.rawValue),
                            "required": .bool(parameter.required),
                            "description": .string(parameter.description), "schema": parameter.schema,
                        ]
                    }))
        }
        if let body = operation.body, let content = content(body) {
            object.appendNew("requestBody", ["required": true, "content": content])
        }
        var responses = JSONObject()
        for status in Set(operation.responses.map(\.status)).sorted() {
            let same = operation.responses.filter { $0.status == status }
            var response = JSONObject()
            response.appendNew("description", .string(same.map(\.description).joined(separator: " ")))
            var headers = JSONObject()
            for (name, description) in same.flatMap(\.headers) {
                headers[name] = ["description": .string(description), "schema": ["type": "string"]]
            }
            if !headers.isEmpty { response.appendNew("headers", .object(headers)) }
            if let content = merged(same.map(\.body)) { response.appendNew("content", content) }
            responses.appendNew(String(status), .object(response))
        }
        object.appendNew("responses", .object(responses))
        return SchemaSet.rewritingReferences(.object(object), to: componentPrefix)
    }

    /// One content map for several bodies of one status: JSON schemas join in `anyOf`. When one of them is empty, the
    /// status has no content (OpenAPI cannot say "empty or JSON"); its description tells both apart.
    private static func merged(_ bodies: [Operation.Body]) -> JSON? {
        if bodies.contains(where: { if case .empty = $0 { true } else { false } }) { return nil }
        var schemas: [JSON] = []
        var others: [Operation.Body] = []
        for body in bodies {
            switch body {
            case .json(let schema): if !schemas.contains(schema) { schemas.append(schema) }
            case .empty: break
            default: others.append(body)
            }
        }
        var content = JSONObject()
        if !schemas.isEmpty {
            let schema: JSON =
                schemas.count == 1 || schemas.contains(Common.any)
                ? (schemas.count == 1 ? schemas[0] : Common.any) : ["anyOf": .array(schemas)]
            content["application/json"] = ["schema": schema]
        }
        for body in others {
            if case .object(let more) = self.content(body) { for (key, value) in more { content[key] = value } }
        }
        return content.isEmpty ? nil : .object(content)
    }

    private static func content(_ body: Operation.Body) -> JSON? {
        switch body {
        case .json(let schema): ["application/json": ["schema": schema]]
        case .text: ["text/plain": ["schema": ["type": "string"]]]
        case .html: ["text/html": ["schema": ["type": "string"]]]
        case .bytes(let types):
            .object(JSONObject(types.map { ($0, ["schema": ["type": "string", "contentMediaType": .string($0)]]) }))
        case .empty: nil
        }
    }
}
