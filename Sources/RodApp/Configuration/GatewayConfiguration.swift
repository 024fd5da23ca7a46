import RodGateway

/// The WebSocket gateway: limits on sockets and the origins they may come from.
public struct GatewayConfiguration: Sendable {
    /// `gateway.*`, `ROD_GATEWAY_*`.
    public var limits = GatewayLimits()
    /// `allowed_hosts`, `ROD_ALLOWED_HOSTS`: the hosts a socket's `Origin` may name (Django's `ALLOWED_HOSTS`: exact
    /// names, `.example.com` for a domain and its subdomains, `*` for any). Nil: per environment, as in the original
    /// (`Configuration.allowedHosts`).
    public var allowedHosts: [String]?

    public init() {}

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        try layer.read(&allowedHosts, "allowed_hosts", "ROD_ALLOWED_HOSTS") { text, origin in Parse.list(text, origin) }
        let keys: [(String, String, WritableKeyPath<GatewayLimits, Int>, Int)] = [
            ("max_message_bytes", "MAX_MESSAGE_BYTES", \.maxMessageBytes, 1024),
            ("max_connections_per_user", "MAX_CONNECTIONS_PER_USER", \.maxConnectionsPerUser, 1),
            ("max_connections", "MAX_CONNECTIONS", \.maxConnections, 1),
            ("max_anonymous_connections", "MAX_ANONYMOUS_CONNECTIONS", \.maxAnonymousConnections, 0),
            ("max_anonymous_connections_per_address", "MAX_ANONYMOUS_PER_ADDRESS", \.maxAnonymousConnectionsPerAddress, 0),
            ("max_pending_events", "MAX_PENDING_EVENTS", \.maxPendingInputs, 16),
            ("messages_per_second", "MESSAGES_PER_SECOND", \.messagesPerSecond, 1),
            ("message_burst", "MESSAGE_BURST", \.messageBurst, 1),
        ]
        for (key, variable, limit, minimum) in keys {
            try layer.read(&limits[keyPath: limit], "gateway.\(key)", "ROD_GATEWAY_\(variable)", Parse.atLeast(minimum))
        }
        try layer.read(&limits.pingInterval, "gateway.ping_interval_seconds", "ROD_GATEWAY_PING_SECONDS", Parse.seconds)
    }
}
