import RodCore
import RodGateway
import RodStore

// What the faces read, through the service of its aggregate rather than the store: a read decides nothing but who may
// make it, which the faces' routes (the bot's key, the web's session) and the services' access checks decide. The
// store's errors pass through unchanged (an outage is a 503 at the edge).

extension CharacterService: CharacterReading {
    /// Matching characters, in id order.
    public func characters(_ query: CharacterQuery) async throws -> [CharacterRecord] { try await store.characters(query) }

    /// The bot's sheet of the one character `query` finds (compact JSON, as `character/get` answers it): read and
    /// rendered once per revision, then answered from `sheets` after one light read of the character's stamp.
    public func botSheet(_ query: CharacterQuery) async throws -> BotSheet {
        let stamps = try await store.characterStamps(query)
        guard let stamp = stamps.first else { return .notFound }
        if stamps.count > 1 { return .several }
        guard let sheet = try await sheet(of: stamp) else { return .notFound }
        return .sheet(sheet.bytes)
    }

    /// The character's id, owner, chronicle, splat, revision and kind, without its document.
    public func stamp(id: Int64) async throws -> CharacterStamp? {
        try await store.characterStamps(CharacterQuery(id: id, limit: 1)).first
    }

    /// The character's sheet as the bot's `character/get` and the web's `api/character/get/<splat>` answer it (compact
    /// JSON; the same bytes), with the revision it shows: kept at the stamp's revision in `sheets`, or read, rendered
    /// and kept. Nil when the character was deleted since its stamp was read (not found, as it would be a moment later).
    public func sheet(of stamp: CharacterStamp) async throws -> (bytes: [UInt8], revision: Int64)? {
        if let kept = sheets.renderings(of: [stamp])[0] { return (kept.bytes, stamp.revision) }
        guard let character = try await store.character(id: stamp.id), let splat = registry.splat(character.splat) else {
            return nil
        }
        let text = GatewayText(splat.sheet(character), style: .compact)
        sheets.keep([(character, text)])
        return (text.bytes, character.revision)
    }

    /// Matching characters' id, name and splat, without their documents.
    public func summaries(_ query: CharacterQuery) async throws -> [CharacterSummary] {
        try await store.characterSummaries(query)
    }

    /// The user's characters counted; in one chronicle when given.
    public func counts(userID: Int64, chronicleID: Int64?) async throws -> CharacterCounts {
        try await store.characterCounts(userID: userID, chronicleID: chronicleID)
    }

    /// The user's characters counted per splat, splats in order.
    public func countsBySplat(userID: Int64) async throws -> [(splat: String, counts: CharacterCounts)] {
        try await store.characterCountsBySplat(userID: userID)
    }
}

extension ChronicleService {
    public func chronicle(id: Int64) async throws -> Chronicle? { try await store.chronicle(id: id) }

    public func member(chronicleID: Int64, userID: Int64) async throws -> Member? {
        try await store.member(chronicleID: chronicleID, userID: userID)
    }

    public func members(chronicleID: Int64) async throws -> [Member] { try await store.members(chronicleID: chronicleID) }

    public func members(userID: Int64) async throws -> [Member] { try await store.members(userID: userID) }

    /// The chronicle's storyteller roles, in id order.
    public func storytellerRoles(chronicleID: Int64) async throws -> [Int64] {
        try await store.storytellerRoles(chronicleID: chronicleID)
    }

    public func initiativeTracker(channelID: Int64) async throws -> InitiativeTracker? {
        try await store.initiativeTracker(channelID: channelID)
    }
}

extension UserService {
    public func user(id: Int64) async throws -> User? { try await store.user(id: id) }

    /// Users whose supporter level is above 0, in id order.
    public func supporters() async throws -> [Supporter] { try await store.supporters() }

    /// Usage over the last 30 and 14 days, counted from midnight UTC (as the original's DRF view counts).
    public func statistics() async throws -> Statistics {
        let today = (clock() / 86_400).rounded(.down) * 86_400
        return try await store.statistics(activeSince30Days: today - 30 * 86_400, activeSince14Days: today - 14 * 86_400)
    }

    /// What the user set for themselves (`PUT api/user/me`); empty when nothing.
    public func preferences(userID: Int64) async throws -> JSONObject { try await store.preferences(userID: userID) }

    public func savePreferences(userID: Int64, _ preferences: JSONObject) async throws {
        try await store.savePreferences(userID: userID, preferences)
    }
}

/// What `character/get` finds: nothing, several characters (the bot is told to be precise), or one's sheet.
public enum BotSheet: Sendable, Equatable {
    case notFound
    case several
    case sheet([UInt8])
}
