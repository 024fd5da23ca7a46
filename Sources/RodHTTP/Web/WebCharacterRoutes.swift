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
    let store: any Store
    let characters: CharacterService

    func register(on api: RouterGroup<RodRequestContext>) {
        // Creating a sheet is a GET (the original's route): it needs the CSRF token too, or a same-origin fetch.
        let new = api.group("character/new").add(middleware: CSRFMiddleware(guardsSafeMethods: true))
        for (path, splat) in APICatalog(registry: registry).characterRouteSegments {
            new.get(RouterPath(path)) { request, context in try await create(splat, request, context) }
            api.get(RouterPath("character/get/\(path)")) { request, context in try await get(splat, request, context) }
            api.put(RouterPath("character/update/\(path)/:id")) { request, context in try await update(splat, request, context) }
        }
        api.delete("character/delete", use: delete)
        api.put("character/avatar/:id", use: setAvatar)
        api.delete("character/avatar/:id", use: removeAvatar)
    }

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
        let notFound = Reply.json("Character does not exist!", status: .notFound)
        guard let id = request.formQuery["id"].flatMap({ Int64($0) }),
            let character = try await store.character(id: id), character.splat == splat.slug
        else { return notFound }
        do throws(CharacterWriteError) {
            guard try await characters.access(of: user, to: character).canRead else {
                return Reply.json("You do not have permission to view this character", status: .forbidden)
            }
        } catch {
            return try Self.reply(to: error)
        }
        if let flag = request.formQuery["sheet"], !["", "false", "0"].contains(flag.lowercased()), !character.isSheet {
            return Reply.json("This is not a Sheet", status: .notAcceptable)
        }
        return Self.withRevision(Reply.json(splat.sheet(character)), character)
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

    static func withRevision(_ response: Response, _ character: Character) -> Response {
        var response = response
        response.headers[.eTag] = "\"\(character.revision)\""
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
