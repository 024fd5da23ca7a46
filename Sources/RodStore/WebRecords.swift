import RodCore

/// A Patreon webhook as received, and what was done about it.
public struct PatreonEvent: Sendable, Equatable {
    public var event: String
    public var discordID: Int64?
    public var tier: String?
    public var level: Int64?
    /// `applied`, `no_tiers`, `stale`, ...
    public var outcome: String
    public var payload: String
    public var receivedAt: Double
    /// The SHA-256 of the raw body (hex): the same delivery sent twice has the same hash.
    public var deliveryHash: String?
    /// Who the event is about: Patreon's user id, or the Discord id when there is none.
    public var patron: String?
    /// When the event happened by the payload's own dates (seconds since 1970), to order a patron's events.
    public var eventTime: Double?

    public init(
        event: String, discordID: Int64?, tier: String?, level: Int64?, outcome: String, payload: String, receivedAt: Double,
        deliveryHash: String? = nil, patron: String? = nil, eventTime: Double? = nil
    ) {
        self.event = event
        self.discordID = discordID
        self.tier = tier
        self.level = level
        self.outcome = outcome
        self.payload = payload
        self.receivedAt = receivedAt
        self.deliveryHash = deliveryHash
        self.patron = patron
        self.eventTime = eventTime
    }
}

/// What a login's membership sync changed.
public struct MembershipSync: Sendable, Equatable {
    public var created: [Member] = []
    public var updated: [Member] = []
    public var removed: [Member] = []
    /// Characters taken out of the chronicles of the removed memberships, as stored afterwards.
    public var characters: [CharacterRecord] = []

    public init(created: [Member] = [], updated: [Member] = [], removed: [Member] = [], characters: [CharacterRecord] = []) {
        self.created = created
        self.updated = updated
        self.removed = removed
        self.characters = characters
    }
}

// The columns of each record (`SQLRow.decode`, `SQLRecord`).

extension PatreonEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case event, tier, level, outcome, payload, patron
        case discordID = "discord_id"
        case receivedAt = "received_at"
        case deliveryHash = "delivery_hash"
        case eventTime = "event_time"
    }
}
