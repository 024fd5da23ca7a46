/// A signed-in browser. The cookie holds a random token; the store keeps only its SHA-256.
public struct Session: Sendable, Equatable {
    public var tokenHash: String
    public var userID: Int64
    /// The value the browser must echo in `X-CSRFToken` on unsafe requests.
    public var csrfToken: String
    public var createdAt: Double
    public var expiresAt: Double

    public init(tokenHash: String, userID: Int64, csrfToken: String, createdAt: Double, expiresAt: Double) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

// Its fields as the store's columns (`SQLRow.decode`, `SQLRecord`).

extension Session: Codable {
    enum CodingKeys: String, CodingKey {
        case tokenHash = "token_hash"
        case userID = "user_id"
        case csrfToken = "csrf_token"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
    }
}
