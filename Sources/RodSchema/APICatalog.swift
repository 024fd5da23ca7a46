import RodCore

/// Every HTTP operation the server mounts, documented: the bot API, the web API (one set of character routes per
/// splat of the registry), login, the Patreon webhook, the schema routes, health and the gateway's plain-HTTP answers.
/// `OpenAPIDocument` renders it; `RouteCatalogTests` checks it against the router in both directions.
public struct APICatalog: Sendable {
    public let registry: Registry

    public init(registry: Registry) {
        self.registry = registry
    }

    /// The path segment of each splat's web character routes (`api/character/get/<segment>`): its slug, and the
    /// aliases splat modules register (the original's `v5` for Vampire 5th). `RodHTTP` mounts these; the document
    /// describes the same list.
    public var characterRouteSegments: [(path: String, splat: Splat)] { registry.webPaths }

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

    public var operations: [Operation] {
        botOperations() + moduleBotOperations() + webOperations() + authOperations() + schemaOperations() + serverOperations()
    }

    // MARK: api/

    func webOperations() -> [Operation] {
        typealias R = Operation.Response
        let throttled = R(
            429, "Over the daily request quota of the user's tier.", .json(Common.ref("Detail")),
            headers: [("Retry-After", "Seconds until a request is allowed.")])
        let signedOut = R(403, "Not signed in, or (PUT, DELETE) the CSRF token is missing or wrong.", .json(Common.ref("Detail")))
        let revision = [("ETag", "The character's revision; send it back as `If-Match` to update only that revision.")]
        var operations: [Operation] = []
        for (path, splat) in characterRouteSegments {
            let sheet = Common.ref(SplatSchemas.name(splat.slug, .sheet))
            let title = "\(splat.name) \(splat.version)"
            let suffix = path == splat.slug ? splat.slug : "\(path)_alias"
            operations += [
                Operation(
                    "GET", "/api/character/new/\(path)", id: "api_character_new_\(suffix)", tag: "api",
                    summary: "Create a \(title) sheet.", security: .session,
                    parameters: [.init("name", in: .query, schema: ["type": "string"], "The new sheet's name.")],
                    responses: [
                        R(200, "Created.", .json(Common.object(["id": Common.integer]))),
                        R(
                            403,
                            "No name, at the character or sheet limit, no CSRF token (or same-origin fetch), or not signed in.",
                            .json(Common.any)),
                        R(409, "The user has a character of this name.", .json(Common.string)), throttled,
                    ]),
                Operation(
                    "GET", "/api/character/get/\(path)", id: "api_character_get_\(suffix)", tag: "api",
                    summary: "Read a \(title) sheet (its owner, or staff of its chronicle).", security: .session,
                    parameters: [
                        .init("id", in: .query, schema: ["type": "string"], "The character's id."),
                        .init("sheet", in: .query, schema: ["type": "string"], "When not empty, a tracker is refused (406)."),
                    ],
                    responses: [
                        R(200, "The sheet.", .json(sheet), headers: revision),
                        R(403, "Not the owner or staff, or not signed in.", .json(Common.any)),
                        R(404, "No such character.", .json(Common.string)),
                        R(406, "A tracker, not a sheet.", .json(Common.string)), throttled,
                    ]),
                Operation(
                    "PUT", "/api/character/update/\(path)/{id}", id: "api_character_update_\(suffix)", tag: "api",
                    summary: "Change some traits of a \(title) sheet (flat keys).", security: .session,
                    parameters: [
                        .init("id", in: .path, schema: ["type": "integer"], "The character's id."),
                        .init(
                            "If-Match", in: .header, schema: ["type": "string"], "Apply only on this revision (the sheet's ETag)."
                        ),
                    ],
                    body: .json(Common.ref(SplatSchemas.name(splat.slug, .write))),
                    responses: [
                        R(200, "Saved.", headers: revision), R(400, "Invalid.", .json(Common.any)),
                        R(403, "Not the owner or staff, not signed in, or no CSRF token.", .json(Common.any)),
                        R(404, "No such character.", .json(Common.any)), R(406, "A tracker, not a sheet.", .json(Common.string)),
                        R(413, "The body is larger than 1 MiB.", .json(Common.ref("Detail"))),
                        R(412, "`If-Match` names an older revision: the current sheet.", .json(sheet), headers: revision),
                        throttled,
                    ]),
            ]
        }
        let id = Operation.Parameter("id", in: .path, schema: ["type": "integer"], "The character's id.")
        let faceclaim = Common.object(["faceclaim": ["type": ["string", "null"]]])
        operations += [
            Operation(
                "DELETE", "/api/character/delete", id: "api_character_delete", tag: "api",
                summary: "Delete a character (its owner), or take it out of the chronicle (staff).", security: .session,
                parameters: [.init("id", in: .query, schema: ["type": "string"], "The character's id.")],
                responses: [
                    R(200, "Done."), R(204, "No such character."),
                    R(403, "Neither owner nor staff, or not signed in.", .json(Common.any)),
                    R(404, "No id, or not digits."), throttled,
                ]),
            Operation(
                "PUT", "/api/character/avatar/{id}", id: "api_character_avatar_set", tag: "api",
                summary: "Upload the character's avatar (PNG, JPEG, GIF or WebP, at most 5 MB).", security: .session,
                parameters: [id], body: .bytes(["image/png", "image/jpeg", "image/gif", "image/webp"]),
                responses: [
                    R(200, "The avatar's path.", .json(faceclaim), headers: revision),
                    R(400, "Locked by the storyteller.", .json(Common.any)),
                    R(403, "Not allowed.", .json(Common.any)), R(404, "No such character.", .json(Common.ref("Detail"))),
                    R(413, "Larger than 5 MB.", .json(Common.ref("Detail"))),
                    R(415, "Not an image.", .json(Common.ref("Detail"))), throttled,
                ]),
            Operation(
                "DELETE", "/api/character/avatar/{id}", id: "api_character_avatar_remove", tag: "api",
                summary: "Remove the character's avatar.", security: .session, parameters: [id],
                responses: [
                    R(200, "Removed.", .json(faceclaim), headers: revision),
                    R(400, "Locked by the storyteller.", .json(Common.any)),
                    R(403, "Not allowed.", .json(Common.any)), R(404, "No such character.", .json(Common.ref("Detail"))),
                    throttled,
                ]),
        ]
        return operations
    }

    // MARK: auth/, patreon/

    func authOperations() -> [Operation] {
        typealias R = Operation.Response
        let location = [("Location", "Where the browser goes next.")]
        let logout = R(302, "Signed out; redirects to the frontend.", headers: location)
        let foreignLogout = R(
            403, "Signed in, but neither the CSRF token nor a same-origin fetch: the request came from another site.",
            .json(Common.ref("Detail")))
        return [
            Operation(
                "GET", "/auth/login/", id: "auth_login", tag: "auth", summary: "Start a Discord login.", security: .none,
                responses: [
                    R(302, "Redirects to Discord's authorization page.", headers: location),
                    R(
                        429, "Too many logins started from this address in the last minute.", .json(Common.ref("Detail")),
                        headers: [("Retry-After", "Seconds until a login may start.")]),
                ]),
            Operation(
                "GET", "/auth/login/success/", id: "auth_login_success", tag: "auth", summary: "Discord's OAuth callback.",
                security: .none,
                parameters: [
                    .init("code", in: .query, schema: ["type": "string"], "Discord's authorization code."),
                    .init("state", in: .query, schema: ["type": "string"], "The state sent to Discord."),
                ],
                responses: [
                    R(
                        302,
                        "Signed in (a `sessionid` cookie is set) or not; redirects to the frontend either way (`?login=failed` when Discord refused).",
                        headers: location)
                ]),
            Operation(
                "GET", "/auth/logout/", id: "auth_logout", tag: "auth", summary: "Sign out.", security: .none,
                responses: [logout, foreignLogout]),
            Operation(
                "POST", "/auth/logout/", id: "auth_logout_post", tag: "auth", summary: "Sign out.", security: .none,
                responses: [logout, foreignLogout]),
            Operation(
                "POST", "/patreon/webhook", id: "patreon_webhook", tag: "patreon",
                summary: "A Patreon membership event: sets the patron's supporter tier.", security: .patreonSignature,
                parameters: [.init("X-Patreon-Signature", in: .header, schema: ["type": "string"], "HMAC-MD5 of the body, hex.")],
                body: .json(["type": "object", "description": "Patreon's JSON:API membership payload."]),
                responses: [
                    R(200, "Applied, or ignored: a delivery received before, or an event older than the patron's last."),
                    R(204, "No tier in the payload."),
                    R(400, "No signature, or a malformed payload.", .json(Common.any)),
                    R(403, "A wrong signature.", .json(Common.ref("ErrorMessage"))),
                    R(413, "The body is larger than 1 MiB.", .json(Common.ref("Detail"))),
                ]),
        ]
    }

    // MARK: schema and server

    func schemaOperations() -> [Operation] {
        typealias R = Operation.Response
        let etag = [("ETag", "A hash of the document; send it as `If-None-Match` to get 304 while it is unchanged.")]
        let notModified = R(304, "Unchanged since the `If-None-Match` ETag.")
        let ifNoneMatch = Operation.Parameter(
            "If-None-Match", in: .header, schema: ["type": "string"], "An ETag received earlier.")
        return [
            Operation(
                "GET", "/api/schema/", id: "schema_index", tag: "schema", summary: "What the schema routes serve.",
                security: .none,
                responses: [
                    R(
                        200, "Each document's name, media type and path.",
                        .json(
                            Common.object([
                                "documents": Common.array(
                                    Common.object(["name": Common.string, "media_type": Common.string, "path": Common.string]))
                            ])))
                ]),
            Operation(
                "GET", "/api/schema/{name}", id: "schema_document", tag: "schema",
                summary: "One document: `<splat>.json`, `gateway.json`, `common.json` or `rod.d.ts`.", security: .none,
                parameters: [.init("name", in: .path, schema: ["type": "string"], "The document's file name."), ifNoneMatch],
                responses: [
                    R(200, "The document.", .json(Common.any), headers: etag), notModified,
                    R(404, "No such document.", .json(Common.ref("Detail"))),
                ]),
            Operation(
                "GET", "/api/openapi.json", id: "openapi", tag: "schema", summary: "This document.", security: .none,
                parameters: [ifNoneMatch],
                responses: [R(200, "The OpenAPI document.", .json(Common.any), headers: etag), notModified]),
            Operation(
                "GET", "/api/docs/", id: "docs", tag: "schema", summary: "This document as a page to read.", security: .none,
                responses: [R(200, "HTML.", .html)]),
        ]
    }

    func serverOperations() -> [Operation] {
        typealias R = Operation.Response
        let check: JSON = ["type": "string", "description": "`ok`, or `unavailable: <why>`."]
        let readiness = Common.object([
            "status": ["enum": ["ready", "unavailable"]], "store": check, "channels": check,
        ])
        let gateway = [
            R(403, "The `Origin` is not an allowed host.", .json(Common.ref("Detail"))),
            R(426, "A plain request: connect with a WebSocket.", .json(Common.ref("Detail"))),
        ]
        return [
            Operation(
                "GET", "/health", id: "health", tag: "server", summary: "Liveness.", security: .none,
                responses: [R(200, "The server runs.", .json(Common.object(["status": ["const": "ok"]])))]),
            Operation(
                "GET", "/ready", id: "ready", tag: "server",
                summary:
                    "Readiness: the store answers within 2 s and gateway events reach every process (Redis, when configured).",
                security: .none,
                responses: [
                    R(200, "Ready.", .json(readiness)),
                    R(503, "Not ready; `store` or `channels` says why.", .json(readiness)),
                ]),
            Operation(
                "GET", "/metrics", id: "metrics", tag: "server",
                summary: "Prometheus metrics: requests, gateway connections, store latency.", security: .metricsToken,
                responses: [
                    R(200, "Prometheus's text format.", .text),
                    R(401, "No or a wrong bearer token.", .empty),
                    R(404, "Metrics are off: no `ROD_METRICS_TOKEN` is configured.", .json(Common.ref("Detail"))),
                ]),
            Operation(
                "GET", "/gateway/web", id: "gateway", tag: "server",
                summary: "The WebSocket gateway (the frontend's path). Its messages are `Gateway` in `/api/schema/gateway.json`.",
                security: .none, responses: gateway),
            Operation(
                "GET", "/ws/gateway", id: "gateway_ws", tag: "server", summary: "The WebSocket gateway, at its second path.",
                security: .none, responses: gateway),
        ]
    }
}
