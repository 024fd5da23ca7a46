import RodCore

/// Every HTTP operation the server mounts, as the routes declare them (RodHTTP's `Route`s, gathered by
/// `HTTPFaces.operations`): the bot API, the web API (one set of character routes per splat of the registry), login,
/// the Patreon webhook, the schema routes, health and the gateway's plain-HTTP answers. `OpenAPIDocument` and
/// `DocsPage` render it.
public struct APICatalog: Sendable {
    public let registry: Registry
    public let operations: [Operation]

    public init(registry: Registry, operations: [Operation]) {
        self.registry = registry
        self.operations = operations
    }

    /// The tags, in the order the document shows them, with their descriptions.
    public static let tags: [(name: String, description: String)] = [
        ("bot", "The internal API of the Discord bots. POST only; the JSON body carries `APIKey`."),
        (
            "api",
            "The web frontend's character API. Needs a Discord login (the `sessionid` cookie); PUT, DELETE and the GET that creates a sheet also CSRF."
        ),
        ("auth", "Discord login and logout."),
        ("patreon", "Patreon's membership webhook."),
        ("schema", "This document, each splat's JSON Schema and the TypeScript declarations."),
        ("server", "Health and the gateway's plain-HTTP answers (the gateway itself is a WebSocket; see the Gateway schema)."),
    ]
}
