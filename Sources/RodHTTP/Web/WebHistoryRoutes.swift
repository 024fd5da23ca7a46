import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// A character's history, its deleted characters, and restores (`api/character/history/<id>`,
/// `api/character/deleted`, `api/character/restore/<id>`). Only those who may read a character learn that it exists:
/// anyone else gets the 404 of a character that never did.
struct WebHistoryRoutes {
    let characters: CharacterService
    let users: UserService

    /// `?before=<revision>&limit=`: the page of changes before `before`, newest first.
    func history(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { return WebCharacterRoutes.characterNotFound }
        let query = request.formQuery
        var errors = ValidationErrors()
        let before = query.number("before", in: 1...Int64.max, errors: &errors)
        let limit = query.number("limit", in: 1...Int64(CharacterService.historyPageLimit), errors: &errors).map(Int.init)
        guard errors.isEmpty else { return Reply.json(errors.json, status: .badRequest) }
        let page: HistoryPage
        do throws(CharacterWriteError) {
            page = try await characters.history(id: id, by: user, before: before, limit: limit)
        } catch .notFound, .forbidden {
            return WebCharacterRoutes.characterNotFound
        } catch {
            return try WebCharacterRoutes.reply(to: error)
        }
        var names: [Int64: String] = [:]
        for actor in Set(page.entries.compactMap(\.actorID)) {
            names[actor] = try await users.user(id: actor)?.username ?? ""
        }
        let entries: [JSON] = page.entries.map { entry in
            let actor: JSON = entry.actorID.map { ["id": .string(String($0)), "username": .string(names[$0] ?? "")] } ?? .null
            return [
                "revision": .int(entry.revision), "at": .string(ISOTimestamp.string(entry.at)),
                "operation": .string(entry.operation.rawValue), "face": .string(entry.face.rawValue), "actor": actor,
                "restored_from": entry.restoredFrom.map { .int($0) } ?? .null,
                "changes": .array(entry.changes.map { ["key": .string($0.key), "old": $0.old, "new": $0.new] }),
            ]
        }
        return Reply.json([
            "id": .int(page.characterID), "splat": .string(page.splat), "name": .string(page.name),
            "deleted": .bool(page.deleted), "revision": .int(page.revision), "history": .array(entries),
            "next": page.next.map { .int($0) } ?? .null,
        ])
    }

    /// `?before=<id>&limit=`: the page of the user's deleted characters after `before` (the previous page's `next`),
    /// the latest deleted first.
    func deleted(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let query = request.formQuery
        var errors = ValidationErrors()
        let before = query.number("before", in: 1...Int64.max, errors: &errors)
        let limit = query.number("limit", in: 1...Int64(CharacterService.historyPageLimit), errors: &errors).map(Int.init)
        guard errors.isEmpty else { return Reply.json(errors.json, status: .badRequest) }
        let page: (characters: [DeletedCharacter], next: Int64?)
        do throws(CharacterWriteError) {
            page = try await characters.deletedCharacters(of: user, before: before, limit: limit)
        } catch .notFound {
            let message = "No deleted character of yours has this id any more; start again from the first page."
            return Reply.json(ValidationErrors("before", ValidationMessage(message)).json, status: .badRequest)
        } catch {
            return try WebCharacterRoutes.reply(to: error)
        }
        return Reply.json([
            "characters": .array(
                page.characters.map {
                    [
                        "id": .int($0.id), "splat": .string($0.splat), "name": .string($0.name),
                        "deleted_at": .string(ISOTimestamp.string($0.deletedAt)),
                    ]
                }),
            "next": page.next.map { .int($0) } ?? .null,
        ])
    }

    /// `{"revision": N}`: a new revision whose traits are those of revision N (`If-Match` applies it only on the
    /// revision it names). A deleted character comes back with its id.
    func restore(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { return WebCharacterRoutes.characterNotFound }
        let body = try await WebCharacterRoutes.jsonObject(request, context)
        guard let target = body["revision"]?.intValue, target > 0 else {
            return Reply.json(["revision": ["A revision number is required."]], status: .badRequest)
        }
        let expected = request.headers[.ifMatch].flatMap(WebCharacterRoutes.revision(ifMatch:))
        do throws(CharacterWriteError) {
            let restored = try await characters.restore(id: id, revision: target, by: user, expectedRevision: expected)
            return WebCharacterRoutes.withRevision(
                Reply.json(["id": .int(restored.id), "revision": .int(restored.revision), "restored_from": .int(target)]),
                restored)
        } catch .notFound, .forbidden {
            return WebCharacterRoutes.characterNotFound
        } catch .stale(let current) {
            guard let splat = characters.registry.splat(current.splat) else { return WebCharacterRoutes.characterNotFound }
            return WebCharacterRoutes.withRevision(Reply.json(splat.sheet(current), status: .preconditionFailed), current)
        } catch .invalid(let errors) where errors.messages(for: "name").first?.code == .status(409) {
            return Reply.json(errors.json, status: .conflict)
        } catch {
            return try WebCharacterRoutes.reply(to: error)
        }
    }
}

extension WebHistoryRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static var routes: [Route<Self>] {
        typealias R = Operation.Response
        let throttled = WebResponses.throttled
        let id = Operation.Parameter("id", in: .path, schema: ["type": "integer"], "The character's id.")
        let unknown = R(404, "No such character, or not one the user may read.", .json(Common.string))
        let revision = [("ETag", "The character's new revision.")]
        return [
            Route(
                Operation(
                    "GET", "/api/character/history/{id}", id: "api_character_history", tag: "api",
                    summary:
                        "A character's changes, newest first: its owner and the staff of its chronicle (a deleted one's: its owner).",
                    security: .session,
                    parameters: [
                        id,
                        .init("before", in: .query, schema: ["type": "integer"], "Only changes before this revision (`next`)."),
                        .init(
                            "limit", in: .query, schema: ["type": "integer", "minimum": 1, "maximum": 200],
                            "Changes per page (default 50)."),
                    ],
                    responses: [
                        R(200, "A page of the history.", .json(Common.ref("CharacterHistory"))),
                        R(400, "`before` or `limit` is not a valid number.", .json(Common.ref("ValidationErrors"))),
                        R(403, "Not signed in.", .json(Common.ref("Detail"))), unknown, throttled,
                    ])
            ) { face, request, context in try await face.history(request, context) },
            Route(
                Operation(
                    "GET", "/api/character/deleted", id: "api_character_deleted", tag: "api",
                    summary: "The user's deleted characters, which `restore` can bring back.", security: .session,
                    parameters: [
                        .init(
                            "before", in: .query, schema: ["type": "integer"],
                            "Only those listed after this one (the previous page's `next`)."),
                        .init(
                            "limit", in: .query, schema: ["type": "integer", "minimum": 1, "maximum": 200],
                            "Characters per page (default 50)."),
                    ],
                    responses: [
                        R(
                            200, "A page, the latest deleted first; `next` starts the following page (null on the last).",
                            .json(
                                Common.object([
                                    "characters": Common.array(Common.ref("DeletedCharacter")),
                                    "next": ["type": ["integer", "null"]],
                                ]))),
                        R(
                            400,
                            "`before` or `limit` is not a valid number, or `before` names no deleted character of the user's.",
                            .json(Common.ref("ValidationErrors"))),
                        R(403, "Not signed in.", .json(Common.ref("Detail"))), throttled,
                    ])
            ) { face, request, context in try await face.deleted(request, context) },
            Route(
                Operation(
                    "POST", "/api/character/restore/{id}", id: "api_character_restore", tag: "api",
                    summary:
                        "Make a new revision whose traits are those of an earlier one (the same permissions, lock and validation as an update); a deleted character comes back with its id.",
                    security: .session,
                    parameters: [
                        id,
                        .init(
                            "If-Match", in: .header, schema: ["type": "string"],
                            "Restore only if the character is still at this revision (its ETag)."),
                    ],
                    body: .json(
                        Common.object(["revision": ["type": "integer", "minimum": 1, "description": "The revision to restore."]])),
                    responses: [
                        R(
                            200, "Restored.",
                            .json(
                                Common.object(["id": Common.integer, "revision": Common.integer, "restored_from": Common.integer])
                            ),
                            headers: revision),
                        R(
                            400, "No such earlier revision, a value the splat refuses today, or the storyteller's lock.",
                            .json(Common.ref("ValidationErrors"))),
                        R(
                            403, "Not signed in, no CSRF token, or (a deleted character) at the character or sheet limit.",
                            .json(Common.any)),
                        unknown, R(406, "A tracker, not a sheet.", .json(Common.string)),
                        R(409, "A deleted character whose name the owner has used since.", .json(Common.ref("ValidationErrors"))),
                        R(412, "`If-Match` names an older revision: the current sheet.", .json(Common.any)),
                        WebResponses.tooLarge, throttled,
                    ])
            ) { face, request, context in try await face.restore(request, context) },
        ]
    }
}
