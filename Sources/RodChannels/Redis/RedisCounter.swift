import NIOCore
import NIOPosix

/// Counters that several processes share in Redis: an atomic addition to a key that expires at a given time (the
/// web's daily request counts). hiredis blocks, so its calls run on a private one-thread event loop, never on Swift's
/// cooperative pool or the server's loops (as `RedisPublisher`).
///
/// A Redis that fails (refused, or frozen past the short timeout) is not asked again for `backoff`: calls fail at once
/// meanwhile, so that a web request waits for Redis at most once per backoff, and the caller counts elsewhere.
public actor RedisCounter {
    public let endpoint: RedisEndpoint
    /// Keys are `<prefix><name>`: the deployment's namespace (its database and channel name).
    public nonisolated let prefix: String
    private let loops: MultiThreadedEventLoopGroup
    private let loop: any EventLoop
    private let timeoutMilliseconds: Int
    private let backoff: Duration
    private var connection: HiredisConnection?
    private var failedAt: ContinuousClock.Instant?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

    public init(endpoint: RedisEndpoint, timeoutMilliseconds: Int = 250, backoff: Duration = .seconds(5)) {
        self.endpoint = endpoint
        prefix = endpoint.channel + ":"
        loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = loops.next()
        self.timeoutMilliseconds = timeoutMilliseconds
        self.backoff = backoff
    }

    deinit { loops.shutdownGracefully { _ in } }

    /// Adds `amount` to the key's count (created at 0) and answers the new count; the key expires at `expiresAt`
    /// (seconds since 1970). One round trip, atomic.
    public func add(_ amount: Int, to key: String, expiresAt: Int64) throws(RedisFailure) -> Int {
        let script = "local n = redis.call('INCRBY', KEYS[1], ARGV[1]) redis.call('EXPIREAT', KEYS[1], ARGV[2]) return n"
        let reply = try call(["EVAL", script, "1", prefix + key, String(amount), String(expiresAt)])
        guard case .integer(let count) = reply else { throw RedisFailure(message: "Redis answered \(reply) to INCRBY") }
        return Int(count)
    }

    /// The key's count; nil when it does not exist.
    public func value(of key: String) throws(RedisFailure) -> Int? {
        switch try call(["GET", prefix + key]) {
        case .null: return nil
        case .bulk(let bytes): return Int(String(decoding: bytes, as: UTF8.self))
        case let reply: throw RedisFailure(message: "Redis answered \(reply) to GET")
        }
    }

    public func remove(_ keys: [String]) throws(RedisFailure) {
        guard !keys.isEmpty else { return }
        _ = try call(["DEL"] + keys.map { prefix + $0 })
    }

    private func call(_ arguments: [String]) throws(RedisFailure) -> RedisReply {
        if let failedAt, ContinuousClock.now - failedAt < backoff {
            throw RedisFailure(message: "Redis failed less than \(backoff) ago")
        }
        do throws(RedisFailure) {
            let connection: HiredisConnection
            if let open = self.connection {
                connection = open
            } else {
                connection = try open()
                self.connection = connection
            }
            let reply = try connection.command(arguments.map { Array($0.utf8) })
            failedAt = nil
            return reply
        } catch {
            connection = nil
            failedAt = .now
            throw error
        }
    }

    /// Connects and selects the endpoint's database, where the keys live (pub/sub has none).
    private func open() throws(RedisFailure) -> HiredisConnection {
        let connection = try HiredisConnection(endpoint, timeoutMilliseconds: timeoutMilliseconds)
        if endpoint.database != 0 { _ = try connection.command([Array("SELECT".utf8), Array(String(endpoint.database).utf8)]) }
        return connection
    }
}
