import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// The signed-in user's profile (`api/user/me`): themselves as the gateway shows them, their supporter tier and what
/// is left of today's quota, their memberships with their chronicles, and their characters counted by splat.
struct WebProfileRoutes {
    let store: any Store
    let quotas: QuotaService

    func me(_ request: Request, _ context: RodRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let tier = user.tier
        let quota = try await quotas.remaining(user)
        var memberships: [JSON] = []
        for member in try await store.members(userID: user.id) {
            guard let chronicle = try await store.chronicle(id: member.chronicleID) else { continue }
            memberships.append([
                "chronicle": GatewayShapes.chronicle(chronicle), "member": GatewayShapes.member(member, user: user),
                "default_character": member.defaultCharacterID.map { .int($0) } ?? .null,
                "auto_hunger": .bool(member.defaultAutoHunger),
            ])
        }
        var characters = JSONObject()
        for (splat, counts) in try await store.characterCountsBySplat(userID: user.id) {
            characters[splat] = ["sheets": .int(Int64(counts.sheets)), "trackers": .int(Int64(counts.trackers))]
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
            "memberships": .array(memberships), "characters": .object(characters),
        ])
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
                        R(
                            429, "Over the daily request quota of the user's tier.", .json(Common.ref("Detail")),
                            headers: [("Retry-After", "Seconds until a request is allowed.")]),
                    ])
            ) { face, request, context in try await face.me(request, context) }
        ]
    }
}
