import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// The bot's character routes (`bot/character/*`, `bot/sheet/get`), compatible with the original's DRF views:
/// same keys, same statuses, compact JSON.
struct BotCharacterRoutes {
    let registry: Registry
    let characters: CharacterService
    let avatars: AvatarFetcher

    /// Avatar URLs that already point at the site are kept as they are on save.
    static let ownMediaPrefix = "https://realmofdarkness.app"

    /// `{"pk"}` or `{"user_id", "name"}`, optionally `"splat"`: one character's full sheet, 404 if none, 300 if several.
    @Sendable func get(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        var query = CharacterQuery(limit: 2)
        if let slug = body["splat"]?.stringValue, registry.splat(slug) != nil { query.splats = [slug] }
        if let pk = body["pk"], !pk.isNull {
            guard let id = pk.coercedInteger else { return Reply.empty(.notFound) }
            query.id = id
        } else {
            guard let userID = Snowflake.parse(body["user_id"]) else { return Reply.empty(.badRequest) }
            guard let name = body["name"]?.stringValue else { return Reply.empty(.notFound) }
            query.userID = userID
            query.name = name.trimmingWhitespace
        }
        switch try await characters.botSheet(query) {
        case .notFound: return Reply.empty(.notFound)
        case .several: return Reply.empty(.multipleChoices)
        case .sheet(let bytes): return Reply.json(bytes: bytes)
        }
    }

    /// `{"user_id", "guild_id"?, "splat"?: text or list, "sheet_only"?}`: `{"characters": [{"id", "name", "splat"}]}`.
    @Sendable func names(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        var query = try Self.userQuery(body)
        if body["sheet_only"]?.isTruthy == true { query.isSheet = true }
        switch body["splat"] {
        case .string(let slug)? where !slug.isEmpty:
            query.splats = [slug]
        case .array(let items)? where !items.isEmpty:
            let slugs = items.compactMap(\.stringValue)
            guard slugs.count == items.count else { return Reply.error("splat must be a text or a list of texts") }
            query.splats = slugs
        case let value? where value.isTruthy:
            return Reply.error("splat must be a text or a list of texts")
        default:
            break
        }
        let summaries = try await characters.summaries(query)
        let list = summaries.map {
            JSON.object(JSONObject([("id", .int($0.id)), ("name", .string($0.name)), ("splat", .string($0.splat))]))
        }
        return Reply.json(["characters": .array(list)])
    }

    /// `{"user_id", "guild_id"?}`: `{"global": {"sheets", "trackers", "total"}, "chronicle": {...}}`.
    @Sendable func count(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        guard let userID = Snowflake.parse(body["user_id"]) else { return Reply.error("user_id is required") }
        func json(_ counts: CharacterCounts) -> JSON {
            .object(
                JSONObject([("sheets", JSON(counts.sheets)), ("trackers", JSON(counts.trackers)), ("total", JSON(counts.total))]))
        }
        var object = JSONObject()
        object["global"] = json(try await characters.counts(userID: userID, chronicleID: nil))
        if let guild = body["guild_id"], !guild.isNull {
            guard let chronicleID = Snowflake.parse(guild) else { return Reply.error("guild_id must be a Discord id") }
            object["chronicle"] = json(try await characters.counts(userID: userID, chronicleID: chronicleID))
        }
        return Reply.json(.object(object))
    }

    /// `{"character": {flat keys}}`: 201 on success.
    @Sendable func create(_ request: Request, context: RodRequestContext) async throws -> Response {
        try await write(context, keepingOwnMedia: false, success: .created) { input, avatar throws(CharacterWriteError) in
            try await characters.createForBot(input, avatar: avatar)
        }
    }

    /// `{"character": {"id", flat keys}}`: 200 on success, 404 `{"message": "Character not found"}`.
    @Sendable func save(_ request: Request, context: RodRequestContext) async throws -> Response {
        try await write(context, keepingOwnMedia: true, success: .ok) { input, avatar throws(CharacterWriteError) in
            try await characters.saveForBot(input, avatar: avatar)
        }
    }

    /// Takes the body's `character`, downloads its avatar, runs the write and answers as the original does.
    private func write(
        _ context: RodRequestContext, keepingOwnMedia: Bool, success: HTTPResponse.Status,
        _ operation: (JSONObject, DownloadedImage?) async throws(CharacterWriteError) -> CharacterRecord
    ) async throws -> Response {
        guard let input = context.botBody["character"]?.objectValue else { return Reply.error("character is required") }
        let avatar = try await download(input["avatar"], keepingOwnMedia: keepingOwnMedia)
        do {
            _ = try await operation(input, avatar)
            return Reply.empty(success)
        } catch {
            return try Self.reply(to: error)
        }
    }

    /// `{"ids": [...], "disconnect": bool}`: deletes the characters, or takes them out of their chronicle.
    /// Ids that do not exist are skipped. `{"names": [...]}` of those handled, in order.
    @Sendable func delete(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        guard case .array(let items)? = body["ids"] else { return Reply.error("ids is required") }
        let ids = items.compactMap(\.coercedInteger)
        guard ids.count == items.count else { return Reply.error("ids must be a list of character ids") }
        let handled: [CharacterRecord]
        do {
            if body["disconnect"]?.isTruthy == true {
                handled = try await characters.disconnect(ids: ids, face: .bot, actorID: nil)
            } else {
                handled = try await characters.delete(ids: ids, face: .bot, actorID: nil)
            }
        } catch {
            return try Self.reply(to: error)
        }
        return Reply.json(["names": .array(handled.map { .string($0.name) })])
    }

    // MARK: Helpers

    /// A query on the body's `user_id`, restricted to `guild_id` when given.
    static func userQuery(_ body: JSONObject) throws -> CharacterQuery {
        guard let userID = Snowflake.parse(body["user_id"]) else { throw ReplyError(Reply.error("user_id is required")) }
        var query = CharacterQuery(userID: userID)
        if let guild = body["guild_id"], !guild.isNull {
            guard let chronicleID = Snowflake.parse(guild) else { throw ReplyError(Reply.error("guild_id must be a Discord id")) }
            query.chronicle = .id(chronicleID)
        }
        return query
    }

    /// Downloads the avatar a payload links to, answering 413, 415 or 406 as the original does when it cannot.
    func download(_ value: JSON?, keepingOwnMedia: Bool) async throws -> DownloadedImage? {
        guard let value, value.isTruthy else { return nil }
        guard case .string(let url) = value else {
            throw ReplyError(Reply.text("Invalid image format", status: .unsupportedMediaType))
        }
        if keepingOwnMedia, url.hasPrefix(Self.ownMediaPrefix) { return nil }
        switch await avatars.fetch(url) {
        case .success(let image): return image
        case .failure(.tooLarge): throw ReplyError(Reply.text("Image too large (max 5MB)", status: .contentTooLarge))
        case .failure(.invalidImage): throw ReplyError(Reply.text("Invalid image format", status: .unsupportedMediaType))
        case .failure(.downloadFailed): throw ReplyError(Reply.text("Failed to download image", status: .notAcceptable))
        }
    }

    /// The original's `validation_error_handler`, without its crashes: the first message of `name`, else of
    /// `non_field_errors`, with its status (304, 409, 422) or 400, as a JSON string. Other fields' errors, which
    /// the original answered with an empty 400, answer 400 with `"<field>: <message>"`.
    /// A store failure is thrown on, to be logged and answered 500 by `ErrorMiddleware`.
    static func reply(to error: CharacterWriteError) throws -> Response {
        switch error {
        case .invalid(let errors), .locked(let errors):
            if let message = errors.messages(for: "name").first ?? errors.messages(for: ValidationErrors.nonField).first {
                if case .status(let status) = message.code {
                    return Reply.json(.string(message.message), status: HTTPResponse.Status(code: status))
                }
                return Reply.json(.string(message.message), status: .badRequest)
            }
            let field = errors.fields.first ?? ValidationErrors.nonField
            let message = errors.messages(for: field).first?.message ?? "Invalid input."
            return Reply.json(.string("\(field): \(message)"), status: .badRequest)
        case .notFound:
            return Reply.json(["message": "Character not found"], status: .notFound)
        case .unknownSplat(let slug):
            return Reply.json(.string("Unknown splat: \(slug)"), status: .badRequest)
        case .characterLimit:
            return Reply.empty(.conflict)
        case .sheetLimit, .notASheet, .forbidden, .stale, .avatar:
            // The web face's refusals; the bot's writes never meet them.
            return Reply.json(.string(String(describing: error)), status: .badRequest)
        case .busy:
            return Reply.detail("The character is being changed by someone else; try again.", status: .serviceUnavailable)
        case .store, .unavailable:
            throw error
        }
    }
}

extension BotCharacterRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static func routes(_ registry: Registry) -> [Route<Self>] {
        typealias R = Operation.Response
        let docs = BotDocs(registry: registry)
        return [
            docs.post(
                "character/get", "Read one character by id, or by owner and name.",
                body: Common.object(
                    [
                        "pk": ["type": ["integer", "null"]],
                        "user_id": ["anyOf": [Common.anySnowflake("Owner."), ["type": "null"]]],
                        "name": ["type": ["string", "null"]], "splat": ["type": ["string", "null"]],
                        "guild_id": ["description": "Ignored."],
                    ], required: []),
                [
                    R(200, "The full sheet of the character's splat.", .json(docs.anySheet)),
                    R(300, "Several characters match."),
                    R(400, "Neither `pk` nor `user_id`."), R(404, "No such character."),
                ]
            ) { try await $0.get($1, context: $2) },
            docs.post(
                "character/get/names", "The names of a user's characters.",
                body: Common.object(
                    [
                        "user_id": Common.anySnowflake("Owner."),
                        "guild_id": Common.anySnowflake("Only those in this chronicle."),
                        "splat": [
                            "anyOf": [Common.string, Common.array(Common.string)], "description": "Only these splats.",
                        ],
                        "sheet_only": Common.boolean,
                    ], required: ["user_id"]),
                [
                    R(
                        200, "The characters, in creation order.",
                        .json(
                            Common.object([
                                "characters": Common.array(
                                    Common.object([
                                        "id": Common.integer, "name": Common.string, "splat": ["type": ["string", "null"]],
                                    ]))
                            ]))), docs.missing,
                ]
            ) { try await $0.names($1, context: $2) },
            docs.post(
                "character/count", "How many characters a user has, overall and in a chronicle.",
                body: Common.object(
                    [
                        "user_id": Common.anySnowflake("Owner."),
                        "guild_id": Common.anySnowflake("Also count this chronicle."),
                    ],
                    required: ["user_id"]),
                [
                    R(
                        200, "Counts; `chronicle` only when `guild_id` was sent.",
                        .json(
                            Common.object(
                                ["global": Common.ref("CharacterCount"), "chronicle": Common.ref("CharacterCount")],
                                required: ["global"]))),
                    docs.missing,
                ]
            ) { try await $0.count($1, context: $2) },
            docs.post(
                "character/new", "Create a tracker (or sheet) for a user.",
                body: Common.object(["character": docs.character]),
                [R(201, "Created.")] + docs.writeRefusals + docs.imageFailures
            ) { try await $0.create($1, context: $2) },
            docs.post(
                "character/save", "Replace the traits the payload sends on the owner's character `id`.",
                body: Common.object(["character": docs.character]),
                [docs.ok, R(404, "No such character of this user and splat.", .json(Common.ref("Message")))]
                    + docs.writeRefusals
                    + docs.imageFailures
            ) { try await $0.save($1, context: $2) },
            docs.post(
                "character/delete", "Delete characters, or take them out of their chronicle (`disconnect`).",
                body: Common.object(
                    [
                        "ids": Common.array(["anyOf": [Common.integer, ["type": "string", "pattern": "^[0-9]+$"]]]),
                        "disconnect": Common.boolean,
                    ],
                    required: ["ids"]),
                [
                    R(
                        200, "The names of the characters handled, in order.",
                        .json(Common.object(["names": Common.array(Common.string)]))), docs.missing,
                ]
            ) { try await $0.delete($1, context: $2) },
        ]
    }
}
