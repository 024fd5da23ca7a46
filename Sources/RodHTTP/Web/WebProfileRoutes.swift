import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// The signed-in user's profile (`api/user/me`): themselves as the gateway shows them, their supporter tier and what
/// is left of today's quota, their memberships with their chronicles, and their characters counted by splat.
struct WebProfileRoutes {
    let users: UserService
    let chronicles: ChronicleService
    let characters: CharacterService
    let quotas: QuotaService
    let dataRequests: DataRequests
    let secureCookies: Bool
    /// An export reads every character and change of the user: two a minute per user (in this process) is plenty for
    /// a person and keeps it from being a way to load the server.
    let exports = MinuteCounter(limit: 2)
    let clock: @Sendable () -> Double

    /// Everything the platform stores about the user, as one JSON document to download.
    func export(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        if let wait = exports.admit(String(user.id), now: clock()) { return Reply.throttled(wait: wait) }
        guard let document = try await dataRequests.export(userID: user.id) else {
            return Reply.detail("Authentication credentials were not provided.", status: .forbidden)
        }
        var response = Reply.json(document)
        response.headers[.contentDisposition] = "attachment; filename=\"realm-of-darkness-\(user.id).json\""
        return response
    }

    /// `{"confirm": "erase my data"}`: erases the user, their characters, history, memberships, sessions (every socket
    /// closes) and supporter record; answers with what was removed, and signs the browser out.
    func erase(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await WebCharacterRoutes.jsonObject(request, context)
        guard body["confirm"]?.stringValue == DataRequests.confirmation else {
            return Reply.json(
                [
                    "confirm": .array([
                        .string("Send \"\(DataRequests.confirmation)\" to erase your account and every character.")
                    ])
                ],
                status: .badRequest)
        }
        let removed = try await dataRequests.erase(userID: user.id)
        var response = Reply.json([
            "removed": .object(JSONObject(removed.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) }))
        ])
        SessionCookies.clear(secure: secureCookies, on: &response)
        return response
    }

    func me(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let tier = user.tier
        let quota = try await quotas.remaining(user)
        var memberships: [JSON] = []
        for member in try await chronicles.members(userID: user.id) {
            guard let chronicle = try await chronicles.chronicle(id: member.chronicleID) else { continue }
            memberships.append([
                "chronicle": GatewayShapes.chronicle(chronicle), "member": GatewayShapes.member(member, user: user),
                "default_character": member.defaultCharacterID.map { .int($0) } ?? .null,
                "auto_hunger": .bool(member.defaultAutoHunger),
            ])
        }
        var counted = JSONObject()
        for (splat, counts) in try await characters.countsBySplat(userID: user.id) {
            counted[splat] = ["sheets": .int(Int64(counts.sheets)), "trackers": .int(Int64(counts.trackers))]
        }
        return Reply.json([
            "user": GatewayShapes.user(user),
            "supporter": [
                "level": .int(tier.level), "name": .string(tier.name), "sheet_limit": .int(Int64(tier.sheetLimit)),
                "character_limit": .int(Int64(tier.characterLimit)),
                "daily_requests": user.admin ? .null : .int(Int64(tier.dailyRequests)),
            ],
            "quota": [
                "remaining": quota.requests.map { .int(Int64($0)) } ?? .null,
                "resets_at": .string(ISOTimestamp.string(quota.resetsAt)),
            ],
            "memberships": .array(memberships), "characters": .object(counted),
            "preferences": .object(try await users.preferences(userID: user.id)),
        ])
    }

    /// The largest preferences object, serialized.
    static let maximumPreferencesBytes = 8 * 1024

    /// `{"preferences": {...}}`: what the user sets for themselves here (the web's own settings; name and avatar
    /// come from Discord at each login). Replaces the object; answers with the profile.
    func update(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let body = try await WebCharacterRoutes.jsonObject(request, context)
        let unknown = body.keys.filter { $0 != "preferences" }
        guard unknown.isEmpty else {
            var errors = ValidationErrors()
            for key in unknown {
                errors.add(key, ValidationMessage("Not a setting of yours: name and avatar come from Discord at login."))
            }
            return Reply.json(errors.json, status: .badRequest)
        }
        if let value = body["preferences"] {
            guard case .object(let preferences) = value else {
                return Reply.json(["preferences": ["Must be an object."]], status: .badRequest)
            }
            guard value.serialized().count <= Self.maximumPreferencesBytes else {
                return Reply.json(
                    ["preferences": .array([.string("At most \(Self.maximumPreferencesBytes) bytes.")])], status: .badRequest)
            }
            try await users.savePreferences(userID: user.id, preferences)
        }
        return try await me(request, context)
    }
}

extension WebProfileRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static var routes: [Route<Self>] {
        typealias R = Operation.Response
        return [
            Route(
                Operation(
                    "GET", "/api/user/me", id: "api_user_me", tag: "api",
                    summary:
                        "The signed-in user: as the gateway shows them, their supporter tier and today's remaining quota, their memberships, their characters by splat.",
                    security: .session,
                    responses: [
                        R(200, "The profile.", .json(Common.ref("UserProfile"))),
                        R(403, "Not signed in.", .json(Common.ref("Detail"))),
                        WebResponses.throttled,
                    ])
            ) { face, request, context in try await face.me(request, context) },
            Route(
                Operation(
                    "PUT", "/api/user/me", id: "api_user_update", tag: "api",
                    summary:
                        "Set what the user owns here: `preferences`, the web's own settings (name and avatar come from Discord at login).",
                    security: .session,
                    body: .json(
                        Common.object(
                            ["preferences": ["type": "object", "description": "Replaces the stored object; at most 8 KiB."]],
                            required: [], closed: true)),
                    responses: [
                        R(200, "The profile.", .json(Common.ref("UserProfile"))),
                        R(400, "Not an object, over 8 KiB, or a field Discord owns.", .json(Common.ref("ValidationErrors"))),
                        R(403, "Not signed in, or no CSRF token.", .json(Common.any)),
                        WebResponses.tooLarge,
                        WebResponses.throttled,
                    ])
            ) { face, request, context in try await face.update(request, context) },
            Route(
                Operation(
                    "GET", "/api/user/me/export", id: "api_user_export", tag: "api",
                    summary:
                        "Everything the platform stores about the user (characters with their history included), as one JSON document.",
                    security: .session,
                    responses: [
                        R(
                            200, "The document, as a download.", .json(Common.ref("UserExport")),
                            headers: [("Content-Disposition", "`attachment`, with a file name.")]),
                        R(403, "Not signed in.", .json(Common.ref("Detail"))),
                        R(
                            429, "Over the daily quota, or a third export within a minute.", .json(Common.ref("Detail")),
                            headers: [("Retry-After", "Seconds until a request is allowed.")]),
                    ])
            ) { face, request, context in try await face.export(request, context) },
            Route(
                Operation(
                    "DELETE", "/api/user/me", id: "api_user_erase", tag: "api",
                    summary:
                        "Erase the user: their characters, history, memberships, sessions (every socket closes) and supporter record, in one transaction; chronicles they own stay for their members.",
                    security: .session,
                    body: .json(
                        Common.object([
                            "confirm": ["const": .string(DataRequests.confirmation), "description": "The confirmation."]
                        ])),
                    responses: [
                        R(
                            200, "Erased; what was removed, by kind. The session cookies are cleared.",
                            .json(
                                Common.object([
                                    "removed": ["type": "object", "additionalProperties": ["type": "integer"]]
                                ]))),
                        R(400, "No confirmation.", .json(Common.ref("ValidationErrors"))),
                        R(403, "Not signed in, or no CSRF token.", .json(Common.any)),
                        WebResponses.tooLarge,
                        WebResponses.throttled,
                    ])
            ) { face, request, context in try await face.erase(request, context) },
        ]
    }
}
