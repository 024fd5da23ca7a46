import HTTPTypes
import Hummingbird
import NIOCore
import RodCore
import RodSchema
import RodServices
import RodStore

/// The web character API, compatible with the original's Vampire 5th routes (`api/character/new/v5`,
/// `get/v5`, `update/v5/<id>`, `delete`) and generated for every splat of the registry
/// (`api/character/new/<splat>`, ...), so a splat declared in YAML is served without route code.
/// A sheet's revision travels as its `ETag`; an update with `If-Match` applies only on that revision.
struct WebCharacterRoutes {
    let registry: Registry
    let characters: CharacterService

    /// What a web route answers for a character that does not exist, or that the user may not learn of.
    static let characterNotFound = Reply.json("Character does not exist!", status: .notFound)

    static let sheetLimitMessage: JSON = [
        "error": [
            "You are at your character limit. You must delete or archive some characters before you can make a new one.",
            "Please look at our supporter tiers to access a higher limit.",
        ]
    ]

    /// `?name=`: a new sheet. `{"id": n}`; 403 without a name or at the character or sheet limit; 409 for a name in use.
    func create(_ splat: Splat, _ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let name = request.formQuery["name"].map({ $0.trimmingWhitespace }), !name.isEmpty else {
            return Reply.empty(.forbidden)
        }
        do throws(CharacterWriteError) {
            let sheet = try await characters.createSheet(splat: splat, name: name, owner: user)
            return Reply.json(["id": .int(sheet.id)])
        } catch .sheetLimit {
            return Reply.json(Self.sheetLimitMessage, status: .forbidden)
        } catch .invalid(let errors) where errors.messages(for: "name").first?.code == .status(304) {
            return Reply.json("You already have a character with this name", status: .conflict)
        } catch {
            return try Self.reply(to: error)
        }
    }

    /// `?id=&sheet=`: the full sheet, for its owner or staff of its chronicle.
    func get(_ splat: Splat, _ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let notFound = Self.characterNotFound
        let query = request.formQuery
        // The character's stamp decides who may read it; its sheet is rendered once per revision (`sheet(of:)`).
        guard let id = query["id"].flatMap({ Int64($0) }), let stamp = try await characters.stamp(id: id),
            stamp.splat == splat.slug
        else { return notFound }
        do throws(CharacterWriteError) {
            guard try await characters.access(of: user, ownerID: stamp.userID, chronicleID: stamp.chronicleID).canRead else {
                return Reply.json("You do not have permission to view this character", status: .forbidden)
            }
        } catch {
            return try Self.reply(to: error)
        }
        if let flag = query["sheet"], !["", "false", "0"].contains(flag.lowercased()), !stamp.isSheet {
            return Reply.json("This is not a Sheet", status: .notAcceptable)
        }
        guard let sheet = try await characters.sheet(of: stamp) else { return notFound }
        return Self.withRevision(Reply.json(bytes: sheet.bytes), revision: sheet.revision)
    }

    /// PUT with flat keys (`{"hunger": 3}`): a partial update. 200 empty, 400 with the field errors,
    /// 412 with the current sheet when `If-Match` names an older revision.
    func update(_ splat: Splat, _ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else {
            return Reply.json(["message": ["Character not found"]], status: .notFound)
        }
        let input = try await Self.jsonObject(request, context)
        let expected = request.headers[.ifMatch].flatMap(Self.revision(ifMatch:))
        do throws(CharacterWriteError) {
            let saved = try await characters.updateSheet(id: id, splat: splat, input: input, by: user, expectedRevision: expected)
            return Self.withRevision(Reply.empty(.ok), saved)
        } catch .notFound {
            return Reply.json(["message": ["Character not found"]], status: .notFound)
        } catch .forbidden {
            return Reply.json("You do not have permission to edit this character", status: .forbidden)
        } catch .stale(let current) {
            return Self.withRevision(Reply.json(splat.sheet(current), status: .preconditionFailed), current)
        } catch .invalid(let errors), .locked(let errors) {
            return Reply.json(errors.json, status: .badRequest)
        } catch {
            return try Self.reply(to: error)
        }
    }

    /// `?id=`: the owner deletes the character; staff of its chronicle take it out of the chronicle.
    /// 204 when there is no such character, 403 `"Invalid Permission"` otherwise.
    @Sendable func delete(_ request: Request, context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let text = request.formQuery["id"], !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }),
            let id = Int64(text)
        else { return Reply.empty(.notFound) }
        do throws(CharacterWriteError) {
            guard try await characters.deleteOrUnlink(id: id, by: user) != nil else { return Reply.empty(.noContent) }
            return Reply.empty(.ok)
        } catch .forbidden {
            return Reply.json("Invalid Permission", status: .forbidden)
        } catch {
            return try Self.reply(to: error)
        }
    }

    /// PUT the image's bytes (PNG, JPEG, GIF or WebP, at most 5 MB): `{"faceclaim": "/media/char_avatars/…"}`.
    @Sendable func setAvatar(_ request: Request, context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { return Reply.detail("Not found.", status: .notFound) }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: AvatarFetcher.maximumBytes)
        } catch {
            return Reply.detail("Image too large (max 5MB)", status: .contentTooLarge)
        }
        return try await avatar(id: id, bytes: Array(body.readableBytesView), user: user)
    }

    /// Removes the avatar: `{"faceclaim": null}`.
    @Sendable func removeAvatar(_ request: Request, context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        guard let id = context.parameters.get("id", as: Int64.self) else { return Reply.detail("Not found.", status: .notFound) }
        return try await avatar(id: id, bytes: nil, user: user)
    }

    private func avatar(id: Int64, bytes: [UInt8]?, user: User) async throws -> Response {
        do throws(CharacterWriteError) {
            let saved = try await characters.setAvatar(id: id, bytes: bytes, by: user)
            return Self.withRevision(
                Reply.json(["faceclaim": saved.avatar.isEmpty ? .null : .string("/media/" + saved.avatar)]), saved)
        } catch .avatar(.tooLarge) {
            return Reply.detail("Image too large (max 5MB)", status: .contentTooLarge)
        } catch .avatar {
            return Reply.detail("Invalid image format", status: .unsupportedMediaType)
        } catch .notFound {
            return Reply.detail("Not found.", status: .notFound)
        } catch .forbidden {
            return Reply.json("You do not have permission to edit this character", status: .forbidden)
        } catch .invalid(let errors), .locked(let errors) {
            return Reply.json(errors.json, status: .badRequest)
        } catch {
            return try Self.reply(to: error)
        }
    }

    // MARK: Helpers

    /// The revision an `If-Match` header names: `"5"`, `W/"5"` or `5`.
    static func revision(ifMatch value: String) -> Int64? {
        var text = Substring(value.trimmingWhitespace)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        return Int64(text.filter { $0 != "\"" })
    }

    static func withRevision(_ response: Response, _ character: CharacterRecord) -> Response {
        withRevision(response, revision: character.revision)
    }

    static func withRevision(_ response: Response, revision: Int64) -> Response {
        var response = response
        response.headers[.eTag] = "\"\(revision)\""
        return response
    }

    /// A request's JSON object body, or a 400 as DRF answers malformed JSON.
    static func jsonObject(_ request: Request, _ context: RodRequestContext) async throws -> JSONObject {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            guard let object = try JSON.parse(buffer.readableBytesView).objectValue else {
                throw ReplyError(Reply.detail("Expected a JSON object.", status: .badRequest))
            }
            return object
        } catch let error as JSONParseError {
            throw ReplyError(Reply.detail("JSON parse error - \(error)", status: .badRequest))
        }
    }

    /// Refusals no route expects: a store failure goes to the error middleware (500, logged).
    static func reply(to error: CharacterWriteError) throws -> Response {
        switch error {
        case .invalid(let errors), .locked(let errors): return Reply.json(errors.json, status: .badRequest)
        case .notASheet: return Reply.json("This is not a Sheet", status: .notAcceptable)
        case .forbidden: return Reply.detail("You do not have permission to perform this action.", status: .forbidden)
        case .notFound: return Reply.detail("Not found.", status: .notFound)
        case .sheetLimit: return Reply.json(sheetLimitMessage, status: .forbidden)
        case .busy: return Reply.detail("The character is being changed by someone else; try again.", status: .serviceUnavailable)
        default: throw error
        }
    }
}

extension RodRequestContext {
    /// The signed-in user; `APIAccessMiddleware` has already refused anonymous requests.
    func requireUser() throws -> User {
        guard let user else {
            throw ReplyError(Reply.detail("Authentication credentials were not provided.", status: .forbidden))
        }
        return user
    }
}

extension WebCharacterRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them. A set of character
    /// routes per path of `Registry.webPaths` (each splat's slug, and the aliases modules register).
    static func routes(_ registry: Registry) -> [Route<Self>] {
        typealias R = Operation.Response
        let throttled = WebResponses.throttled
        let revision = [("ETag", "The character's revision; send it back as `If-Match` to update only that revision.")]
        var routes: [Route<Self>] = []
        for (path, splat) in registry.webPaths {
            let sheet = Common.ref(SplatSchemas.name(splat.slug, .sheet))
            let title = "\(splat.name) \(splat.version)"
            let suffix = path == splat.slug ? splat.slug : "\(path)_alias"
            routes += [
                Route(
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
                        ]), csrfOnSafeMethods: true
                ) { try await $0.create(splat, $1, $2) },
                Route(
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
                        ])
                ) { try await $0.get(splat, $1, $2) },
                Route(
                    Operation(
                        "PUT", "/api/character/update/\(path)/{id}", id: "api_character_update_\(suffix)", tag: "api",
                        summary: "Change some traits of a \(title) sheet (flat keys).", security: .session,
                        parameters: [
                            .init("id", in: .path, schema: ["type": "integer"], "The character's id."),
                            .init(
                                "If-Match", in: .header, schema: ["type": "string"],
                                "Apply only on this revision (the sheet's ETag)."
                            ),
                        ],
                        body: .json(Common.ref(SplatSchemas.name(splat.slug, .write))),
                        responses: [
                            R(200, "Saved.", headers: revision), R(400, "Invalid.", .json(Common.any)),
                            R(403, "Not the owner or staff, not signed in, or no CSRF token.", .json(Common.any)),
                            R(404, "No such character.", .json(Common.any)),
                            R(406, "A tracker, not a sheet.", .json(Common.string)),
                            WebResponses.tooLarge,
                            R(412, "`If-Match` names an older revision: the current sheet.", .json(sheet), headers: revision),
                            throttled,
                        ])
                ) { try await $0.update(splat, $1, $2) },
            ]
        }
        let id = Operation.Parameter("id", in: .path, schema: ["type": "integer"], "The character's id.")
        let faceclaim = Common.object(["faceclaim": ["type": ["string", "null"]]])
        routes += [
            Route(
                Operation(
                    "DELETE", "/api/character/delete", id: "api_character_delete", tag: "api",
                    summary: "Delete a character (its owner), or take it out of the chronicle (staff).", security: .session,
                    parameters: [.init("id", in: .query, schema: ["type": "string"], "The character's id.")],
                    responses: [
                        R(200, "Done."), R(204, "No such character."),
                        R(403, "Neither owner nor staff, or not signed in.", .json(Common.any)),
                        R(404, "No id, or not digits."), throttled,
                    ])
            ) { try await $0.delete($1, context: $2) },
            Route(
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
                    ])
            ) { try await $0.setAvatar($1, context: $2) },
            Route(
                Operation(
                    "DELETE", "/api/character/avatar/{id}", id: "api_character_avatar_remove", tag: "api",
                    summary: "Remove the character's avatar.", security: .session, parameters: [id],
                    responses: [
                        R(200, "Removed.", .json(faceclaim), headers: revision),
                        R(400, "Locked by the storyteller.", .json(Common.any)),
                        R(403, "Not allowed.", .json(Common.any)), R(404, "No such character.", .json(Common.ref("Detail"))),
                        throttled,
                    ])
            ) { try await $0.removeAvatar($1, context: $2) },
        ]
        return routes
    }
}
