import Logging
import NIOPosix
import RodCore
import ServiceLifecycle
import Synchronization

/// The channel layer of several processes: every process publishes its events to one Redis pub/sub channel and
/// listens on it, delivering to its own connections what the others sent.
///
/// Writes never wait for Redis: `send` delivers to this process's connections at once and queues the message for
/// the publisher. While Redis is away, HTTP keeps serving and this process's sockets keep their updates; the
/// publisher drops what it cannot send (a queue replayed later would show pages states older than the ones they
/// have), the subscriber reconnects with backoff, and a log line reports the loss and the return.
///
/// Nothing lost stays lost on a page: each process numbers the messages it publishes, and a process that finds a gap
/// in another's numbers, or that subscribes again after losing Redis, has every socket read its state again
/// (`GatewayEvent.resync`). A message numbered at or below one already received from its process (a replay after
/// Redis was frozen) is dropped.
public final class RedisChannelLayer: ChannelLayer {
    public let groups: GroupRegistry
    public let endpoint: RedisEndpoint
    /// Messages waiting for the publisher beyond this many are dropped, oldest first.
    public static let queueLimit = 4096

    private let logger: Logger
    /// Marks this process's messages, which it has already delivered and skips when Redis echoes them.
    private let origin = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    private let outbox: AsyncStream<[UInt8]>
    private let outboxInput: AsyncStream<[UInt8]>.Continuation
    private let subscribed = Atomic<Bool>(false)
    /// False while the publisher cannot reach Redis.
    private let publishing = Atomic<Bool>(true)
    /// Messages dropped since the publisher lost Redis.
    private let dropped = Atomic<Int>(0)
    /// The number of this process's last message.
    private let sequence = Mutex<Int>(0)
    /// The number of the last message received from each other process.
    private let received = Mutex<[String: Int]>([:])
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

    public var problem: String? {
        if !isSubscribed { return "not subscribed to \(endpoint)" }
        if !publishing.load(ordering: .relaxed) { return "cannot publish to \(endpoint)" }
        return nil
    }

    /// This process's sockets get the event as it is; the others read it from Redis as the original's JSON event.
    public func send(_ event: GatewayEvent, to group: String) {
        groups.deliver(ChannelMessage(group: group, event: event))
        var envelope = JSONObject()
        envelope.appendNew("origin", .string(origin))
        envelope.appendNew("group", .string(group))
        envelope.appendNew("event", .object(event.json))
        enqueue(JSON.object(envelope).serialized())
    }

    /// Numbers an envelope (`{"seq": n, ...}`) and queues it, under one lock, so that the publisher sends the
    /// messages in the order of their numbers: two writes sending at once must not look like a gap to the others.
    private func enqueue(_ envelope: [UInt8]) {
        sequence.withLock { sequence in
            sequence += 1
            outboxInput.yield(Self.numbered(envelope, sequence))
        }
    }

    /// The serialized object `envelope` with `"seq": number` as its first key.
    static func numbered(_ envelope: [UInt8], _ number: Int) -> [UInt8] {
        var bytes = Array(#"{"seq":\#(number)"#.utf8)
        bytes.reserveCapacity(bytes.count + envelope.count + 1)
        if envelope.count > 2 { bytes.append(UInt8(ascii: ",")) }
        bytes += envelope.dropFirst()
        return bytes
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

    /// Publishes queued messages in order. A message that cannot be published is dropped, and so is every message
    /// after it until a probe finds Redis answering again (every 0.1 s, doubling to 2 s). The probe then publishes
    /// an empty message under the next number, so that the other processes find the gap at once and have their
    /// sockets read their state again.
    private func publish(from publisher: RedisPublisher) async {
        await withDiscardingTaskGroup { group in
            for await payload in outbox {
                guard publishing.load(ordering: .relaxed) else {
                    dropped.add(1, ordering: .relaxed)
                    continue
                }
                do {
                    try await publisher.publish(payload, to: endpoint.channel)
                } catch {
                    publishing.store(false, ordering: .relaxed)
                    dropped.add(1, ordering: .relaxed)
                    logger.warning(
                        "cannot publish gateway events to Redis; they are dropped, and other processes' pages read their state again when it returns",
                        metadata: ["redis": "\(endpoint)", "error": "\(error)"])
                    group.addTask { await self.probe(publisher) }
                }
            }
            group.cancelAll()
        }
    }

    /// Waits until Redis answers the publisher again, then announces the gap.
    private func probe(_ publisher: RedisPublisher) async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled {
            try? await Task.sleep(for: delay)
            let number = sequence.withLock { sequence in
                sequence += 1
                return sequence
            }
            do {
                try await publisher.publish(
                    Self.numbered(JSON.object(["origin": .string(origin)]).serialized(), number), to: endpoint.channel)
            } catch {
                delay = min(delay * 2, .seconds(2))
                continue
            }
            publishing.store(true, ordering: .relaxed)
            logger.notice(
                "Redis is back; publishing gateway events again",
                metadata: ["redis": "\(endpoint)", "dropped": "\(dropped.exchange(0, ordering: .relaxed))"])
            return
        }
    }

    /// What the subscription received: another process's message, unless it is older than one already received
    /// from that process; a gap in that process's numbers first has every socket read its state again.
    private func receive(_ payload: [UInt8]) {
        guard case .object(let envelope)? = try? JSON.parse(payload), let sender = envelope["origin"]?.stringValue,
            sender != origin
        else { return }
        if let number = envelope["seq"]?.intValue.map(Int.init) {
            let previous = received.withLock { received in
                let previous = received[sender]
                if previous.map({ number > $0 }) ?? true { received[sender] = number }
                return previous
            }
            if let previous, number <= previous {
                logger.debug("dropped a gateway event older than one received", metadata: ["origin": "\(sender)"])
                return
            }
            if let previous, number > previous + 1 {
                resync("\(number - previous - 1) gateway events from another process were lost")
            }
        }
        // A message without an event marks only a number: the publisher's return after dropping messages.
        guard let group = envelope["group"]?.stringValue, case .object(let json)? = envelope["event"] else { return }
        guard let event = GatewayEvent(json: json) else {
            logger.debug("ignored a gateway event of no known kind", metadata: ["type": "\(json["type"] ?? .null)"])
            return
        }
        groups.deliver(ChannelMessage(group: group, event: event))
    }

    /// Every socket of this process reads its state again.
    private func resync(_ reason: String) {
        let sockets = groups.count
        logger.notice(
            "gateway events were lost; every socket reads its state again",
            metadata: ["reason": "\(reason)", "sockets": "\(sockets)"])
        guard sockets > 0 else { return }
        groups.deliverToAll(ChannelMessage(group: "", event: .resync))
    }

    private func report(_ status: RedisSubscription.Status) {
        switch status {
        case .subscribed:
            subscribed.store(true, ordering: .relaxed)
            let recovered = lossReported.exchange(false, ordering: .relaxed)
            logger.notice(
                recovered ? "Redis is back; receiving gateway events again" : "listening for gateway events on Redis",
                metadata: ["redis": "\(endpoint)"])
            // Whatever was published while this process was not subscribed is gone: sockets open since then read again.
            if groups.count > 0 { resync("subscribed to Redis again") }
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
