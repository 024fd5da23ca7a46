import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Listens on the deployment's channel from a dedicated thread (hiredis blocks), for as long as it runs: connects,
/// subscribes, hands each message to `receive`, and when Redis goes away, reconnects with backoff (0.1 s doubling
/// to 5 s) and subscribes again. A Redis that stops answering without closing the connection (a frozen process) is
/// found by pinging: after `pingInterval` without a word from Redis the subscription sends PING, and after
/// `stallLimit` it counts the connection as lost.
final class RedisSubscription: Sendable {
    enum Status: Sendable {
        case subscribed
        case lost(RedisFailure)
    }

    /// Silence after which the subscription pings Redis.
    static let pingInterval = Duration.seconds(1)
    /// Silence after which the connection counts as lost.
    static let stallLimit = Duration.seconds(3)

    private let endpoint: RedisEndpoint
    private let receive: @Sendable ([UInt8]) -> Void
    private let report: @Sendable (Status) -> Void
    private let stopped = Atomic<Bool>(false)
    private let finished = Mutex<CheckedContinuation<Void, Never>?>(nil)

    init(
        endpoint: RedisEndpoint, receive: @escaping @Sendable ([UInt8]) -> Void,
        report: @escaping @Sendable (Status) -> Void
    ) {
        self.endpoint = endpoint
        self.receive = receive
        self.report = report
    }

    /// Runs on its own thread until `stop()`, then returns.
    func run() async {
        await withCheckedContinuation { continuation in
            finished.withLock { $0 = continuation }
            let thread = Thread { [self] in
                listen()
                finished.withLock { $0?.resume() }
            }
            thread.name = "redis-subscription"
            thread.start()
        }
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    private var isStopped: Bool { stopped.load(ordering: .relaxed) }

    private func listen() {
        var delay = 0.1
        while !isStopped {
            do {
                let connection = try HiredisConnection(endpoint)
                try connection.append([Array("SUBSCRIBE".utf8), Array(endpoint.channel.utf8)])
                try connection.flush()
                try read(from: connection) { delay = 0.1 }
            } catch {
                if isStopped { return }
                report(.lost(error))
                // Sleep in small steps so that a stop is not kept waiting.
                let until = Date().addingTimeInterval(delay)
                while !isStopped, Date() < until { usleep(50_000) }
                delay = min(delay * 2, 5)
            }
        }
    }

    /// Reads replies until stopped; throws when the connection fails or Redis has been silent for `stallLimit`.
    private func read(from connection: HiredisConnection, onSubscribed: () -> Void) throws(RedisFailure) {
        var descriptor = pollfd(fd: connection.fileDescriptor, events: Int16(POLLIN), revents: 0)
        var lastHeard = ContinuousClock.now
        var pinged = false
        while !isStopped {
            while let reply = try connection.nextReply() {
                lastHeard = .now
                pinged = false
                // A PING's answer (`pong`) has two parts and is skipped here.
                guard case .array(let parts) = reply, parts.count == 3 else { continue }
                switch (parts[0].text, parts[2]) {
                case ("message", .bulk(let payload)):
                    receive(payload)
                case ("subscribe", _):
                    onSubscribed()
                    report(.subscribed)
                default:
                    break
                }
            }
            let silence = ContinuousClock.now - lastHeard
            if silence >= Self.stallLimit {
                throw RedisFailure(message: "Redis has not answered for \(Self.stallLimit) (frozen or unreachable)")
            }
            if silence >= Self.pingInterval, !pinged {
                try connection.append([Array("PING".utf8)])
                try connection.flush()
                pinged = true
            }
            descriptor.revents = 0
            let ready = poll(&descriptor, 1, 250)
            if ready < 0, errno != EINTR { throw RedisFailure(message: "poll failed: errno \(errno)") }
            if ready > 0 { try connection.readAvailable() }
        }
    }
}
