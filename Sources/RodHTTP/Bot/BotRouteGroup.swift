import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// What the bot routes' declarations share: the POST with `APIKey` in the body and the refusals every bot route
/// answers, and the shapes and answers several routes document.
struct BotDocs {
    typealias R = Operation.Response
    let registry: Registry

    let ok = R(200, "Done.")
    let missing = R(400, "A required key is missing or malformed.", .json(Common.any))
    let noChronicle = R(418, "No such chronicle.")
    let noMember = R(404, "No such membership.")
    let member = R(200, "The membership.", .json(Common.ref("Member")))
    let memberKeys = Common.object([
        "guild_id": Common.anySnowflake("Guild id."), "user_id": Common.anySnowflake("Discord id."),
    ])
    let imageFailures = [
        R(406, "The avatar could not be downloaded.", .text), R(413, "The avatar is larger than 5 MB.", .text),
        R(415, "The avatar is not an image, or not on Discord's CDN.", .text),
    ]
    let writeRefusals = [
        R(304, "Another character of the user has this name."),
        R(400, "Invalid: a JSON string `\"<field>: <message>\"`, or the key that is missing.", .json(Common.any)),
        R(
            409, "Over the user's character limit (empty), or a name longer than 50 characters (a JSON string).",
            .json(Common.any)),
        R(422, "A name starting with `~`.", .json(Common.string)),
    ]

    /// The full sheet of any splat.
    var anySheet: JSON {
        ["anyOf": .array(registry.splats.map { Common.ref(SplatSchemas.name($0.slug, .sheet)) })]
    }

    /// A character as the bot sends it on `character/new` and `character/save`.
    var character: JSON {
        let snowflake = Common.anySnowflake
        return [
            "allOf": [
                Common.object(
                    [
                        "id": ["type": ["integer", "null"], "description": "The character's id; null on `character/new`."],
                        "user": snowflake("The owner's Discord id."),
                        "splat": ["type": "string", "enum": .array(registry.slugs.map { .string($0) })],
                        "chronicle": ["anyOf": [snowflake("The guild id."), ["type": "null"]]],
                        "avatar": [
                            "type": "string",
                            "description": "An image URL on https://cdn.discordapp.com/ to download as the avatar, or empty.",
                        ],
                    ], required: ["user", "splat"])
            ],
            "anyOf": .array(registry.splats.map { Common.ref(SplatSchemas.name($0.slug, .write)) }),
            "description": "Flat trait keys of the splat's write schema (`<Splat>Write`), plus the bot's identity keys.",
        ]
    }

    /// A bot route declared: its documentation (`bot`) and its handler.
    func post<Face>(
        _ path: String, _ summary: String, body: JSON, _ responses: [Operation.Response],
        handle: @escaping @Sendable (Face, Request, RodRequestContext) async throws -> Response
    ) -> Route<Face> {
        Route(bot(path, summary, body: body, responses), handle: handle)
    }

    /// One bot route: POST with `APIKey` added to the body, and the refusals every bot route shares.
    func bot(_ path: String, _ summary: String, body: JSON, _ responses: [Operation.Response]) -> Operation {
        var schema = body.objectValue ?? JSONObject()
        var properties = JSONObject()
        properties.appendNew("APIKey", ["type": "string", "description": "The bot API's secret (`API_KEY`)."])
        for (key, value) in schema["properties"]?.objectValue ?? JSONObject() { properties.appendNew(key, value) }
        schema["properties"] = .object(properties)
        schema["required"] = .array([.string("APIKey")] + (schema["required"]?.arrayValue ?? []))
        return Operation(
            "POST", "/bot/" + path, id: "bot_" + path.replacingOccurrences(of: "/", with: "_"), tag: "bot", summary: summary,
            description: "Other methods answer 405 `{\"detail\": \"Method \\\"GET\\\" not allowed.\"}`.", security: .apiKey,
            body: .json(.object(schema)),
            responses: responses + [
                R(400, "The body is not a JSON object.", .json(Common.ref("Detail"))),
                R(413, "The body is larger than 1 MiB.", .json(Common.ref("Detail"))),
                R(404, "A wrong `APIKey`, or a caller outside the allowed networks.", .json(Common.ref("Detail"))),
            ])
    }
}

/// The bot routes splat modules add (`Registry.botRoutes`), declared by the modules' values and mounted and
/// documented as the core's are.
struct BotModuleRoutes {
    let registry: Registry
    let characters: CharacterService

    static func routes(_ registry: Registry) -> [Route<Self>] {
        let docs = BotDocs(registry: registry)
        return registry.botRoutes.map { route in
            let responses = route.responses.map { response in
                switch response.content {
                case .sheet(let slug)?:
                    Operation.Response(response.status, response.description, .json(Common.ref(SplatSchemas.name(slug, .sheet))))
                case .json(let schema)?: Operation.Response(response.status, response.description, .json(schema))
                case nil: Operation.Response(response.status, response.description)
                }
            }
            return Route(docs.bot(route.path, route.summary, body: route.body, responses)) { face, _, context in
                let reply: BotRouteReply
                do {
                    reply = try await route.handle(
                        BotRouteRequest(body: context.botBody, characters: face.characters, registry: face.registry))
                } catch let early as BotRouteReply {
                    reply = early
                }
                let status = HTTPResponse.Status(code: reply.status)
                return reply.body.map { Reply.json($0, status: status) } ?? Reply.empty(status)
            }
        }
    }
}

extension JSONObject {
    /// A Discord id the bot must send, or a 400 `{"error": "<key> is required"}` in the route's style.
    func requiredSnowflake(_ key: String, style: JSON.Style) throws -> Int64 {
        guard let id = Snowflake.parse(self[key]) else { throw ReplyError(Reply.error("\(key) is required", style: style)) }
        return id
    }
}
