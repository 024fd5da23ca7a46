import Logging
import RodChannels

/// How gateway events reach every process's sockets: in the process (the default), or through Redis.
public struct ChannelConfiguration: Sendable {
    /// `redis_url`, `REDIS_URL`, or the original's `REDIS_DB_INDEX` (a database of the local Redis): the Redis that
    /// several processes share events through. Nil keeps events in the process.
    public var redis: RedisEndpoint?

    public init() {}

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        try layer.read(&redis, nil, "REDIS_DB_INDEX") { text, origin throws(ConfigurationError) in
            guard let index = Int(text), index >= 0 else {
                throw ConfigurationError("\(origin) must be a database number, got \(text)")
            }
            return RedisEndpoint(database: index)
        }
        // Over REDIS_DB_INDEX when both are set; an empty REDIS_URL leaves it alone.
        if let (url, origin) = try layer.text("redis_url", "REDIS_URL"), !url.isEmpty {
            guard let endpoint = RedisEndpoint(url: url) else {
                throw ConfigurationError("\(origin) must look like redis://[:password@]host[:port][/db]")
            }
            redis = endpoint
        }
    }

    /// The channel layer: Redis when configured, else in the process. Run as a service by the application.
    public func layer(logger: Logger) -> any ChannelLayer {
        redis.map { RedisChannelLayer(endpoint: $0, logger: logger) } ?? InProcessChannelLayer()
    }
}
