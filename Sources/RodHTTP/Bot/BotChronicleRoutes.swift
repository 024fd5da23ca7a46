import HTTPTypes
import Hummingbird
import RodCore
import RodServices
import RodStore

/// The bot's chronicle routes (`bot/chronicle/*`, `bot/member/get`). The original serves them from plain Django
/// views, so bodies use Python's JSON separators and empty answers are typed `text/html`.
struct BotChronicleRoutes {
    let registry: Registry
    let store: any Store
    let chronicles: ChronicleService

    func register(on bot: RouterGroup<RodRequestContext>) {
        bot.botPost("chronicle/set", use: set)
        bot.botPost("chronicle/delete", use: delete)
        bot.botPost("chronicle/get", use: get)
        bot.botPost("chronicle/channel/set", use: setChannel)
        bot.botPost("chronicle/channel/get", use: channel)
        bot.botPost("chronicle/storyteller/roles/set", use: setRole)
        bot.botPost("chronicle/storyteller/roles/get", use: roles)
        bot.botPost("chronicle/storyteller/roles/delete", use: deleteRole)
        bot.botPost("chronicle/storytellers/get", use: storytellers)
        bot.botPost("chronicle/member/get", use: member)
        bot.botPost("member/get", use: member)
        bot.botPost("chronicle/member/delete", use: deleteMember)
        bot.botPost("chronicle/member/defaults/set", use: setDefaults)
        bot.botPost("chronicle/member/defaults/get", use: defaults)
    }

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
        guard let chronicle = try await store.chronicle(id: id) else { return Reply.plainEmpty(.notFound) }
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
        guard let chronicle = try await store.chronicle(id: id) else { return Reply.plainEmpty(.teapot) }
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
        let roles = try await store.storytellerRoles(chronicleID: id)
        return Reply.plain(["roles": .array(roles.map { .string(String($0)) })])
    }

    /// `{"role_id"}`: 200 when the role was deleted, 204 when there was none.
    @Sendable func deleteRole(_ request: Request, context: RodRequestContext) async throws -> Response {
        let role = try context.botBody.requiredSnowflake("role_id", style: .python)
        return Reply.plainEmpty(try await store.deleteStorytellerRole(id: role) ? .ok : .noContent)
    }

    /// `{"guild_id"}`: the user ids of the chronicle's admins and storytellers; `members` lists storytellers,
    /// then admins who are not storytellers.
    @Sendable func storytellers(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("guild_id", style: .python)
        let members = try await store.members(chronicleID: id)
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
        guard let member = try await store.member(chronicleID: guild, userID: userID),
            let chronicle = try await store.chronicle(id: guild), let user = try await store.user(id: userID)
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
        case .store: throw error
        }
    }
}
