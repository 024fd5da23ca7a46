import RodCore

/// One documented HTTP operation: what the OpenAPI document says about a route the server mounts. The catalog
/// (`APICatalog`) lists every one; a test checks it against the router both ways.
public struct Operation: Sendable {
    public enum Security: String, Sendable {
        /// The bot's secret as the top-level `APIKey` key of the JSON body (and a loopback or allowed address).
        case apiKey
        /// The `sessionid` cookie of a Discord login; unsafe methods also need the `csrftoken` cookie echoed in
        /// `X-CSRFToken`.
        case session
        /// Patreon's `X-Patreon-Signature` (HMAC-MD5 of the body).
        case patreonSignature
        /// `Authorization: Bearer <ROD_METRICS_TOKEN>`.
        case metricsToken
        case none
    }

    public enum Body: Sendable {
        case json(JSON)
        case text
        case html
        case empty
        /// Raw bytes of the given media types (an uploaded image).
        case bytes([String])
    }

    public struct Response: Sendable {
        public let status: Int
        public let description: String
        public let body: Body
        public let headers: [(name: String, description: String)]

        public init(
            _ status: Int, _ description: String, _ body: Body = .empty, headers: [(name: String, description: String)] = []
        ) {
            self.status = status
            self.description = description
            self.body = body
            self.headers = headers
        }
    }

    public struct Parameter: Sendable {
        public enum Place: String, Sendable { case query, path, header }
        public let name: String
        public let place: Place
        public let required: Bool
        public let schema: JSON
        public let description: String

        public init(_ name: String, in place: Place, required: Bool = false, schema: JSON, _ description: String) {
            self.name = name
            self.place = place
            self.required = required || place == .path
            self.schema = schema
            self.description = description
        }
    }

    /// `GET`, `POST`, ...
    public let method: String
    /// The OpenAPI path: `/api/character/update/vampire5th/{id}`.
    public let path: String
    public let id: String
    public let tag: String
    public let summary: String
    public let description: String?
    public let security: Security
    public let parameters: [Parameter]
    public let body: Body?
    public let responses: [Response]

    public init(
        _ method: String, _ path: String, id: String, tag: String, summary: String, description: String? = nil,
        security: Security, parameters: [Parameter] = [], body: Body? = nil, responses: [Response]
    ) {
        self.method = method
        self.path = path
        self.id = id
        self.tag = tag
        self.summary = summary
        self.description = description
        self.security = security
        self.parameters = parameters
        self.body = body
        self.responses = responses
    }
}
