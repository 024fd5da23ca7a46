/// The columns every store selects, in the order its row readers decode them. Both stores' tables have these
/// columns under these names (`SQLite/SQLiteSchema.swift`, `PostgreSQL/PostgresSchema.swift`).
enum Columns {
    static let user =
        "id, username, discriminator, avatar_url, email, verified, registered, admin, supporter, created_at, last_saved, last_active"
    static let chronicle = "id, name, owner_id, shard, is_guild, icon_url, tracker_channel, created_at, last_updated"
    static let member =
        "id, chronicle_id, user_id, admin, storyteller, nickname, avatar_url, default_character_id, default_auto_hunger, created_at, last_updated"
    /// The shared columns, then the trait columns and the document (`CharacterColumns`).
    static let character = """
        id, user_id, chronicle_id, member_id, splat, avatar, revision, created_at, last_updated,
        name, is_sheet, status, st_lock, theme, exp_current, exp_total, traits
        """
    static let patreonEvent =
        "event, discord_id, tier, level, outcome, payload, received_at, delivery_hash, patron, event_time"
}
