import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// Chronicles on the web (`api/chronicle/<id>`, its characters, a bulk storyteller lock, the member's defaults), with
/// READY's visibility: its members see it, staff see everyone and every character, players themselves and their own.
/// Non-members get the 404 of a chronicle that does not exist.
struct WebChronicleRoutes {
    let registry: Registry
    let chronicles: ChronicleService
    let characters: CharacterService

    static let notFound = Reply.detail("Not found.", status: .notFound)
    /// Ids one bulk lock may name.
    static let maximumLockIDs = 100

    /// The chronicle the path names as the user sees it; nil for a non-member (or an unknown chronicle).
    func seen(_ context: RodRequestContext) async throws -> ChronicleService.Seen? {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { return nil }
        do {
            return try await chronicles.seen(chronicleID: id, by: user)
        } catch CommunityError.noMember {
            return nil
        }
    }

    /// The user's membership of the chronicle the path names; nil for a non-member (or an unknown chronicle).
    func membership(_ context: RodRequestContext) async throws -> (Member, User)? {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { return nil }
        do {
            return (try await chronicles.membership(chronicleID: id, by: user), user)
        } catch CommunityError.noMember {
            return nil
        }
    }

    /// The chronicle and the members the user may see.
    func chronicle(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        guard let seen = try await seen(context) else { return Self.notFound }
        return Reply.json([
            "chronicle": GatewayShapes.chronicle(seen.chronicle), "staff": .bool(seen.isStaff),
            "members": .array(seen.members.map { GatewayShapes.member($0.member, user: $0.user) }),
        ])
    }

    /// `?splat=&status=&after=&limit=`: a page of the chronicle's characters the user may see, as trackers.
    func characters(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let query = request.formQuery
        var errors = ValidationErrors()
        let splat = query["splat"].flatMap { slug -> String? in
            guard registry.splat(slug) != nil else {
                errors.add("splat", ValidationMessage("Select a valid choice. \(slug) is not one of the available choices."))
                return nil
            }
            return slug
        }
        let status = query.number("status", in: 1...5, errors: &errors)
        let after = query.number("after", in: 0...Int64.max, errors: &errors)
        let limit = query.number("limit", in: 1...200, errors: &errors) ?? 50
        guard errors.isEmpty else { return Reply.json(errors.json, status: .badRequest) }
        guard let page = try await page(context, splat: splat, status: status, after: after, limit: Int(limit)) else {
            return Self.notFound
        }
        return Reply.json([
            "characters": .array(page.characters.compactMap { registry.splat($0.splat)?.tracker($0) }),
            "next": page.next.map { .int($0) } ?? .null,
        ])
    }

    /// The page, or nil for a non-member (or an unknown chronicle).
    func page(_ context: RodRequestContext, splat: String?, status: Int64?, after: Int64?, limit: Int) async throws
        -> ChronicleService.CharacterPage?
    {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { return nil }
        do {
            return try await chronicles.characters(
                chronicleID: id, by: user, splat: splat, status: status, afterID: after, limit: limit)
        } catch CommunityError.noMember {
            return nil
        }
    }

    /// `{"ids": [...], "lock": true|false}`: staff lock or unlock several sheets of the chronicle at once.
    func lock(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let body = try await WebCharacterRoutes.jsonObject(request, context)
        guard case .array(let items)? = body["ids"], !items.isEmpty, items.count <= Self.maximumLockIDs,
            case .bool(let lock)? = body["lock"]
        else {
            let message = "Send {\"ids\": [1 to \(Self.maximumLockIDs) character ids], \"lock\": true or false}."
            return Reply.json(ValidationErrors(ValidationErrors.nonField, ValidationMessage(message)).json, status: .badRequest)
        }
        let ids = items.compactMap(\.coercedInteger)
        guard ids.count == items.count else { return Reply.json(["ids": ["Every id must be a number."]], status: .badRequest) }
        guard let (membership, user) = try await membership(context) else { return Self.notFound }
        guard membership.isStaff else {
            return Reply.detail("Only the chronicle's storytellers and admins may lock sheets.", status: .forbidden)
        }
        do throws(CharacterWriteError) {
            let outcomes = try await characters.setLock(lock, ids: ids, chronicleID: membership.chronicleID, by: user)
            return Reply.json([
                "lock": .bool(lock),
                "results": .array(outcomes.map { ["id": .int($0.id), "outcome": .string($0.outcome.rawValue)] }),
            ])
        } catch {
            return try WebCharacterRoutes.reply(to: error)
        }
    }

    /// The member's default character for the bot in this chronicle, and auto-hunger.
    func defaults(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        guard let (membership, _) = try await membership(context) else { return Self.notFound }
        return Reply.json(Self.defaults(membership))
    }

    /// `{"character": id or null, "auto_hunger": bool}`: sets (or with null clears) the default, as the bot's
    /// `chronicle/member/defaults/set` does; the character must be the user's.
    func setDefaults(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let body = try await WebCharacterRoutes.jsonObject(request, context)
        var errors = ValidationErrors()
        let character: Int64?
        switch body["character"] {
        case .null?: character = nil
        case let value? where value.coercedInteger != nil: character = value.coercedInteger
        default:
            character = nil
            errors.add("character", ValidationMessage("A character id, or null to clear the default."))
        }
        let autoHunger: Bool
        switch body["auto_hunger"] {
        case nil: autoHunger = false
        case .bool(let value)?: autoHunger = value
        default:
            autoHunger = false
            errors.add("auto_hunger", ValidationMessage("Must be a valid boolean."))
        }
        guard errors.isEmpty else { return Reply.json(errors.json, status: .badRequest) }
        guard let (membership, user) = try await membership(context) else { return Self.notFound }
        let saved: Member
        do {
            saved = try await chronicles.setDefault(
                chronicleID: membership.chronicleID, userID: user.id, characterID: character, autoHunger: autoHunger)
        } catch CommunityError.noCharacter {
            return Reply.json(["character": ["You have no character with this id."]], status: .badRequest)
        } catch CommunityError.noMember {
            return Self.notFound
        }
        return Reply.json(Self.defaults(saved))
    }

    static func defaults(_ member: Member) -> JSON {
        ["character": member.defaultCharacterID.map { .int($0) } ?? .null, "auto_hunger": .bool(member.defaultAutoHunger)]
    }
}

extension WebChronicleRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static func routes(_ registry: Registry) -> [Route<Self>] {
        typealias R = Operation.Response
        let throttled = WebResponses.throttled
        let id = Operation.Parameter("id", in: .path, schema: ["type": "integer"], "The chronicle's (Discord guild's) id.")
        let unknown = R(404, "No such chronicle, or the user is not a member.", .json(Common.ref("Detail")))
        let signedOut = R(403, "Not signed in (or, on PUT and POST, no CSRF token).", .json(Common.any))
        let invalid = R(400, "Invalid, field by field.", .json(Common.ref("ValidationErrors")))
        let anyTracker: JSON = ["anyOf": .array(registry.splats.map { Common.ref(SplatSchemas.name($0.slug, .tracker)) })]
        let defaults = R(200, "The member's defaults.", .json(Common.ref("MemberDefaults")))
        return [
            Route(
                Operation(
                    "GET", "/api/chronicle/{id}", id: "api_chronicle_get", tag: "api",
                    summary: "A chronicle and its members as READY shows them: everyone to staff, themselves to players.",
                    security: .session, parameters: [id],
                    responses: [R(200, "The chronicle.", .json(Common.ref("WebChronicle"))), signedOut, unknown, throttled])
            ) { face, request, context in try await face.chronicle(request, context) },
            Route(
                Operation(
                    "GET", "/api/chronicle/{id}/characters", id: "api_chronicle_characters", tag: "api",
                    summary: "The chronicle's characters as trackers, in id order: every one to staff, their own to players.",
                    security: .session,
                    parameters: [
                        id, .init("splat", in: .query, schema: ["type": "string"], "Only this splat."),
                        .init(
                            "status", in: .query, schema: ["type": "integer", "minimum": 1, "maximum": 5],
                            "Only this status (1 draft, 2 active, 3 archived, 4 dead, 5 deleted)."),
                        .init("after", in: .query, schema: ["type": "integer", "minimum": 0], "Only ids above this (`next`)."),
                        .init(
                            "limit", in: .query, schema: ["type": "integer", "minimum": 1, "maximum": 200],
                            "Characters per page (default 50)."),
                    ],
                    responses: [
                        R(
                            200, "A page.",
                            .json(
                                Common.object([
                                    "characters": Common.array(anyTracker),
                                    "next": [
                                        "type": ["integer", "null"], "description": "Send as `after` for the next page.",
                                    ],
                                ]))), invalid, signedOut, unknown, throttled,
                    ])
            ) { face, request, context in try await face.characters(request, context) },
            Route(
                Operation(
                    "POST", "/api/chronicle/{id}/lock", id: "api_chronicle_lock", tag: "api",
                    summary:
                        "Storytellers and admins lock or unlock several sheets of the chronicle at once; each change is recorded and broadcast as a single-sheet lock is.",
                    security: .session, parameters: [id],
                    body: .json(
                        Common.object([
                            "ids": ["type": "array", "items": ["type": "integer"], "minItems": 1, "maxItems": 100],
                            "lock": Common.boolean,
                        ])),
                    responses: [
                        R(
                            200, "What happened to each sheet.",
                            .json(
                                Common.object([
                                    "lock": Common.boolean,
                                    "results": Common.array(
                                        Common.object([
                                            "id": Common.integer, "outcome": ["enum": ["changed", "unchanged", "not_found"]],
                                        ])),
                                ]))),
                        R(400, "Not `{\"ids\": [...], \"lock\": bool}`.", .json(Common.ref("ValidationErrors"))),
                        R(403, "Not signed in, no CSRF token, or not staff of the chronicle.", .json(Common.any)), unknown,
                        WebResponses.tooLarge, throttled,
                    ])
            ) { face, request, context in try await face.lock(request, context) },
            Route(
                Operation(
                    "GET", "/api/chronicle/{id}/member/me/defaults", id: "api_chronicle_defaults_get", tag: "api",
                    summary: "The member's default character for the bot in this chronicle, and auto-hunger.",
                    security: .session, parameters: [id], responses: [defaults, signedOut, unknown, throttled])
            ) { face, request, context in try await face.defaults(request, context) },
            Route(
                Operation(
                    "PUT", "/api/chronicle/{id}/member/me/defaults", id: "api_chronicle_defaults_set", tag: "api",
                    summary:
                        "Set the member's default character (one of their own) and auto-hunger, or clear it with null; the bot's next roll uses it.",
                    security: .session, parameters: [id],
                    body: .json(
                        Common.object(
                            ["character": ["type": ["integer", "null"]], "auto_hunger": Common.boolean], required: ["character"])),
                    responses: [
                        defaults, invalid, signedOut, unknown,
                        WebResponses.tooLarge, throttled,
                    ])
            ) { face, request, context in try await face.setDefaults(request, context) },
        ]
    }
}
