import Foundation
import RodCore
import RodStore

/// Why a chronicle, membership, user or bot write was refused.
public enum CommunityError: Error, Sendable, Equatable {
    /// Validation failed, per field, as DRF reports it.
    case invalid(ValidationErrors)
    /// The chronicle (Discord guild) is unknown.
    case noChronicle
    /// The user has no membership in the chronicle.
    case noMember
    /// No character matches.
    case noCharacter
    /// A referenced user or bot is unknown; the message is the original's.
    case notFound(String)
    /// The store failed.
    case store(String)
    /// The database cannot be reached now; the client may retry after this many seconds.
    case unavailable(retryAfter: Int)

    /// A store failure: unavailable when the database is away, else `store`.
    static func failed(_ error: any Error) -> CommunityError {
        if case StoreError.unavailable(let wait) = error { return .unavailable(retryAfter: wait) }
        return .store(String(describing: error))
    }

    static func field(_ key: String, _ message: String) -> CommunityError {
        .invalid(ValidationErrors(key, ValidationMessage(message)))
    }
}

/// Chronicles (Discord guilds), their memberships, storyteller roles, tracker channels, members' default
/// characters and initiative trackers.
public struct ChronicleService: Sendable {
    public let store: any CommunityStore & CharacterStore & UserStore
    let broadcaster: Broadcaster
    let clock: @Sendable () -> Double

    public init(
        store: any CommunityStore & CharacterStore & UserStore, broadcaster: Broadcaster,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.store = store
        self.broadcaster = broadcaster
        self.clock = clock
    }

    /// Creates a chronicle, or updates the fields sent, and links it to the bots named in `bot` (one id or a list).
    public func set(_ guild: JSONObject) async throws(CommunityError) -> Chronicle {
        guard let id = Snowflake.parse(guild["id"]) else {
            throw .field("id", guild["id"] == nil ? "This field is required." : "A valid integer is required.")
        }
        // `bot` is one id or a list of ids.
        let sentBots = guild["bot"].map { $0.arrayValue ?? ($0.isNull ? [] : [$0]) } ?? []
        let bots = sentBots.compactMap(Snowflake.parse)
        if let wrong = sentBots.first(where: { Snowflake.parse($0) == nil }) {
            throw .field("bot", "Incorrect type. Expected pk value, received \(Snowflake.pythonTypeName(wrong)).")
        }
        let now = clock()
        let existing = try await communityCall { try await store.chronicle(id: id) }
        let fields = try RecordFields.chronicle.accepted(guild, creating: existing == nil)
        var chronicle = existing ?? Chronicle(id: id, name: "", createdAt: now)
        if let name = fields["name"]?.stringValue { chronicle.name = name }
        if let owner = fields["owner_id"]?.intValue { chronicle.ownerID = owner }
        if let shard = fields["shard"]?.intValue { chronicle.shard = shard }
        if let isGuild = fields["is_guild"]?.boolValue { chronicle.isGuild = isGuild }
        if let icon = fields["icon_url"]?.stringValue { chronicle.iconURL = icon }
        if let channel = fields["tracker_channel"]?.stringValue { chronicle.trackerChannel = channel }
        chronicle.lastUpdated = now
        let saved = chronicle
        try await communityCall { try await store.save(saved, addingBots: bots) }
        broadcaster.chronicleChanged(saved)
        return saved
    }

    /// Deletes a chronicle and what belongs to it; its characters are kept, out of it. Nil if it did not exist.
    public func delete(id: Int64) async throws(CommunityError) -> Departure? {
        let change = CharacterChange(operation: .update, face: .bot, actorID: nil, changes: .null, at: clock())
        let departure = try await communityCall { try await store.deleteChronicle(id: id, change: change) }
        if let departure { broadcaster.departed(departure) }
        return departure
    }

    /// Sets the channel where the bot posts tracker updates; setting the same channel again clears it.
    /// Returns the channel now set, or nil.
    public func toggleTrackerChannel(chronicleID: Int64, channel: String) async throws(CommunityError) -> String? {
        guard var chronicle = try await communityCall({ try await store.chronicle(id: chronicleID) }) else { throw .noChronicle }
        chronicle.trackerChannel = chronicle.trackerChannel == channel ? "" : channel
        chronicle.lastUpdated = clock()
        let saved = chronicle
        try await communityCall { try await store.save(saved) }
        return saved.trackerChannel.isEmpty ? nil : saved.trackerChannel
    }

    /// Adds the role to the chronicle's storyteller roles, or removes it if present. Returns the roles afterwards.
    public func toggleStorytellerRole(chronicleID: Int64, roleID: Int64) async throws(CommunityError) -> [Int64] {
        guard try await communityCall({ try await store.chronicle(id: chronicleID) }) != nil else { throw .noChronicle }
        return try await communityCall { try await store.toggleStorytellerRole(roleID: roleID, chronicleID: chronicleID) }
    }

    /// Deletes a storyteller role wherever it is; true when it existed.
    public func deleteStorytellerRole(id: Int64) async throws -> Bool { try await store.deleteStorytellerRole(id: id) }

    /// Removes a user's membership; their characters in the chronicle are taken out of it. Nil if there was none.
    public func removeMember(chronicleID: Int64, userID: Int64) async throws(CommunityError) -> Departure? {
        let change = CharacterChange(operation: .update, face: .bot, actorID: nil, changes: .null, at: clock())
        let departure = try await communityCall {
            try await store.deleteMember(chronicleID: chronicleID, userID: userID, change: change)
        }
        if let departure { broadcaster.departed(departure) }
        return departure
    }

    /// Sets (or, with `disable`, clears) the character the bot uses by default for a member in a chronicle.
    public func setDefault(
        chronicleID: Int64, userID: Int64, name: String?, autoHunger: Bool, disable: Bool
    ) async throws(CommunityError) {
        // The membership first, as the original: a non-member is told so before their character is looked for.
        let member = try await requireMember(chronicleID: chronicleID, userID: userID)
        var characterID: Int64?
        if !disable {
            guard let name, !name.isEmpty else { throw .field("name", "This field is required.") }
            guard
                let character = try await communityCall({
                    try await store.characterSummaries(CharacterQuery(userID: userID, name: name, limit: 1))
                }).first
            else { throw .noCharacter }
            characterID = character.id
        }
        _ = try await saveDefault(member, characterID: characterID, autoHunger: autoHunger)
    }

    /// Sets the member's default character (one of the user's own), or clears it with nil (and auto-hunger with it),
    /// as the bot's `chronicle/member/defaults/set` does. Returns the membership saved.
    public func setDefault(chronicleID: Int64, userID: Int64, characterID: Int64?, autoHunger: Bool)
        async throws(CommunityError) -> Member
    {
        let member = try await requireMember(chronicleID: chronicleID, userID: userID)
        if let characterID {
            guard try await communityCall({ try await store.character(id: characterID) })?.userID == userID else {
                throw .noCharacter
            }
        }
        return try await saveDefault(member, characterID: characterID, autoHunger: autoHunger)
    }

    private func requireMember(chronicleID: Int64, userID: Int64) async throws(CommunityError) -> Member {
        guard let member = try await communityCall({ try await store.member(chronicleID: chronicleID, userID: userID) }) else {
            throw .noMember
        }
        return member
    }

    private func saveDefault(_ member: Member, characterID: Int64?, autoHunger: Bool) async throws(CommunityError) -> Member {
        var member = member
        member.defaultCharacterID = characterID
        member.defaultAutoHunger = characterID != nil && autoHunger
        member.lastUpdated = clock()
        let saved = member
        return try await communityCall { try await store.save(saved) }
    }

    /// The character the bot should use for a member: the default when it is of one of `splats` (or any splat
    /// when none are given), else the user's only character in the chronicle. Nil when there is none or several.
    public func defaultCharacter(
        chronicleID: Int64, userID: Int64, splats: [String]
    ) async throws(CommunityError) -> (character: CharacterRecord, autoHunger: Bool)? {
        guard let member = try await communityCall({ try await store.member(chronicleID: chronicleID, userID: userID) }) else {
            throw .noMember
        }
        if let id = member.defaultCharacterID, let character = try await communityCall({ try await store.character(id: id) }),
            splats.isEmpty || splats.contains(character.splat)
        {
            return (character, member.defaultAutoHunger)
        }
        let query = CharacterQuery(userID: userID, chronicle: .id(chronicleID), splats: splats.isEmpty ? nil : splats, limit: 2)
        let candidates = try await communityCall { try await store.characters(query) }
        guard candidates.count == 1 else { return nil }
        return (candidates[0], member.defaultCharacterID != nil && member.defaultAutoHunger)
    }

    /// Creates or replaces the initiative tracker of a channel, storing the bot's document as sent.
    /// Deletes a channel's initiative tracker; true when it had one.
    public func deleteInitiative(channelID: Int64) async throws -> Bool {
        try await store.deleteInitiativeTracker(channelID: channelID)
    }

    public func setInitiative(channelID: Int64, chronicleID: Int64, data: JSON) async throws(CommunityError) -> InitiativeTracker
    {
        let tracker = InitiativeTracker(channelID: channelID, chronicleID: chronicleID, data: data, lastUpdated: clock())
        do {
            try await store.save(tracker)
        } catch .missingReference {
            throw .field("chronicle", "Invalid pk \"\(chronicleID)\" - object does not exist.")
        } catch {
            throw .failed(error)
        }
        return tracker
    }
}

/// Runs a store call, turning its failure into `CommunityError.store`.
func communityCall<T>(_ body: () async throws -> T) async throws(CommunityError) -> T {
    do {
        return try await body()
    } catch {
        throw .failed(error)
    }
}
