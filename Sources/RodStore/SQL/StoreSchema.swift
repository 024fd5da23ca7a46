/// The schema of both engines, as the migrations that build it, oldest first. A migration that has shipped is never
/// edited (its name is what a database records as applied): a change is a new migration appended here, and a test
/// checks that these build exactly the tables the shipped SQL built (`Tests/RodStoreTests/Shipped`).
///
/// Characters keep the columns every splat shares plus one JSON document (`traits`) holding every other trait, so
/// adding a trait or a splat needs no schema change. Names are unique per user regardless of case through `name_key`,
/// the lowercased name. Times are seconds since 1970.
public enum StoreSchema {
    public static let migrations: [SchemaChange] = [
        usersChroniclesCharacters, botsRolesStatsInitiative, sessionsQuotasPatreon, patreonDeliveries, historyRestores,
        userPreferences, deletedCharacterAvatars,
    ]

    /// The tables whose key the database assigns (`generatedKey`).
    public static var generatedKeyTables: [String] {
        migrations.flatMap(\.steps).compactMap {
            guard case .table(let name, let columns, _) = $0, columns.contains(where: { $0.key == .generated }) else {
                return nil
            }
            return name
        }
    }

    /// Every table the migrations create, in the order they create it (a table's references are to tables before it,
    /// or set null when their row goes).
    public static var tables: [String] {
        migrations.flatMap(\.steps).compactMap {
            guard case .table(let name, _, _) = $0 else { return nil }
            return name
        }
    }

    static let usersChroniclesCharacters = SchemaChange(
        "1-users-chronicles-characters",
        [
            .table(
                "users",
                [
                    .key("id"), .column("username", .text, default: .text("")),
                    .column("discriminator", .text, default: .text("0")), .column("avatar_url", .text, default: .text("")),
                    .column("email", .text, nullable: true), .column("verified", .flag, default: .bool(false)),
                    .column("registered", .flag, default: .bool(false)), .column("admin", .flag, default: .bool(false)),
                    .column("supporter", .integer, default: .int(0)), .column("created_at", .real),
                    .column("last_saved", .real), .column("last_active", .real),
                ]),
            .table(
                "chronicles",
                [
                    .key("id"), .column("name", .text), .column("owner_id", .integer, default: .int(0)),
                    .column("shard", .integer, default: .int(0)), .column("is_guild", .flag, default: .bool(true)),
                    .column("icon_url", .text, default: .text("")), .column("tracker_channel", .text, default: .text("")),
                    .column("created_at", .real), .column("last_updated", .real),
                ]),
            .table(
                "characters",
                [
                    .generatedKey(), .column("user_id", .integer, references: "users"),
                    .column("chronicle_id", .integer, nullable: true, references: "chronicles", onDelete: .setNull),
                    .column("member_id", .integer, nullable: true, references: "members", onDelete: .setNull),
                    .column("splat", .text), .column("name", .text), .column("name_key", .text),
                    .column("is_sheet", .flag, default: .bool(false)), .column("status", .integer, default: .int(1)),
                    .column("st_lock", .flag, default: .bool(false)), .column("avatar", .text, default: .text("")),
                    .column("theme", .text, default: .text("#000000")), .column("exp_current", .integer, default: .int(0)),
                    .column("exp_total", .integer, default: .int(0)), .column("traits", .text, default: .text("{}")),
                    .column("revision", .integer, default: .int(1)), .column("created_at", .real),
                    .column("last_updated", .real),
                ]),
            .index("characters_user_name", on: "characters", columns: ["user_id", "name_key"], unique: true),
            .index("characters_chronicle", on: "characters", columns: ["chronicle_id"]),
            .index("characters_member", on: "characters", columns: ["member_id"]),
            .table(
                "members",
                [
                    .generatedKey(), .column("chronicle_id", .integer, references: "chronicles"),
                    .column("user_id", .integer, references: "users"), .column("admin", .flag, default: .bool(false)),
                    .column("storyteller", .flag, default: .bool(false)), .column("nickname", .text, default: .text("")),
                    .column("avatar_url", .text, default: .text("")),
                    .column("default_character_id", .integer, nullable: true, references: "characters", onDelete: .setNull),
                    .column("default_auto_hunger", .flag, default: .bool(false)), .column("created_at", .real),
                    .column("last_updated", .real),
                ], constraints: ["UNIQUE (chronicle_id, user_id)"]),
            .index("members_user", on: "members", columns: ["user_id"]),
            .index("members_default_character", on: "members", columns: ["default_character_id"]),
            // Kept when a character is deleted, so a deleted character can be restored.
            .table(
                "character_history",
                [
                    .generatedKey(), .column("character_id", .integer), .column("revision", .integer),
                    .column("operation", .text), .column("face", .text), .column("actor_id", .integer, nullable: true),
                    .column("changes", .text), .column("at", .real),
                ]),
            .index("character_history_character", on: "character_history", columns: ["character_id", "revision"]),
        ])

    static let botsRolesStatsInitiative = SchemaChange(
        "2-bots-roles-stats-initiative",
        [
            .table(
                "bots",
                [
                    .key("id"), .column("username", .text, default: .text("")),
                    .column("discriminator", .text, default: .text("")), .column("avatar_url", .text, default: .text("")),
                    .column("shard_count", .integer, default: .int(0)),
                ]),
            .table(
                "chronicle_bots",
                [.column("chronicle_id", .integer, references: "chronicles"), .column("bot_id", .integer, references: "bots")],
                constraints: ["PRIMARY KEY (chronicle_id, bot_id)"]),
            .table("storyteller_roles", [.key("id"), .column("chronicle_id", .integer, references: "chronicles")]),
            .index("storyteller_roles_chronicle", on: "storyteller_roles", columns: ["chronicle_id"]),
            .table(
                "command_stats",
                [
                    .generatedKey(), .column("user_id", .integer, references: "users"),
                    .column("bot_id", .integer, references: "bots"), .column("command", .text),
                    .column("used", .integer, default: .int(1)), .column("last_used", .real),
                ], constraints: ["UNIQUE (user_id, command, bot_id)"]),
            .index("command_stats_last_used", on: "command_stats", columns: ["last_used"]),
            // One initiative tracker per Discord channel; `data` is the bot's document, stored as sent.
            .table(
                "initiative_trackers",
                [
                    .key("id"), .column("chronicle_id", .integer, references: "chronicles"), .column("data", .text),
                    .column("last_updated", .real),
                ]),
            .index("initiative_trackers_chronicle", on: "initiative_trackers", columns: ["chronicle_id"]),
            .index("users_last_active", on: "users", columns: ["last_active"]),
        ])

    static let sessionsQuotasPatreon = SchemaChange(
        "3-sessions-quotas-patreon",
        [
            // Web sessions. Only a SHA-256 of the cookie's token is kept, so the table cannot be replayed.
            .table(
                "sessions",
                [
                    .key("token_hash", .text), .column("user_id", .integer, references: "users"),
                    .column("csrf_token", .text), .column("created_at", .real), .column("expires_at", .real),
                ]),
            .index("sessions_user", on: "sessions", columns: ["user_id"]),
            .index("sessions_expires", on: "sessions", columns: ["expires_at"]),
            // Discord login states, single use (hashed like sessions).
            .table("oauth_states", [.key("state_hash", .text), .column("created_at", .real)]),
            // Web API requests per user per UTC day, for the supporter tiers' quotas.
            .table(
                "api_usage",
                [.column("user_id", .integer, references: "users"), .column("day", .integer), .column("requests", .integer)],
                constraints: ["PRIMARY KEY (user_id, day)"]),
            // Every Patreon webhook received, with what was done about it.
            .table(
                "patreon_events",
                [
                    .generatedKey(), .column("event", .text), .column("discord_id", .integer, nullable: true),
                    .column("tier", .text, nullable: true), .column("level", .integer, nullable: true),
                    .column("outcome", .text), .column("payload", .text), .column("received_at", .real),
                ]),
        ])

    /// Patreon deliveries: a hash of each body (a delivery sent again is ignored), and the patron and time of each
    /// event (an event older than the last one applied for its patron is ignored).
    static let patreonDeliveries = SchemaChange(
        "4-patreon-deliveries",
        [
            .addColumn("patreon_events", .column("delivery_hash", .text, nullable: true)),
            .addColumn("patreon_events", .column("patron", .text, nullable: true)),
            .addColumn("patreon_events", .column("event_time", .real, nullable: true)),
            .index("patreon_events_delivery", on: "patreon_events", columns: ["delivery_hash"]),
            .index("patreon_events_patron", on: "patreon_events", columns: ["patron", "event_time"]),
        ])

    /// Restores: which revision a history row restored, and the characters deleted since (who owned them, their splat
    /// and name), so that their owners can list them and bring them back with their ids.
    static let historyRestores = SchemaChange(
        "5-history-restores",
        [
            .addColumn("character_history", .column("restored_from", .integer, nullable: true)),
            .table(
                "deleted_characters",
                [
                    .key("id"), .column("user_id", .integer), .column("splat", .text), .column("name", .text),
                    .column("deleted_at", .real),
                ]),
            .index("deleted_characters_user", on: "deleted_characters", columns: ["user_id"]),
        ])

    /// What a user sets for themselves on this platform (the web's own settings): one JSON object per user.
    static let userPreferences = SchemaChange(
        "6-user-preferences",
        [.table("user_preferences", [.key("user_id"), .column("data", .text)])])

    /// A deleted character keeps its avatar's file until it expires (or is erased, or comes back), and deleted
    /// characters expire by the time of their deletion.
    static let deletedCharacterAvatars = SchemaChange(
        "7-deleted-character-avatars",
        [
            .addColumn("deleted_characters", .column("avatar", .text, default: .text(""))),
            .index("deleted_characters_deleted_at", on: "deleted_characters", columns: ["deleted_at"]),
        ])
}
