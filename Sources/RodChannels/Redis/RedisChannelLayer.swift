import Logging
import NIOPosix
import RodCore
import ServiceLifecycle
import Synchronization

/// The channel layer of several processes: every process publishes its events to one Redis pub/sub channel and
/// listens on it, delivering to its own connections what the others sent.
///
/// Writes never wait for Redis: `send` delivers to this process's connections at once and queues the message for
/// the publisher. While Redis is away, HTTP keeps serving and this process's sockets keep their updates; the queue
/// keeps the newest `queueLimit` messages for the other processes, the subscriber reconnects with backoff, and a
/// log line reports the loss and the return.
public final class RedisChannelLayer: ChannelLayer {
    public let groups: GroupRegistry
    public let endpoint: RedisEndpoint
    /// Messages waiting for Redis beyond this many are dropped, oldest first.
    public static let queueLimit = 4096

    private let logger: Logger
    /// Marks this process's messages, which it has already delivered and skips when Redis echoes them.
    private let origin = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    private let outbox: AsyncStream<[UInt8]>
    private let outboxInput: AsyncStream<[UInt8]>.Continuation
    private let subscribed = Atomic<Bool>(false)
    /// Whether the loss of the subscription has been logged since it was last live.
    private let lossReported = Atomic<Bool>(false)

    public init(endpoint: RedisEndpoint, groups: GroupRegistry = GroupRegistry(), logger: Logger) {
        self.endpoint = endpoint
        self.groups = groups
        self.logger = logger
        (outbox, outboxInput) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(Self.queueLimit))
    }

    /// True while the subscription to Redis is live.
    public var isSubscribed: Bool { subscribed.load(ordering: .relaxed) }

    public var problem: String? { isSubscribed ? nil : "not subscribed to \(endpoint)" }

    public func send(_ event: JSONObject, to group: String) {
        groups.deliver(ChannelMessage(group: group, event: event))
        var envelope = JSONObject()
        envelope.appendNew("origin", .string(origin))
        envelope.appendNew("group", .string(group))
        envelope.appendNew("event", .object(event))
        outboxInput.yield(JSON.object(envelope).serialized())
    }

    /// Other processes' connections are unknown here, so every group may be heard.
    public func isHeard(_ group: String) -> Bool { true }

    /// Runs the subscription and the publisher until shutdown.
    public func run() async throws {
        let subscription = RedisSubscription(
            endpoint: endpoint, receive: { [self] payload in receive(payload) }, report: { [self] in report($0) })
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let publisher = RedisPublisher(endpoint: endpoint, loop: loops.next())
        logger.notice("gateway channel layer: Redis", metadata: ["redis": "\(endpoint)", "channel": "\(endpoint.channel)"])
        await withDiscardingTaskGroup { group in
            group.addTask { await subscription.run() }
            await withGracefulShutdownHandler {
                await publish(from: publisher)
            } onGracefulShutdown: { [outboxInput] in
                outboxInput.finish()
            }
            subscription.stop()
        }
        try await loops.shutdownGracefully()
    }

    /// Publishes queued messages in order; while Redis is away, retries the oldest with backoff.
    private func publish(from publisher: RedisPublisher) async {
        var down = false
        for await payload in outbox {
            var delay = Duration.milliseconds(100)
            while true {
                do {
                    try await publisher.publish(payload, to: endpoint.channel)
                    if down {
                        down = false
                        logger.notice("Redis is back; publishing gateway events again", metadata: ["redis": "\(endpoint)"])
                    }
                    break
                } catch {
                    if !down {
                        down = true
                        logger.warning(
                            "cannot publish gateway events to Redis; other processes miss them until it returns",
                            metadata: ["redis": "\(endpoint)", "error": "\(error)"])
                    }
                    if Task.isShuttingDownGracefully || Task.isCancelled { return }
                    try? await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(5))
                }
            }
        }
    }

    private func receive(_ payload: [UInt8]) {
        guard case .object(let envelope)? = try? JSON.parse(payload), envelope["origin"]?.stringValue != origin,
            let group = envelope["group"]?.stringValue, case .object(let event)? = envelope["event"]
        else { return }
        groups.deliver(ChannelMessage(group: group, event: event))
    }

    private func report(_ status: RedisSubscription.Status) {
        switch status {
        case .subscribed:
            subscribed.store(true, ordering: .relaxed)
            let recovered = lossReported.exchange(false, ordering: .relaxed)
            logger.notice(
                recovered ? "Redis is back; receiving gateway events again" : "listening for gateway events on Redis",
                metadata: ["redis": "\(endpoint)"])
        case .lost(let failure):
            subscribed.store(false, ordering: .relaxed)
            if !lossReported.exchange(true, ordering: .relaxed) {
                logger.warning(
                    "Redis unavailable; gateway events from other processes stop until it returns, reconnecting with backoff",
                    metadata: ["redis": "\(endpoint)", "error": "\(failure)"])
            } else {
                logger.debug("Redis still unavailable", metadata: ["redis": "\(endpoint)", "error": "\(failure)"])
            }
        }
    }
}
