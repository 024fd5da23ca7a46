import Foundation

/// Where the Redis channel layer connects: from `REDIS_URL` (`redis://[:password@]host[:port][/db]`) or, as the
/// original configures it, from `REDIS_DB_INDEX` alone (127.0.0.1:6379).
public struct RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var password: String?
    /// The database number. Redis pub/sub ignores databases, so it also names the channel: deployments that share
    /// a Redis on different databases stay apart, as they did in the original.
    public var database: Int

    public init(host: String = "127.0.0.1", port: Int = 6379, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.password = password
        self.database = database
    }

    /// Parses `redis://[[user]:password@]host[:port][/db]`; nil when it is not such a URL.
    public init?(url: String) {
        guard let components = URLComponents(string: url), components.scheme == "redis",
            let host = components.host, !host.isEmpty
        else { return nil }
        let path = components.path.drop { $0 == "/" }
        guard path.isEmpty || Int(path) != nil else { return nil }
        self.init(
            host: host, port: components.port ?? 6379,
            password: components.password.flatMap { $0.removingPercentEncoding ?? $0 },
            database: Int(path) ?? 0)
    }

    /// The pub/sub channel every process of one deployment publishes to and listens on.
    public var channel: String { "rod:gateway:\(database)" }

    /// The endpoint without its password, for logs.
    public var description: String { "redis://\(host):\(port)/\(database)" }
}
