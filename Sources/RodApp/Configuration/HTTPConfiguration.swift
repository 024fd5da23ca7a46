import RodHTTP

/// The HTTP server and its faces: where it listens, its limits, the bot API's key and networks, the web's sessions
/// and login.
public struct HTTPConfiguration: Sendable {
    public static let developmentAPIKey = "dev-api-key"
    public static let developmentSecretKey = "django-insecure-dev-key"

    /// `host`, `ROD_HOST` and `port`, `ROD_PORT`: the address to listen on.
    public var host = "127.0.0.1"
    public var port = 8080
    /// `http.*`, `ROD_HTTP_*`: limits on connections.
    public var limits = HTTPLimits()
    /// `trusted_proxies`, `ROD_TRUSTED_PROXIES`: reverse proxies (CIDR) whose `X-Forwarded-For` names the client, for
    /// the limits counted per client address. None by default: the socket's peer is the client.
    public var trustedProxies: [IPNetwork] = []
    /// `api_key`, `API_KEY`: the bot API's shared secret.
    public var apiKey = developmentAPIKey
    /// `bot_allowed_networks`, `ROD_BOT_ALLOWED_NETWORKS`: client networks allowed on `bot/` (CIDR).
    public var botAllowedNetworks = IPNetwork.loopback
    /// `secret_key`, `SECRET_KEY`: signs sessions and CSRF tokens.
    public var secretKey = developmentSecretKey
    /// `public_url`, `ROD_PUBLIC_URL`: the site's address as browsers see it; the login's redirect URI is under it.
    public var publicURL: String?
    /// `final_redirect`, `ROD_FINAL_REDIRECT`: where the login and logout send the browser back to.
    public var finalRedirect: String?
    /// `login_starts_per_minute`, `ROD_LOGIN_STARTS_PER_MINUTE`: Discord logins one client address may start per minute
    /// (each one stores a state).
    public var loginStartsPerMinute = 20
    /// `ROD_METRICS_TOKEN`: the bearer token `/metrics` asks for. Unset, `/metrics` does not exist (404).
    public var metricsToken: String?

    public init() {}

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        try layer.read(&host, "host", "ROD_HOST")
        try layer.read(&port, "port", "ROD_PORT") { text, origin throws(ConfigurationError) in
            // 0 asks the system for a free port.
            text == "0" ? 0 : try Parse.port(text, origin)
        }
        try layer.read(&limits.headTimeout, "http.head_timeout_seconds", "ROD_HTTP_HEAD_TIMEOUT_SECONDS", Parse.seconds)
        try layer.read(&limits.idleTimeout, "http.idle_timeout_seconds", "ROD_HTTP_IDLE_TIMEOUT_SECONDS", Parse.seconds)
        try layer.read(&limits.maxHeadBytes, "http.max_head_bytes", "ROD_HTTP_MAX_HEAD_BYTES", Parse.atLeast(4096))
        try layer.read(&trustedProxies, "trusted_proxies", "ROD_TRUSTED_PROXIES", Self.networks)
        try layer.read(&apiKey, "api_key", "API_KEY")
        try layer.read(&botAllowedNetworks, "bot_allowed_networks", "ROD_BOT_ALLOWED_NETWORKS", Self.networks)
        try layer.read(&secretKey, "secret_key", "SECRET_KEY")
        try layer.read(&publicURL, "public_url", "ROD_PUBLIC_URL")
        try layer.read(&finalRedirect, "final_redirect", "ROD_FINAL_REDIRECT")
        try layer.read(&loginStartsPerMinute, "login_starts_per_minute", "ROD_LOGIN_STARTS_PER_MINUTE", Parse.atLeast(1))
        try layer.read(&metricsToken, nil, "ROD_METRICS_TOKEN") { text, origin throws(ConfigurationError) in
            guard !text.isEmpty else { return nil }
            guard text.utf8.count >= 16 else { throw ConfigurationError("\(origin) must be at least 16 characters long") }
            return text
        }
    }

    static func networks(_ text: String, _ origin: String) throws(ConfigurationError) -> [IPNetwork] {
        var result: [IPNetwork] = []
        for item in Parse.list(text, origin) {
            guard let network = IPNetwork(item) else {
                throw ConfigurationError("\(origin): `\(item)` is not a network in CIDR notation such as 10.0.0.0/8")
            }
            result.append(network)
        }
        return result
    }
}
