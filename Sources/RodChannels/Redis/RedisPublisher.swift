import NIOCore

/// Publishes to Redis from an actor whose executor is a private one-thread event loop: hiredis blocks, and on a
/// two-core machine Swift's cooperative pool has two threads, so its calls must never run there. The connection is
/// actor state, so only that thread ever touches it; it is opened on first use and dropped after a failure.
actor RedisPublisher {
    private let endpoint: RedisEndpoint
    private let loop: any EventLoop
    private var connection: HiredisConnection?

    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

    init(endpoint: RedisEndpoint, loop: any EventLoop) {
        self.endpoint = endpoint
        self.loop = loop
    }

    func publish(_ payload: [UInt8], to channel: String) throws(RedisFailure) {
        let connection: HiredisConnection
        if let open = self.connection {
            connection = open
        } else {
            connection = try HiredisConnection(endpoint)
            self.connection = connection
        }
        do {
            _ = try connection.command([Array("PUBLISH".utf8), Array(channel.utf8), payload])
        } catch {
            self.connection = nil
            throw error
        }
    }
}
