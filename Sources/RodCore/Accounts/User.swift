/// A Discord user known to the backend. `id` is the Discord snowflake.
public struct User: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var discriminator: String
    public var avatarURL: String
    public var email: String?
    public var verified: Bool
    /// True once the user has logged in on the website.
    public var registered: Bool
    /// A site-wide admin: no API quota.
    public var admin: Bool
    /// The supporter level, 0 to 7 (see `SupporterTier`).
    public var supporter: Int64
    public var createdAt: Double
    public var lastSaved: Double
    public var lastActive: Double

    public init(
        id: Int64, username: String = "", discriminator: String = "0", avatarURL: String = "", email: String? = nil,
        verified: Bool = false, registered: Bool = false, admin: Bool = false, supporter: Int64 = 0,
        createdAt: Double, lastSaved: Double? = nil, lastActive: Double? = nil
    ) {
        self.id = id
        self.username = username
        self.discriminator = discriminator
        self.avatarURL = avatarURL
        self.email = email
        self.verified = verified
        self.registered = registered
        self.admin = admin
        self.supporter = supporter
        self.createdAt = createdAt
        self.lastSaved = lastSaved ?? createdAt
        self.lastActive = lastActive ?? createdAt
    }

    public var tier: SupporterTier { SupporterTier.of(level: supporter) }
}

// Its fields as the store's columns and the original's names (`SQLRow.decode`, `SQLRecord`).

extension User: Codable {
    enum CodingKeys: String, CodingKey {
        case id, username, discriminator, email, verified, registered, admin, supporter
        case avatarURL = "avatar_url"
        case createdAt = "created_at"
        case lastSaved = "last_saved"
        case lastActive = "last_active"
    }
}
