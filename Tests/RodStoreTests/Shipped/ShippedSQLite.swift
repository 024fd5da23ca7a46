/// The SQLite schema as it shipped, in SQL: what `StoreSchema.migrations` must still build (`SchemaTests`). Frozen: a new
/// migration is added to `StoreSchema` and its SQL here, never an edit of the SQL below.
enum ShippedSQLite {
    static let migrations: [(name: String, sql: String)] = [
        ("1-users-chronicles-characters", version1),
        ("2-bots-roles-stats-initiative", version2),
        ("3-sessions-quotas-patreon", version3),
        ("4-patreon-deliveries", version4),
        ("5-history-restores", version5),
        ("6-user-preferences", version6),
        ("7-deleted-character-avatars", version7),
    ]

    static let version1 = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL DEFAULT '',
            discriminator TEXT NOT NULL DEFAULT '0',
            avatar_url TEXT NOT NULL DEFAULT '',
            email TEXT,
            verified INTEGER NOT NULL DEFAULT 0,
            registered INTEGER NOT NULL DEFAULT 0,
            admin INTEGER NOT NULL DEFAULT 0,
            supporter INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            last_saved REAL NOT NULL,
            last_active REAL NOT NULL
        );
        CREATE TABLE chronicles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            owner_id INTEGER NOT NULL DEFAULT 0,
            shard INTEGER NOT NULL DEFAULT 0,
            is_guild INTEGER NOT NULL DEFAULT 1,
            icon_url TEXT NOT NULL DEFAULT '',
            tracker_channel TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            last_updated REAL NOT NULL
        );
        CREATE TABLE characters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            chronicle_id INTEGER REFERENCES chronicles(id) ON DELETE SET NULL,
            member_id INTEGER REFERENCES members(id) ON DELETE SET NULL,
            splat TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            is_sheet INTEGER NOT NULL DEFAULT 0,
            status INTEGER NOT NULL DEFAULT 1,
            st_lock INTEGER NOT NULL DEFAULT 0,
            avatar TEXT NOT NULL DEFAULT '',
            theme TEXT NOT NULL DEFAULT '#000000',
            exp_current INTEGER NOT NULL DEFAULT 0,
            exp_total INTEGER NOT NULL DEFAULT 0,
            traits TEXT NOT NULL DEFAULT '{}',
            revision INTEGER NOT NULL DEFAULT 1,
            created_at REAL NOT NULL,
            last_updated REAL NOT NULL
        );
        CREATE UNIQUE INDEX characters_user_name ON characters(user_id, name_key);
        CREATE INDEX characters_chronicle ON characters(chronicle_id);
        CREATE INDEX characters_member ON characters(member_id);
        CREATE TABLE members (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chronicle_id INTEGER NOT NULL REFERENCES chronicles(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            admin INTEGER NOT NULL DEFAULT 0,
            storyteller INTEGER NOT NULL DEFAULT 0,
            nickname TEXT NOT NULL DEFAULT '',
            avatar_url TEXT NOT NULL DEFAULT '',
            default_character_id INTEGER REFERENCES characters(id) ON DELETE SET NULL,
            default_auto_hunger INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            last_updated REAL NOT NULL,
            UNIQUE (chronicle_id, user_id)
        );
        CREATE INDEX members_user ON members(user_id);
        CREATE INDEX members_default_character ON members(default_character_id);
        -- Kept when a character is deleted, so a deleted character can be restored.
        CREATE TABLE character_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            character_id INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            operation TEXT NOT NULL,
            face TEXT NOT NULL,
            actor_id INTEGER,
            changes TEXT NOT NULL,
            at REAL NOT NULL
        );
        CREATE INDEX character_history_character ON character_history(character_id, revision);
        """

    static let version2 = """
        CREATE TABLE bots (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL DEFAULT '',
            discriminator TEXT NOT NULL DEFAULT '',
            avatar_url TEXT NOT NULL DEFAULT '',
            shard_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE chronicle_bots (
            chronicle_id INTEGER NOT NULL REFERENCES chronicles(id) ON DELETE CASCADE,
            bot_id INTEGER NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
            PRIMARY KEY (chronicle_id, bot_id)
        );
        CREATE TABLE storyteller_roles (
            id INTEGER PRIMARY KEY,
            chronicle_id INTEGER NOT NULL REFERENCES chronicles(id) ON DELETE CASCADE
        );
        CREATE INDEX storyteller_roles_chronicle ON storyteller_roles(chronicle_id);
        CREATE TABLE command_stats (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            bot_id INTEGER NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
            command TEXT NOT NULL,
            used INTEGER NOT NULL DEFAULT 1,
            last_used REAL NOT NULL,
            UNIQUE (user_id, command, bot_id)
        );
        CREATE INDEX command_stats_last_used ON command_stats(last_used);
        -- One initiative tracker per Discord channel; `data` is the bot's document, stored as sent.
        CREATE TABLE initiative_trackers (
            id INTEGER PRIMARY KEY,
            chronicle_id INTEGER NOT NULL REFERENCES chronicles(id) ON DELETE CASCADE,
            data TEXT NOT NULL,
            last_updated REAL NOT NULL
        );
        CREATE INDEX initiative_trackers_chronicle ON initiative_trackers(chronicle_id);
        CREATE INDEX users_last_active ON users(last_active);
        """

    static let version3 = """
        -- Web sessions. Only a SHA-256 of the cookie's token is kept, so the table cannot be replayed.
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        );
        CREATE INDEX sessions_user ON sessions(user_id);
        CREATE INDEX sessions_expires ON sessions(expires_at);
        -- Discord login states, single use (hashed like sessions).
        CREATE TABLE oauth_states (
            state_hash TEXT PRIMARY KEY,
            created_at REAL NOT NULL
        );
        -- Web API requests per user per UTC day, for the supporter tiers' quotas.
        CREATE TABLE api_usage (
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            day INTEGER NOT NULL,
            requests INTEGER NOT NULL,
            PRIMARY KEY (user_id, day)
        );
        -- Every Patreon webhook received, with what was done about it.
        CREATE TABLE patreon_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event TEXT NOT NULL,
            discord_id INTEGER,
            tier TEXT,
            level INTEGER,
            outcome TEXT NOT NULL,
            payload TEXT NOT NULL,
            received_at REAL NOT NULL
        );
        """

    /// Patreon deliveries: a hash of each body (a delivery sent again is ignored), and the patron and time of each
    /// event (an event older than the last one applied for its patron is ignored).
    static let version4 = """
        ALTER TABLE patreon_events ADD COLUMN delivery_hash TEXT;
        ALTER TABLE patreon_events ADD COLUMN patron TEXT;
        ALTER TABLE patreon_events ADD COLUMN event_time REAL;
        CREATE INDEX patreon_events_delivery ON patreon_events(delivery_hash);
        CREATE INDEX patreon_events_patron ON patreon_events(patron, event_time);
        """

    /// Restores: the revision a history row restored, and the characters deleted since, for their owners.
    static let version5 = """
        ALTER TABLE character_history ADD COLUMN restored_from INTEGER;
        CREATE TABLE deleted_characters (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL,
            splat TEXT NOT NULL,
            name TEXT NOT NULL,
            deleted_at REAL NOT NULL
        );
        CREATE INDEX deleted_characters_user ON deleted_characters(user_id);
        """

    /// What a user sets for themselves: one JSON object per user.
    static let version6 = """
        CREATE TABLE user_preferences (
            user_id INTEGER PRIMARY KEY,
            data TEXT NOT NULL
        );
        """
    /// A deleted character's avatar, kept until it expires; deleted characters expire by their deletion's time.
    static let version7 = """
        ALTER TABLE deleted_characters ADD COLUMN avatar TEXT NOT NULL DEFAULT '';
        CREATE INDEX deleted_characters_deleted_at ON deleted_characters(deleted_at);
        """
}
