import RodCore

/// The bot routes only Vampire 5th has, as the original serves them: the disciplines on a user's sheets (the bot's
/// autocomplete), and a user's sheet by name or by chronicle.
extension SplatVampire5th {
    static let slug = "vampire5th"

    /// `{"user_id", "guild_id"?}`: `{"names": [...]}`, the discipline names of the user's Vampire 5th sheets, each
    /// once, in the order first seen.
    static let disciplineNames = BotRoute(
        "character/get/discipline/names", summary: "The disciplines on a user's Vampire 5th sheets.",
        body: [
            "type": "object",
            "properties": ["user_id": snowflake("Owner."), "guild_id": snowflake("Only this chronicle.")],
            "required": ["user_id"],
        ],
        responses: [
            .init(
                200, "Distinct discipline names, in first-seen order.",
                .json([
                    "type": "object", "properties": ["names": ["type": "array", "items": ["type": "string"]]],
                    "required": ["names"],
                ])),
            .init(400, "A required key is missing or malformed.", .json([:])),
        ]
    ) { request in
        var query = CharacterQuery(userID: try request.snowflake("user_id"), splats: [slug], isSheet: true)
        if let guild = request.body["guild_id"], !guild.isNull {
            guard let chronicleID = Snowflake.parse(guild) else { throw BotRouteReply.error("guild_id must be a Discord id") }
            query.chronicle = .id(chronicleID)
        }
        var names: [String] = []
        var seen: Set<String> = []
        for character in try await request.characters.characters(query) {
            for name in character.values["disciplines"]?.objectValue?.keys ?? [] where seen.insert(name).inserted {
                names.append(name)
            }
        }
        return .json(["names": .array(names.map(JSON.string))])
    }

    /// `{"user", "name"?, "chronicle"?}`: the user's one Vampire 5th sheet, by name or in the chronicle.
    static let sheet = BotRoute(
        "sheet/get", summary: "A user's Vampire 5th sheet, by name or by chronicle.",
        body: [
            "type": "object",
            "properties": [
                "user": snowflake("Owner."), "name": ["type": ["string", "null"]],
                "chronicle": ["anyOf": [snowflake("Guild id."), ["type": "null"]]],
            ],
            "required": ["user"],
        ],
        responses: [
            .init(200, "The sheet.", .sheet(of: slug)), .init(300, "Several sheets match."), .init(400, "No `user`."),
            .init(404, "No such sheet."), .init(406, "The character is a tracker, not a sheet."),
        ]
    ) { request in
        guard let userID = Snowflake.parse(request.body["user"]) else { return .empty(400) }
        var query = CharacterQuery(userID: userID, splats: [slug], limit: 2)
        if let name = request.body["name"]?.stringValue, !name.isEmpty {
            query.name = name.trimmingWhitespace
        } else {
            query.chronicle = Snowflake.parse(request.body["chronicle"]).map { .id($0) } ?? .none
            query.isSheet = true
        }
        let found = try await request.characters.characters(query)
        guard let character = found.first else { return .empty(404) }
        if found.count > 1 { return .empty(300) }
        guard let splat = request.registry.splat(character.splat) else { return .empty(404) }
        if !character.isSheet { return .empty(406) }
        return .json(splat.sheet(character))
    }

    /// A Discord id's schema, as the bot sends them (text or number).
    static func snowflake(_ description: String) -> JSON {
        [
            "anyOf": [["type": "string", "pattern": "^[0-9]+$"], ["type": "integer", "minimum": 0]],
            "description": .string(description),
        ]
    }
}
