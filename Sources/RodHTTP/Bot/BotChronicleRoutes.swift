import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// The bot's chronicle routes (`bot/chronicle/*`, `bot/member/get`). The original serves them from plain Django
/// views, so bodies use Python's JSON separators and empty answers are typed `text/html`.
struct BotChronicleRoutes {
    let registry: Registry
    let chronicles: ChronicleService
    let users: UserService

    /// `{"guild": {"id", "name", "owner_id", "bot", "shard", "icon_url", ...}}`: creates the chronicle or updates
    /// the fields sent, and links the bot(s). 200 empty, or 400 with the field errors.
    @Sendable func set(_ request: Request, context: RodRequestContext) async throws -> Response {
        guard let guild = context.botBody["guild"]?.objectValue else {
            return Reply.plain(["guild": ["This field is required."]], status: .badRequest)
        }
        _ = try await Self.run { try await chronicles.set(guild) }
        return Reply.plainEmpty(.ok)
    }

    /// `{"guild_id"}`: deletes the chronicle with its memberships, roles and trackers; its characters stay, out
    /// of it. Always 200.
    @Sendable func delete(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("guild_id", style: .python)
        _ = try await Self.run { try await chronicles.delete(id: id) }
        return Reply.plainEmpty(.ok)
    }

    /// `{"guild_id"}`: the chronicle, or 404.
    @Sendable func get(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("guild_id", style: .python)
        guard let chronicle = try await chronicles.chronicle(id: id) else { return Reply.plainEmpty(.notFound) }
        return Reply.plain(BotJSON.chronicle(chronicle))
    }

    /// `{"guild_id", "channel_id"}`: sets the tracker channel, or clears it when it was already set to it.
    /// 418 for an unknown chronicle, as the original.
    @Sendable func setChannel(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        let guild = try body.requiredSnowflake("guild_id", style: .python)
        let channel = try body.requiredSnowflake("channel_id", style: .python)
        let now = try await Self.run { try await chronicles.toggleTrackerChannel(chronicleID: guild, channel: String(channel)) }
        return Reply.plain(["channel_id": now.map(JSON.string) ?? .null])
    }

    /// `{"guild_id"}`: `{"channel_id": "<id>"}`, 204 when none is set, 418 for an unknown chronicle.
    @Sendable func channel(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("guild_id", style: .python)
        guard let chronicle = try await chronicles.chronicle(id: id) else { return Reply.plainEmpty(.teapot) }
        if chronicle.trackerChannel.isEmpty { return Reply.plainEmpty(.noContent) }
        return Reply.plain(["channel_id": .string(chronicle.trackerChannel)])
    }

    /// `{"guild_id", "role_id"}`: adds the storyteller role, or removes it if present. `{"roleIds": [...]}`.
    @Sendable func setRole(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        let guild = try body.requiredSnowflake("guild_id", style: .python)
        let role = try body.requiredSnowflake("role_id", style: .python)
        let roles = try await Self.run { try await chronicles.toggleStorytellerRole(chronicleID: guild, roleID: role) }
        return Reply.plain(["roleIds": .array(roles.map { .string(String($0)) })])
    }

    /// `{"guild_id"}`: `{"roles": [...]}`, possibly empty.
    @Sendable func roles(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("guild_id", style: .python)
        let roles = try await chronicles.storytellerRoles(chronicleID: id)
        return Reply.plain(["roles": .array(roles.map { .string(String($0)) })])
    }

    /// `{"role_id"}`: 200 when the role was deleted, 204 when there was none.
    @Sendable func deleteRole(_ request: Request, context: RodRequestContext) async throws -> Response {
        let role = try context.botBody.requiredSnowflake("role_id", style: .python)
        return Reply.plainEmpty(try await chronicles.deleteStorytellerRole(id: role) ? .ok : .noContent)
    }

    /// `{"guild_id"}`: the user ids of the chronicle's admins and storytellers; `members` lists storytellers,
    /// then admins who are not storytellers.
    @Sendable func storytellers(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("guild_id", style: .python)
        let members = try await chronicles.members(chronicleID: id)
        let admins = members.filter(\.admin).map(\.userID)
        let storytellers = members.filter(\.storyteller).map(\.userID)
        let staff = storytellers + admins.filter { !storytellers.contains($0) }
        func ids(_ list: [Int64]) -> JSON { .array(list.map { .string(String($0)) }) }
        return Reply.plain(["admin_ids": ids(admins), "storyteller_ids": ids(storytellers), "members": ids(staff)])
    }

    /// `{"guild_id", "user_id"}`: the membership with its chronicle and user, or 404.
    @Sendable func member(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        guard let guild = Snowflake.parse(body["guild_id"]), let userID = Snowflake.parse(body["user_id"]) else {
            return Reply.error("guild_id and user_id are required", style: .python)
        }
        guard let member = try await chronicles.member(chronicleID: guild, userID: userID),
            let chronicle = try await chronicles.chronicle(id: guild), let user = try await users.user(id: userID)
        else { return Reply.plainEmpty(.notFound) }
        return Reply.plain(BotJSON.member(member, chronicle: chronicle, user: user))
    }

    /// `{"guild_id", "member_id"}` (`member_id` is the user's Discord id): removes the membership, taking the
    /// user's characters out of the chronicle. 204 when there was none.
    @Sendable func deleteMember(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        let guild = try body.requiredSnowflake("guild_id", style: .python)
        let userID = try body.requiredSnowflake("member_id", style: .python)
        let departure = try await Self.run { try await chronicles.removeMember(chronicleID: guild, userID: userID) }
        return Reply.plainEmpty(departure == nil ? .noContent : .ok)
    }

    /// `{"user_id", "guild_id", "name", "auto_hunger", "disable"}`: sets or clears the member's default character.
    /// 404 without a membership, 204 when no character has that name.
    @Sendable func setDefaults(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        let guild = try body.requiredSnowflake("guild_id", style: .python)
        let userID = try body.requiredSnowflake("user_id", style: .python)
        try await Self.run {
            try await chronicles.setDefault(
                chronicleID: guild, userID: userID, name: body["name"]?.stringValue?.trimmingWhitespace,
                autoHunger: body["auto_hunger"]?.isTruthy == true, disable: body["disable"]?.isTruthy == true)
        }
        return Reply.plainEmpty(.ok)
    }

    /// `{"user_id", "guild_id", "splats": text, list or null}`: `{"character": <sheet>, "auto_hunger": bool}` for
    /// the character the bot should use, 204 when there is none (or several), 404 without a membership.
    @Sendable func defaults(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        let guild = try body.requiredSnowflake("guild_id", style: .python)
        let userID = try body.requiredSnowflake("user_id", style: .python)
        let splats: [String]
        switch body["splats"] {
        case .string(let slug)? where !slug.isEmpty: splats = [slug]
        case .array(let items)?: splats = items.compactMap(\.stringValue)
        default: splats = []
        }
        let found = try await Self.run {
            try await chronicles.defaultCharacter(chronicleID: guild, userID: userID, splats: splats)
        }
        guard let found, let splat = registry.splat(found.character.splat) else { return Reply.plainEmpty(.noContent) }
        return Reply.plain(["character": splat.sheet(found.character), "auto_hunger": .bool(found.autoHunger)])
    }

    /// Runs a service call, answering its refusals as the original's chronicle views do.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CommunityError {
            throw ReplyError(try reply(to: error))
        }
    }

    /// 400 with the field errors, 418 for an unknown chronicle, 404 without a membership, 204 without a character.
    static func reply(to error: CommunityError) throws -> Response {
        switch error {
        case .invalid(let errors): return Reply.plain(errors.json, status: .badRequest)
        case .noChronicle: return Reply.plainEmpty(.teapot)
        case .noMember: return Reply.plainEmpty(.notFound)
        case .noCharacter: return Reply.plainEmpty(.noContent)
        case .notFound(let message): return Reply.error(message, status: .notFound, style: .python)
        case .store, .unavailable: throw error
        }
    }
}

extension BotChronicleRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static func routes(_ registry: Registry) -> [Route<Self>] {
        typealias R = Operation.Response
        let docs = BotDocs(registry: registry)
        return [
            docs.post(
                "chronicle/set", "Create or update a chronicle (a Discord guild) and link the bot to it.",
                body: Common.object(
                    [
                        "guild": Common.object(
                            [
                                "id": Common.anySnowflake("Guild id."), "name": Common.string,
                                "owner_id": Common.anySnowflake("Owner's Discord id."),
                                "bot": [
                                    "anyOf": [Common.anySnowflake("Bot id."), Common.array(Common.anySnowflake("Bot id."))]
                                ],
                                "shard": Common.integer,
                                "icon_url": ["type": ["string", "null"]], "tracker_channel": ["type": ["string", "null"]],
                                "is_guild": Common.boolean,
                            ], required: ["id"])
                    ]),
                [docs.ok, R(400, "Invalid.", .json(Common.any))]
            ) { try await $0.set($1, context: $2) },
            docs.post(
                "chronicle/delete", "Delete a chronicle; its characters leave it.",
                body: Common.object(["guild_id": Common.anySnowflake("Guild id.")]), [docs.ok, docs.missing]
            ) { try await $0.delete($1, context: $2) },
            docs.post(
                "chronicle/get", "A chronicle.", body: Common.object(["guild_id": Common.anySnowflake("Guild id.")]),
                [R(200, "The chronicle.", .json(Common.ref("Chronicle"))), docs.missing, R(404, "No such chronicle.")]
            ) { try await $0.get($1, context: $2) },
            docs.post(
                "chronicle/channel/set", "Toggle the chronicle's tracker channel.",
                body: Common.object([
                    "guild_id": Common.anySnowflake("Guild id."), "channel_id": Common.anySnowflake("Channel id."),
                ]),
                [
                    R(
                        200, "The channel now set, or null when it was cleared.",
                        .json(Common.object(["channel_id": ["type": ["string", "null"]]]))),
                    docs.missing, docs.noChronicle,
                ]
            ) { try await $0.setChannel($1, context: $2) },
            docs.post(
                "chronicle/channel/get", "The chronicle's tracker channel.",
                body: Common.object(["guild_id": Common.anySnowflake("Guild id.")]),
                [
                    R(200, "The channel.", .json(Common.object(["channel_id": Common.string]))), R(204, "No channel set."),
                    docs.missing,
                    docs.noChronicle,
                ]
            ) { try await $0.channel($1, context: $2) },
            docs.post(
                "chronicle/storyteller/roles/set", "Toggle a Discord role as a storyteller role of the chronicle.",
                body: Common.object([
                    "guild_id": Common.anySnowflake("Guild id."), "role_id": Common.anySnowflake("Role id."),
                ]),
                [
                    R(
                        200, "The chronicle's storyteller roles after the toggle.",
                        .json(Common.object(["roleIds": Common.array(Common.string)]))), docs.missing, docs.noChronicle,
                ]
            ) { try await $0.setRole($1, context: $2) },
            docs.post(
                "chronicle/storyteller/roles/get", "The chronicle's storyteller roles.",
                body: Common.object(["guild_id": Common.anySnowflake("Guild id.")]),
                [
                    R(200, "Role ids; may be empty.", .json(Common.object(["roles": Common.array(Common.string)]))),
                    docs.missing,
                ]
            ) { try await $0.roles($1, context: $2) },
            docs.post(
                "chronicle/storyteller/roles/delete", "Remove a storyteller role.",
                body: Common.object(["role_id": Common.anySnowflake("Role id.")]),
                [docs.ok, R(204, "No such role."), docs.missing]
            ) { try await $0.deleteRole($1, context: $2) },
            docs.post(
                "chronicle/storytellers/get", "The Discord ids of the chronicle's admins and storytellers.",
                body: Common.object(["guild_id": Common.anySnowflake("Guild id.")]),
                [
                    R(
                        200, "Ids as strings.",
                        .json(
                            Common.object([
                                "admin_ids": Common.array(Common.string), "storyteller_ids": Common.array(Common.string),
                                "members": Common.array(Common.string),
                            ]))), docs.missing,
                ]
            ) { try await $0.storytellers($1, context: $2) },
            docs.post(
                "chronicle/member/get", "A user's membership of a chronicle.", body: docs.memberKeys,
                [docs.member, docs.missing, docs.noMember]
            ) { try await $0.member($1, context: $2) },
            docs.post(
                "member/get", "The same as `chronicle/member/get`.", body: docs.memberKeys,
                [docs.member, docs.missing, docs.noMember]
            ) { try await $0.member($1, context: $2) },
            docs.post(
                "chronicle/member/delete", "Remove a user from a chronicle; their characters leave it.",
                body: Common.object([
                    "guild_id": Common.anySnowflake("Guild id."), "member_id": Common.anySnowflake("The user's Discord id."),
                ]),
                [docs.ok, R(204, "No such membership."), docs.missing]
            ) { try await $0.deleteMember($1, context: $2) },
            docs.post(
                "chronicle/member/defaults/set", "Set or clear the member's default character.",
                body: Common.object(
                    [
                        "user_id": Common.anySnowflake("Discord id."), "guild_id": Common.anySnowflake("Guild id."),
                        "disable": Common.boolean,
                        "name": Common.string, "auto_hunger": Common.boolean,
                    ],
                    required: ["user_id", "guild_id"]),
                [docs.ok, R(204, "No character of that name."), docs.missing, docs.noMember]
            ) { try await $0.setDefaults($1, context: $2) },
            docs.post(
                "chronicle/member/defaults/get", "The member's default character, or their only character in the chronicle.",
                body: Common.object(
                    [
                        "user_id": Common.anySnowflake("Discord id."), "guild_id": Common.anySnowflake("Guild id."),
                        "splats": ["anyOf": [Common.string, Common.array(Common.string), ["type": "null"]]],
                    ], required: ["user_id", "guild_id"]),
                [
                    R(
                        200, "The character and its auto-hunger setting.",
                        .json(Common.object(["character": docs.anySheet, "auto_hunger": Common.boolean]))),
                    R(204, "No default and not exactly one character."), docs.missing, docs.noMember,
                ]
            ) { try await $0.defaults($1, context: $2) },
        ]
    }
}
