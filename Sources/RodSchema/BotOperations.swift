import RodCore

/// `bot/`: the internal API of the Discord bots. Every route is a POST whose JSON body carries `APIKey`; other methods
/// answer 405 `{"detail": ...}`.
extension APICatalog {
    func botOperations() -> [Operation] {
        typealias R = Operation.Response
        let snowflake = Common.anySnowflake
        let string = Common.string
        let boolean = Common.boolean
        let integer = Common.integer
        let anySheet = anySheet()
        let ok = R(200, "Done.")
        let gone = R(204, "Nothing to do, or nothing found.")
        let missing = R(400, "A required key is missing or malformed.", .json(Common.any))
        let noChronicle = R(418, "No such chronicle.")
        let noMember = R(404, "No such membership.")
        let character: JSON = [
            "allOf": [
                Common.object(
                    [
                        "id": ["type": ["integer", "null"], "description": "The character's id; null on `character/new`."],
                        "user": snowflake("The owner's Discord id."),
                        "splat": ["type": "string", "enum": .array(registry.slugs.map { .string($0) })],
                        "chronicle": ["anyOf": [snowflake("The guild id."), ["type": "null"]]],
                        "avatar": [
                            "type": "string",
                            "description": "An image URL on https://cdn.discordapp.com/ to download as the avatar, or empty.",
                        ],
                    ], required: ["user", "splat"])
            ],
            "anyOf": .array(registry.splats.map { Common.ref(SplatSchemas.name($0.slug, .write)) }),
            "description": "Flat trait keys of the splat's write schema (`<Splat>Write`), plus the bot's identity keys.",
        ]
        let imageFailures = [
            R(406, "The avatar could not be downloaded.", .text), R(413, "The avatar is larger than 5 MB.", .text),
            R(415, "The avatar is not an image, or not on Discord's CDN.", .text),
        ]
        let writeRefusals = [
            R(304, "Another character of the user has this name."),
            R(400, "Invalid: a JSON string `\"<field>: <message>\"`, or the key that is missing.", .json(Common.any)),
            R(
                409, "Over the user's character limit (empty), or a name longer than 50 characters (a JSON string).",
                .json(Common.any)),
            R(422, "A name starting with `~`.", .json(string)),
        ]
        let memberKeys = Common.object(["guild_id": snowflake("Guild id."), "user_id": snowflake("Discord id.")])
        let member = R(200, "The membership.", .json(Common.ref("Member")))
        return [
            bot(
                "character/get", "Read one character by id, or by owner and name.",
                body: Common.object(
                    [
                        "pk": ["type": ["integer", "null"]], "user_id": ["anyOf": [snowflake("Owner."), ["type": "null"]]],
                        "name": ["type": ["string", "null"]], "splat": ["type": ["string", "null"]],
                        "guild_id": ["description": "Ignored."],
                    ], required: []),
                [
                    R(200, "The full sheet of the character's splat.", .json(anySheet)), R(300, "Several characters match."),
                    R(400, "Neither `pk` nor `user_id`."), R(404, "No such character."),
                ]),
            bot(
                "character/get/names", "The names of a user's characters.",
                body: Common.object(
                    [
                        "user_id": snowflake("Owner."), "guild_id": snowflake("Only those in this chronicle."),
                        "splat": ["anyOf": [string, Common.array(string)], "description": "Only these splats."],
                        "sheet_only": boolean,
                    ], required: ["user_id"]),
                [
                    R(
                        200, "The characters, in creation order.",
                        .json(
                            Common.object([
                                "characters": Common.array(
                                    Common.object(["id": integer, "name": string, "splat": ["type": ["string", "null"]]]))
                            ]))), missing,
                ]),
            bot(
                "character/count", "How many characters a user has, overall and in a chronicle.",
                body: Common.object(
                    ["user_id": snowflake("Owner."), "guild_id": snowflake("Also count this chronicle.")], required: ["user_id"]),
                [
                    R(
                        200, "Counts; `chronicle` only when `guild_id` was sent.",
                        .json(
                            Common.object(
                                ["global": Common.ref("CharacterCount"), "chronicle": Common.ref("CharacterCount")],
                                required: ["global"]))),
                    missing,
                ]),
            bot(
                "character/new", "Create a tracker (or sheet) for a user.",
                body: Common.object(["character": character]),
                [R(201, "Created.")] + writeRefusals + imageFailures),
            bot(
                "character/save", "Replace the traits the payload sends on the owner's character `id`.",
                body: Common.object(["character": character]),
                [ok, R(404, "No such character of this user and splat.", .json(Common.ref("Message")))] + writeRefusals
                    + imageFailures),
            bot(
                "character/delete", "Delete characters, or take them out of their chronicle (`disconnect`).",
                body: Common.object(
                    [
                        "ids": Common.array(["anyOf": [integer, ["type": "string", "pattern": "^[0-9]+$"]]]),
                        "disconnect": boolean,
                    ],
                    required: ["ids"]),
                [
                    R(
                        200, "The names of the characters handled, in order.",
                        .json(Common.object(["names": Common.array(string)]))), missing,
                ]),
            // Chronicles, members, roles.
            bot(
                "chronicle/set", "Create or update a chronicle (a Discord guild) and link the bot to it.",
                body: Common.object(
                    [
                        "guild": Common.object(
                            [
                                "id": snowflake("Guild id."), "name": string, "owner_id": snowflake("Owner's Discord id."),
                                "bot": ["anyOf": [snowflake("Bot id."), Common.array(snowflake("Bot id."))]], "shard": integer,
                                "icon_url": ["type": ["string", "null"]], "tracker_channel": ["type": ["string", "null"]],
                                "is_guild": boolean,
                            ], required: ["id"])
                    ]),
                [ok, R(400, "Invalid.", .json(Common.any))]),
            bot(
                "chronicle/delete", "Delete a chronicle; its characters leave it.",
                body: Common.object(["guild_id": snowflake("Guild id.")]), [ok, missing]),
            bot(
                "chronicle/get", "A chronicle.", body: Common.object(["guild_id": snowflake("Guild id.")]),
                [R(200, "The chronicle.", .json(Common.ref("Chronicle"))), missing, R(404, "No such chronicle.")]),
            bot(
                "chronicle/channel/set", "Toggle the chronicle's tracker channel.",
                body: Common.object(["guild_id": snowflake("Guild id."), "channel_id": snowflake("Channel id.")]),
                [
                    R(
                        200, "The channel now set, or null when it was cleared.",
                        .json(Common.object(["channel_id": ["type": ["string", "null"]]]))),
                    missing, noChronicle,
                ]),
            bot(
                "chronicle/channel/get", "The chronicle's tracker channel.",
                body: Common.object(["guild_id": snowflake("Guild id.")]),
                [
                    R(200, "The channel.", .json(Common.object(["channel_id": string]))), R(204, "No channel set."), missing,
                    noChronicle,
                ]),
            bot(
                "chronicle/storyteller/roles/set", "Toggle a Discord role as a storyteller role of the chronicle.",
                body: Common.object(["guild_id": snowflake("Guild id."), "role_id": snowflake("Role id.")]),
                [
                    R(
                        200, "The chronicle's storyteller roles after the toggle.",
                        .json(Common.object(["roleIds": Common.array(string)]))), missing, noChronicle,
                ]),
            bot(
                "chronicle/storyteller/roles/get", "The chronicle's storyteller roles.",
                body: Common.object(["guild_id": snowflake("Guild id.")]),
                [R(200, "Role ids; may be empty.", .json(Common.object(["roles": Common.array(string)]))), missing]),
            bot(
                "chronicle/storyteller/roles/delete", "Remove a storyteller role.",
                body: Common.object(["role_id": snowflake("Role id.")]),
                [ok, R(204, "No such role."), missing]),
            bot(
                "chronicle/storytellers/get", "The Discord ids of the chronicle's admins and storytellers.",
                body: Common.object(["guild_id": snowflake("Guild id.")]),
                [
                    R(
                        200, "Ids as strings.",
                        .json(
                            Common.object([
                                "admin_ids": Common.array(string), "storyteller_ids": Common.array(string),
                                "members": Common.array(string),
                            ]))), missing,
                ]),
            bot("chronicle/member/get", "A user's membership of a chronicle.", body: memberKeys, [member, missing, noMember]),
            bot("member/get", "The same as `chronicle/member/get`.", body: memberKeys, [member, missing, noMember]),
            bot(
                "chronicle/member/delete", "Remove a user from a chronicle; their characters leave it.",
                body: Common.object(["guild_id": snowflake("Guild id."), "member_id": snowflake("The user's Discord id.")]),
                [ok, R(204, "No such membership."), missing]),
            bot(
                "chronicle/member/defaults/set", "Set or clear the member's default character.",
                body: Common.object(
                    [
                        "user_id": snowflake("Discord id."), "guild_id": snowflake("Guild id."), "disable": boolean,
                        "name": string, "auto_hunger": boolean,
                    ],
                    required: ["user_id", "guild_id"]),
                [ok, R(204, "No character of that name."), missing, noMember]),
            bot(
                "chronicle/member/defaults/get", "The member's default character, or their only character in the chronicle.",
                body: Common.object(
                    [
                        "user_id": snowflake("Discord id."), "guild_id": snowflake("Guild id."),
                        "splats": ["anyOf": [string, Common.array(string), ["type": "null"]]],
                    ], required: ["user_id", "guild_id"]),
                [
                    R(
                        200, "The character and its auto-hunger setting.",
                        .json(Common.object(["character": anySheet, "auto_hunger": boolean]))),
                    R(204, "No default and not exactly one character."), missing, noMember,
                ]),
            // Users, supporters, initiative, statistics, bots.
            bot(
                "user/update", "Record a Discord user (and their membership of a guild) as the bot sees them.",
                body: Common.object(
                    [
                        "user": Common.object(
                            [
                                "id": snowflake("Discord id."), "username": string, "discriminator": string, "avatar_url": string,
                                "create": boolean,
                                "member": Common.nullable(
                                    Common.object(
                                        [
                                            "guild_id": snowflake("Guild id."), "nickname": ["type": ["string", "null"]],
                                            "avatar_url": ["type": ["string", "null"]], "admin": boolean, "storyteller": boolean,
                                        ], required: ["guild_id"])),
                            ], required: ["id"])
                    ]),
                [
                    ok, R(204, "A repeat within 3 seconds, an unknown user without `create`, or an unknown guild."),
                    R(400, "Invalid.", .json(Common.any)),
                ]),
            bot(
                "user/get", "A user.", body: Common.object(["user_id": snowflake("Discord id.")]),
                [
                    R(200, "The user.", .json(Common.ref("User"))), missing,
                    R(404, "No such user.", .json(Common.ref("ErrorMessage"))),
                ]),
            bot(
                "user/supporter/get", "A user's supporter tier.", body: Common.object(["user_id": snowflake("Discord id.")]),
                [R(200, "The tier.", .json(Common.object(["level": integer]))), R(204, "No such user."), missing]),
            bot(
                "user/supporter/set", "Set a user's supporter tier.",
                body: Common.object([
                    "user": Common.object(
                        ["id": snowflake("Discord id."), "username": string, "discriminator": string], required: ["id"]),
                    "level": integer,
                ]),
                [ok, R(204, "Nothing to change."), missing]),
            bot(
                "user/supporter/get_all", "Every supporter.", body: Common.object([:], required: []),
                [R(200, "Users with a tier above 0.", .json(Common.array(Common.object(["user_id": string, "level": integer]))))]),
            bot(
                "initiative/set", "Store a channel's initiative tracker.",
                body: Common.object([
                    "channel_id": snowflake("Channel id."), "chronicle_id": snowflake("Guild id."), "tracker": ["type": "object"],
                ]),
                [
                    R(
                        200, "The stored tracker (ids as numbers).",
                        .json(
                            Common.object([
                                "id": integer, "chronicle": integer, "data": ["type": "object"], "last_updated": Common.isoDate,
                            ]))),
                    R(400, "Invalid, or an unknown chronicle.", .json(Common.any)),
                ]),
            bot(
                "initiative/get", "A channel's initiative tracker.",
                body: Common.object(["channel_id": snowflake("Channel id.")]),
                [R(200, "The tracker.", .json(Common.object(["tracker": ["type": "object"]]))), R(204, "None."), missing]),
            bot(
                "initiative/delete", "Delete a channel's initiative tracker.",
                body: Common.object(["channel_id": snowflake("Channel id.")]),
                [ok, R(204, "None."), missing]),
            bot(
                "stats/get", "Usage statistics.", body: Common.object([:], required: []),
                [R(200, "The statistics.", .json(Common.ref("Statistics")))]),
            bot(
                "stats/command/update", "Count one use of a command.",
                body: Common.object([
                    "user_id": snowflake("Discord id."), "command": ["type": "string", "maxLength": 100],
                    "bot_id": snowflake("Bot id."),
                ]),
                [
                    R(
                        200, "The counter.",
                        .json(
                            Common.object([
                                "id": integer, "user": integer, "bot": integer, "command": string, "used": integer,
                                "last_used": Common.isoDate,
                            ]))),
                    R(400, "A key is missing, or the command is too long.", .json(Common.any)),
                    R(404, "Unknown user or bot.", .json(Common.ref("ErrorMessage"))),
                ]),
            bot(
                "data/set", "Record a bot.",
                body: Common.object([
                    "bot": Common.object(
                        [
                            "id": snowflake("Bot id."), "username": string, "discriminator": string, "avatar_url": string,
                            "shard_count": integer,
                        ],
                        required: ["id"])
                ]),
                [
                    R(
                        200, "The bot.",
                        .json(
                            Common.object([
                                "id": integer, "username": string, "discriminator": string, "avatar_url": string,
                                "shard_count": integer,
                            ]))),
                    R(400, "Invalid.", .json(Common.any)),
                ]),
        ]
    }

    /// The bot routes splat modules add, documented from the values they registered.
    func moduleBotOperations() -> [Operation] {
        registry.botRoutes.map { route in
            bot(
                route.path, route.summary, body: route.body,
                route.responses.map { response in
                    switch response.content {
                    case .sheet(let slug)?:
                        Operation.Response(
                            response.status, response.description, .json(Common.ref(SplatSchemas.name(slug, .sheet))))
                    case .json(let schema)?: Operation.Response(response.status, response.description, .json(schema))
                    case nil: Operation.Response(response.status, response.description)
                    }
                })
        }
    }

    /// One bot route: POST with `APIKey` added to the body, and the refusals every bot route shares.
    private func bot(_ path: String, _ summary: String, body: JSON, _ responses: [Operation.Response]) -> Operation {
        var schema = body.objectValue ?? JSONObject()
        var properties = schema["properties"]?.objectValue ?? JSONObject()
        var withKey = JSONObject()
        withKey.appendNew("APIKey", ["type": "string", "description": "The bot API's secret (`API_KEY`)."])
        for (key, value) in properties { withKey.appendNew(key, value) }
        properties = withKey
        schema["properties"] = .object(properties)
        schema["required"] = .array([.string("APIKey")] + (schema["required"]?.arrayValue ?? []))
        return Operation(
            "POST", "/bot/" + path, id: "bot_" + path.replacingOccurrences(of: "/", with: "_"), tag: "bot", summary: summary,
            description: "Other methods answer 405 `{\"detail\": \"Method \\\"GET\\\" not allowed.\"}`.", security: .apiKey,
            body: .json(.object(schema)),
            responses: responses + [
                Operation.Response(400, "The body is not a JSON object.", .json(Common.ref("Detail"))),
                Operation.Response(413, "The body is larger than 1 MiB.", .json(Common.ref("Detail"))),
                Operation.Response(
                    404, "A wrong `APIKey`, or a caller outside the allowed networks.", .json(Common.ref("Detail"))),
            ])
    }

    /// The full sheet of any splat.
    func anySheet() -> JSON {
        ["anyOf": .array(registry.splats.map { Common.ref(SplatSchemas.name($0.slug, .sheet)) })]
    }
}
