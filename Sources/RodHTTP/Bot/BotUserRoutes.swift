import Foundation
import HTTPTypes
import Hummingbird
import RodCore
import RodSchema
import RodServices
import RodStore

/// The bot's user, supporter, statistics, bot-data and initiative routes. `user/get`, `user/supporter/get_all`
/// and `stats/*` are DRF views in the original (compact JSON); the others are plain views (Python's separators).
struct BotUserRoutes {
    let users: UserService
    let chronicles: ChronicleService

    /// `{"user": {"id", "username", "discriminator", "avatar_url", "create", "member": null | {...}}}`:
    /// 200 when saved; 204 for a repeat within 3 s, an unknown user without `create`, or an unknown guild.
    @Sendable func update(_ request: Request, context: RodRequestContext) async throws -> Response {
        let outcome = try await BotChronicleRoutes.run { try await users.update(context.botBody) }
        switch outcome {
        case .duplicate, .unknownUser, .saved(_, membership: .unknownChronicle): return Reply.plainEmpty(.noContent)
        case .saved: return Reply.plainEmpty(.ok)
        }
    }

    /// `{"user_id"}`: the user (DRF), 404 `{"error": "User not found"}`.
    @Sendable func get(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("user_id", style: .compact)
        guard let user = try await users.user(id: id) else { return Reply.error("User not found", status: .notFound) }
        return Reply.json(BotJSON.user(user))
    }

    /// `{"user_id"}`: `{"level": n}`, 204 for an unknown user.
    @Sendable func supporter(_ request: Request, context: RodRequestContext) async throws -> Response {
        let id = try context.botBody.requiredSnowflake("user_id", style: .python)
        guard let user = try await users.user(id: id) else { return Reply.plainEmpty(.noContent) }
        return Reply.plain(["level": .int(user.supporter)])
    }

    /// `{"user": {...}, "level": n}`: sets the level, creating the user if needed; 204 when nothing changes.
    @Sendable func setSupporter(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        guard let user = body["user"]?.objectValue else {
            return Reply.plain(["user": ["This field is required."]], status: .badRequest)
        }
        guard let level = body["level"]?.coercedInteger else {
            return Reply.plain(["level": ["A valid integer is required."]], status: .badRequest)
        }
        let saved = try await BotChronicleRoutes.run { try await users.setSupporter(user, level: level) }
        return Reply.plainEmpty(saved == nil ? .noContent : .ok)
    }

    /// Every supporter: `[{"user_id": "<id>", "level": n}]` (DRF).
    @Sendable func supporters(_ request: Request, context: RodRequestContext) async throws -> Response {
        let list = try await users.supporters().map {
            JSON.object(["user_id": .string(String($0.userID)), "level": .int($0.level)])
        }
        return Reply.json(.array(list))
    }

    /// `{"channel_id", "chronicle_id", "tracker": {...}}`: stores the bot's tracker for the channel as sent.
    /// Answers `{"id", "chronicle", "data", "last_updated"}` with the ids as numbers, as the original.
    @Sendable func setInitiative(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        let channel = try body.requiredSnowflake("channel_id", style: .python)
        let chronicle = try body.requiredSnowflake("chronicle_id", style: .python)
        guard let data = body["tracker"], !data.isNull else {
            return Reply.plain(["data": ["This field is required."]], status: .badRequest)
        }
        let tracker = try await BotChronicleRoutes.run {
            try await chronicles.setInitiative(channelID: channel, chronicleID: chronicle, data: data)
        }
        return Reply.plain([
            "id": .int(tracker.channelID), "chronicle": .int(tracker.chronicleID), "data": tracker.data,
            "last_updated": .string(ISOTimestamp.string(tracker.lastUpdated)),
        ])
    }

    /// `{"channel_id"}`: `{"tracker": <data>}`, 204 when the channel has none.
    @Sendable func initiative(_ request: Request, context: RodRequestContext) async throws -> Response {
        let channel = try context.botBody.requiredSnowflake("channel_id", style: .python)
        guard let tracker = try await chronicles.initiativeTracker(channelID: channel) else {
            return Reply.plainEmpty(.noContent)
        }
        return Reply.plain(["tracker": tracker.data])
    }

    /// `{"channel_id"}`: 200 when deleted, 204 when the channel had none.
    @Sendable func deleteInitiative(_ request: Request, context: RodRequestContext) async throws -> Response {
        let channel = try context.botBody.requiredSnowflake("channel_id", style: .python)
        return Reply.plainEmpty(try await chronicles.deleteInitiative(channelID: channel) ? .ok : .noContent)
    }

    /// Usage over the last 30 and 14 days, counted from midnight UTC (DRF).
    @Sendable func statistics(_ request: Request, context: RodRequestContext) async throws -> Response {
        let stats = try await users.statistics()
        func splats(_ counts: [Statistics.SplatCount]) -> JSON {
            .array(counts.map { .object(["count": JSON($0.count), "splat": .string($0.splat)]) })
        }
        let commands =
            stats.usersPerBot.map {
                JSON.object(["bot__username": .string($0.bot), "command": .string($0.command), "count": JSON($0.count)])
            }
            + stats.commands.map {
                JSON.object(["command": .string($0.command), "bot__username": .string($0.bot), "count": JSON($0.count)])
            }
        return Reply.json([
            "users": [
                "total": .string(String(stats.users)), "30days": .string(String(stats.usersActiveIn30Days)),
                "14days": .string(String(stats.usersActiveIn14Days)),
            ],
            "characters": splats(stats.trackers), "sheets": splats(stats.sheets), "all_time_characters": splats(stats.allTime),
            "command_stats": .array(commands),
        ])
    }

    /// `{"user_id", "command", "bot_id"}`: counts a use of the command (trimmed) (DRF).
    @Sendable func recordCommand(_ request: Request, context: RodRequestContext) async throws -> Response {
        let body = context.botBody
        guard let userID = Snowflake.parse(body["user_id"]), let botID = Snowflake.parse(body["bot_id"]),
            let command = body["command"]?.stringValue, !command.trimmingWhitespace.isEmpty
        else { return Reply.error("user_id, command, and bot_id are required") }
        do {
            let stat = try await users.recordCommand(userID: userID, botID: botID, command: command)
            return Reply.json([
                "id": .int(stat.id), "user": .int(stat.userID), "bot": .int(stat.botID), "command": .string(stat.command),
                "used": .int(stat.used), "last_used": .string(ISOTimestamp.string(stat.lastUsed)),
            ])
        } catch .notFound(let message) {
            return Reply.error("User or Bot not found: \(message)", status: .notFound)
        } catch .invalid(let errors) {
            return Reply.json(errors.json, status: .badRequest)
        }
    }

    /// `{"bot": {"id", "username", "discriminator", "avatar_url", "shard_count"}}`: creates or updates the bot.
    @Sendable func setBot(_ request: Request, context: RodRequestContext) async throws -> Response {
        guard let sent = context.botBody["bot"]?.objectValue else {
            return Reply.plain(["bot": ["This field is required."]], status: .badRequest)
        }
        let bot = try await BotChronicleRoutes.run { try await users.setBot(sent) }
        return Reply.plain([
            "id": .int(bot.id), "username": .string(bot.username), "discriminator": .string(bot.discriminator),
            "avatar_url": .string(bot.avatarURL), "shard_count": .int(bot.shardCount),
        ])
    }
}

extension BotUserRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static func routes(_ registry: Registry) -> [Route<Self>] {
        typealias R = Operation.Response
        let docs = BotDocs(registry: registry)
        return [
            docs.post(
                "user/update", "Record a Discord user (and their membership of a guild) as the bot sees them.",
                body: Common.object(
                    [
                        "user": Common.object(
                            [
                                "id": Common.anySnowflake("Discord id."), "username": Common.string,
                                "discriminator": Common.string,
                                "avatar_url": Common.string,
                                "create": Common.boolean,
                                "member": Common.nullable(
                                    Common.object(
                                        [
                                            "guild_id": Common.anySnowflake("Guild id."),
                                            "nickname": ["type": ["string", "null"]],
                                            "avatar_url": ["type": ["string", "null"]], "admin": Common.boolean,
                                            "storyteller": Common.boolean,
                                        ], required: ["guild_id"])),
                            ], required: ["id"])
                    ]),
                [
                    docs.ok, R(204, "A repeat within 3 seconds, an unknown user without `create`, or an unknown guild."),
                    R(400, "Invalid.", .json(Common.any)),
                ]
            ) { try await $0.update($1, context: $2) },
            docs.post(
                "user/get", "A user.", body: Common.object(["user_id": Common.anySnowflake("Discord id.")]),
                [
                    R(200, "The user.", .json(Common.ref("User"))), docs.missing,
                    R(404, "No such user.", .json(Common.ref("ErrorMessage"))),
                ]
            ) { try await $0.get($1, context: $2) },
            docs.post(
                "user/supporter/get", "A user's supporter tier.",
                body: Common.object(["user_id": Common.anySnowflake("Discord id.")]),
                [R(200, "The tier.", .json(Common.object(["level": Common.integer]))), R(204, "No such user."), docs.missing]
            ) { try await $0.supporter($1, context: $2) },
            docs.post(
                "user/supporter/set", "Set a user's supporter tier.",
                body: Common.object([
                    "user": Common.object(
                        [
                            "id": Common.anySnowflake("Discord id."), "username": Common.string,
                            "discriminator": Common.string,
                        ], required: ["id"]),
                    "level": Common.integer,
                ]),
                [docs.ok, R(204, "Nothing to change."), docs.missing]
            ) { try await $0.setSupporter($1, context: $2) },
            docs.post(
                "user/supporter/get_all", "Every supporter.", body: Common.object([:], required: []),
                [
                    R(
                        200, "Users with a tier above 0.",
                        .json(Common.array(Common.object(["user_id": Common.string, "level": Common.integer]))))
                ]
            ) { try await $0.supporters($1, context: $2) },
            docs.post(
                "initiative/set", "Store a channel's initiative tracker.",
                body: Common.object([
                    "channel_id": Common.anySnowflake("Channel id."), "chronicle_id": Common.anySnowflake("Guild id."),
                    "tracker": ["type": "object"],
                ]),
                [
                    R(
                        200, "The stored tracker (ids as numbers).",
                        .json(
                            Common.object([
                                "id": Common.integer, "chronicle": Common.integer, "data": ["type": "object"],
                                "last_updated": Common.isoDate,
                            ]))),
                    R(400, "Invalid, or an unknown chronicle.", .json(Common.any)),
                ]
            ) { try await $0.setInitiative($1, context: $2) },
            docs.post(
                "initiative/get", "A channel's initiative tracker.",
                body: Common.object(["channel_id": Common.anySnowflake("Channel id.")]),
                [
                    R(200, "The tracker.", .json(Common.object(["tracker": ["type": "object"]]))), R(204, "None."),
                    docs.missing,
                ]
            ) { try await $0.initiative($1, context: $2) },
            docs.post(
                "initiative/delete", "Delete a channel's initiative tracker.",
                body: Common.object(["channel_id": Common.anySnowflake("Channel id.")]),
                [docs.ok, R(204, "None."), docs.missing]
            ) { try await $0.deleteInitiative($1, context: $2) },
            docs.post(
                "stats/get", "Usage statistics.", body: Common.object([:], required: []),
                [R(200, "The statistics.", .json(Common.ref("Statistics")))]
            ) { try await $0.statistics($1, context: $2) },
            docs.post(
                "stats/command/update", "Count one use of a command.",
                body: Common.object([
                    "user_id": Common.anySnowflake("Discord id."), "command": ["type": "string", "maxLength": 100],
                    "bot_id": Common.anySnowflake("Bot id."),
                ]),
                [
                    R(
                        200, "The counter.",
                        .json(
                            Common.object([
                                "id": Common.integer, "user": Common.integer, "bot": Common.integer, "command": Common.string,
                                "used": Common.integer,
                                "last_used": Common.isoDate,
                            ]))),
                    R(400, "A key is missing, or the command is too long.", .json(Common.any)),
                    R(404, "Unknown user or bot.", .json(Common.ref("ErrorMessage"))),
                ]
            ) { try await $0.recordCommand($1, context: $2) },
            docs.post(
                "data/set", "Record a bot.",
                body: Common.object([
                    "bot": Common.object(
                        [
                            "id": Common.anySnowflake("Bot id."), "username": Common.string, "discriminator": Common.string,
                            "avatar_url": Common.string,
                            "shard_count": Common.integer,
                        ],
                        required: ["id"])
                ]),
                [
                    R(
                        200, "The bot.",
                        .json(
                            Common.object([
                                "id": Common.integer, "username": Common.string, "discriminator": Common.string,
                                "avatar_url": Common.string,
                                "shard_count": Common.integer,
                            ]))),
                    R(400, "Invalid.", .json(Common.any)),
                ]
            ) { try await $0.setBot($1, context: $2) },
        ]
    }
}
