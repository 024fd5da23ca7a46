import RodCore

/// Schemas shared by several routes and the gateway, named as in the OpenAPI document's components. References
/// are written `#/$defs/<name>` everywhere in this target; the OpenAPI document rewrites them to its components.
public enum Common {
    public static func ref(_ name: String) -> JSON { ValueSchema.reference(name) }

    /// A Discord id (64 bits) as the original's hand-written serializers emit it: a string of digits.
    public static func snowflake(_ description: String) -> JSON {
        ["type": "string", "pattern": "^[0-9]+$", "description": .string(description)]
    }

    public static func nullableSnowflake(_ description: String) -> JSON {
        ["type": ["string", "null"], "pattern": "^[0-9]+$", "description": .string(description)]
    }

    /// Where the original accepts a Discord id as a number or a string of digits.
    public static func anySnowflake(_ description: String) -> JSON {
        [
            "anyOf": [["type": "string", "pattern": "^[0-9]+$"], ["type": "integer", "minimum": 0]],
            "description": .string(description),
        ]
    }

    public static let epochSeconds: JSON = ["type": "number", "description": "Seconds since 1970 (UTC), with a fraction."]
    public static let isoDate: JSON = [
        "type": "string", "description": "ISO 8601 in UTC with microseconds: 2025-01-01T12:00:00.123456Z.",
    ]
    public static let string: JSON = ["type": "string"]
    public static let integer: JSON = ["type": "integer"]
    public static let boolean: JSON = ["type": "boolean"]
    public static let any: JSON = .emptyObject

    public static func array(_ items: JSON) -> JSON { ["type": "array", "items": items] }

    public static func nullable(_ schema: JSON) -> JSON { ["anyOf": [schema, ["type": "null"]]] }

    /// An object with these keys (in order), the `required` ones present, others refused when `closed`.
    public static func object(
        _ properties: KeyValuePairs<String, JSON>, required: [String]? = nil, closed: Bool = false, description: String? = nil
    )
        -> JSON
    {
        var object = JSONObject()
        object.appendNew("type", "object")
        if let description { object.appendNew("description", .string(description)) }
        var props = JSONObject()
        for (key, value) in properties { props.appendNew(key, value) }
        object.appendNew("properties", .object(props))
        let required = required ?? properties.map(\.key)
        if !required.isEmpty { object.appendNew("required", .array(required.map { .string($0) })) }
        if closed { object.appendNew("additionalProperties", false) }
        return .object(object)
    }

    /// The named schemas, in the order the document lists them.
    public static let schemas: [(name: String, schema: JSON)] = [
        ("Detail", object(["detail": string], description: "A framework error: `{\"detail\": \"Not found.\"}`.")),
        ("ErrorMessage", object(["error": string], description: "`{\"error\": \"user_id is required\"}`.")),
        (
            "ValidationErrors",
            [
                "type": "object",
                "description": "Messages by field (`non_field_errors` for the whole object), as DRF reports them.",
                "additionalProperties": array(string),
            ]
        ),
        (
            "Message",
            object(["message": ["anyOf": [string, array(string)]]], description: "`{\"message\": \"Character not found\"}`.")
        ),
        (
            "User",
            object(
                [
                    "id": snowflake("Discord id."), "username": string, "discriminator": string, "avatar_url": string,
                    "email": ["type": ["string", "null"]], "verified": boolean, "registered": boolean, "admin": boolean,
                    "supporter": ["type": "integer", "minimum": 0, "description": "Supporter tier, 0 (none) to 7."],
                    "created_at": isoDate, "last_saved": isoDate, "last_active": isoDate,
                ], description: "A user (the original's UserSerializer).")
        ),
        (
            "Chronicle",
            object(
                [
                    "id": snowflake("Discord guild id."), "name": string, "owner_id": snowflake("The guild owner's Discord id."),
                    "icon_url": string, "tracker_channel": string, "created_at": isoDate, "last_updated": isoDate,
                ], description: "A chronicle: a Discord guild (the original's ChronicleSerializer).")
        ),
        (
            "Member",
            object(
                [
                    "id": snowflake("The membership's id."), "chronicle": ref("Chronicle"), "user": ref("User"), "admin": boolean,
                    "storyteller": boolean, "nickname": string, "avatar_url": string, "created_at": isoDate,
                    "last_updated": isoDate, "default_character": ["type": ["integer", "null"]],
                    "default_auto_hunger": boolean,
                ], description: "A user's membership of a chronicle (the original's MemberSerializer).")
        ),
        (
            "GatewayUser",
            object(
                [
                    "id": snowflake("Discord id."), "username": string, "discriminator": string, "avatar_url": string,
                    "admin": boolean, "supporter": integer, "date_created": epochSeconds,
                ], description: "A user as the gateway sends it.")
        ),
        (
            "GatewayMember",
            object(
                [
                    "id": snowflake("The membership's id."), "chronicle": snowflake("Guild id."),
                    "user": snowflake("Discord id."),
                    "admin": boolean, "storyteller": boolean,
                    "nickname": ["type": "string", "description": "The nickname, or the username when it is empty."],
                    "avatar_url": string, "date_created": epochSeconds, "last_updated": epochSeconds,
                ], description: "A membership as the gateway sends it.")
        ),
        (
            "GatewayChronicle",
            object(
                ["id": snowflake("Guild id."), "name": string, "iconUrl": string, "createdAt": epochSeconds],
                description: "A chronicle as the gateway sends it (camelCase keys, as the original).")
        ),
        (
            "CharacterCount",
            object(
                ["sheets": integer, "trackers": integer, "total": integer],
                description: "Characters of a user: sheets, trackers, both.")
        ),
        (
            "Statistics",
            object(
                [
                    "users": object(["total": string, "30days": string, "14days": string], description: "Counts, as strings."),
                    "characters": array(object(["count": integer, "splat": string])),
                    "sheets": array(object(["count": integer, "splat": string])),
                    "all_time_characters": array(object(["count": integer, "splat": string])),
                    "command_stats": array(object(["command": string, "bot__username": string, "count": integer])),
                ], description: "Usage over the last 30 days (the original's stats view).")
        ),
        (
            "HistoryEntry",
            object(
                [
                    "revision": ["type": "integer", "description": "The character's revision after this change."],
                    "at": isoDate,
                    "operation": [
                        "enum": ["create", "update", "delete", "import", "baseline"],
                        "description":
                            "`baseline`: the state at this revision, standing for the older changes the retention rule removed.",
                    ],
                    "face": [
                        "enum": ["bot", "web", "gateway", "import", "restore", "system"],
                        "description": "Where the change came from; `restore` for a restore or an undo.",
                    ],
                    "actor": [
                        "anyOf": [object(["id": snowflake("Discord id."), "username": string]), ["type": "null"]],
                        "description": "Who made the change, when known.",
                    ],
                    "restored_from": [
                        "type": ["integer", "null"], "description": "For a restore: the revision whose state it brought back.",
                    ],
                    "changes": array(
                        object(
                            [
                                "key": ["type": "string", "description": "A trait, or `chronicle`, `member` or `avatar`."],
                                "old": ["description": "The value before (null before a creation)."],
                                "new": ["description": "The value after."],
                            ])),
                ], description: "One change of a character, with each changed trait's value before and after.")
        ),
        (
            "CharacterHistory",
            object(
                [
                    "id": integer, "splat": string, "name": string,
                    "deleted": ["type": "boolean", "description": "Deleted; its owner can restore it."],
                    "revision": ["type": "integer", "description": "The current revision (a deleted one's last)."],
                    "history": array(ref("HistoryEntry")),
                    "next": [
                        "type": ["integer", "null"], "description": "Send as `before` for the next page; null on the last.",
                    ],
                ], description: "A page of a character's history, newest first.")
        ),
        (
            "WebChronicle",
            object(
                [
                    "chronicle": ref("GatewayChronicle"),
                    "staff": ["type": "boolean", "description": "The user is a storyteller or admin of it."],
                    "members": [
                        "type": "array", "items": ref("GatewayMember"),
                        "description": "Everyone to staff; to a player, themselves.",
                    ],
                ], description: "A chronicle as one of its members sees it.")
        ),
        (
            "MemberDefaults",
            object(
                [
                    "character": [
                        "type": ["integer", "null"], "description": "The character the bot uses by default in this chronicle.",
                    ],
                    "auto_hunger": boolean,
                ], description: "A member's defaults for the bot in one chronicle.")
        ),
        (
            "UserProfile",
            object(
                [
                    "user": ref("GatewayUser"),
                    "supporter": object([
                        "level": integer, "name": string, "sheet_limit": integer, "character_limit": integer,
                        "daily_requests": ["type": ["integer", "null"], "description": "Null: unlimited (a site admin)."],
                    ]),
                    "quota": object([
                        "remaining": [
                            "type": ["integer", "null"], "description": "Web requests and field updates left today.",
                        ],
                        "resets_at": isoDate,
                    ]),
                    "memberships": array(
                        object([
                            "chronicle": ref("GatewayChronicle"), "member": ref("GatewayMember"),
                            "default_character": ["type": ["integer", "null"]], "auto_hunger": boolean,
                        ])),
                    "characters": [
                        "type": "object", "description": "Per splat: the user's sheets and trackers.",
                        "additionalProperties": object(["sheets": integer, "trackers": integer]),
                    ],
                    "preferences": ["type": "object", "description": "What the user set for themselves (`PUT /api/user/me`)."],
                ], description: "The signed-in user's profile.")
        ),
        (
            "UserExport",
            object(
                [
                    "exported_at": epochSeconds,
                    "user": [
                        "type": "object", "description": "The user's record: Discord's name, avatar and email, tier, dates.",
                    ],
                    "memberships": array(["type": "object"]),
                    "characters": array(
                        object(
                            [
                                "id": integer, "splat": string, "revision": integer, "sheet": ["type": "object"],
                                "history": array(["type": "object"]),
                            ],
                            description: "A character: its full sheet and every change kept.")),
                    "deleted_characters": array(["type": "object"]),
                    "sessions": array(object(["created_at": epochSeconds, "expires_at": epochSeconds])),
                    "api_usage": array(object(["day": integer, "requests": integer])),
                    "command_stats": array(["type": "object"]), "patreon_events": array(["type": "object"]),
                    "owned_chronicles": array(object(["id": integer, "name": string])),
                    "preferences": array(object(["data": string])),
                ], description: "Everything the platform stores about a user (times in seconds since 1970).")
        ),
        (
            "DeletedCharacter",
            object(
                ["id": integer, "splat": string, "name": string, "deleted_at": isoDate],
                description: "A deleted character its owner can restore (`POST /api/character/restore/{id}`).")
        ),
    ]
}
