import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore

/// Limits on HTTP connections that clients control: how long a request head may take, how large it may be, and how
/// long a kept-alive connection may idle.
public struct HTTPLimits: Sendable {
    /// From a connection's opening, the time its first request head has to arrive complete; past it the connection is
    /// answered 408 and closed (slow clients holding sockets open, a header at a time).
    public var headTimeout: Duration = .seconds(10)
    /// A connection with no request in progress for this long is closed; this also bounds later heads of a kept-alive
    /// connection. Above the usual 60 s of load balancers, which close their idle connections first.
    public var idleTimeout: Duration = .seconds(75)
    /// The largest request head (request line and headers): 32 KiB, as nginx's default buffers. Larger ones are
    /// answered 414 (the request line alone is too long) or 431, and the connection is closed.
    public var maxHeadBytes = 32 * 1024

    public init() {}
}

/// Every connection's server-side pipeline, with `RequestHeadGuard` in front of the HTTP parser: Hummingbird's own
/// channel handles the rest.
struct GuardedHTTPChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let limits: HTTPLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(RequestHeadGuard(limits: limits), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Reads the raw bytes of a connection until its first request head is complete, then leaves the pipeline. Until then
/// it answers, and closes, a head that takes longer than `headTimeout` (408) or grows over `maxHeadBytes` (414 or 431).
/// Hummingbird's parser would otherwise wait for such a head for ever, and answer nothing when it overflows before
/// the WebSocket upgrade has been decided. Later heads of the connection are bounded by the parser's limits (the same
/// size: answered 400 by Hummingbird) and the idle timeout.
final class RequestHeadGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let limits: HTTPLimits
    private var bytesSeen = 0
    private var requestLineEnded = false
    /// The last bytes seen, to find the blank line that ends the head across reads.
    private var last: (UInt8, UInt8, UInt8) = (0, 0, 0)
    private var timer: Scheduled<Void>?
    private var done = false

    init(limits: HTTPLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        // The connection ended before a whole head (a refusal, or a client that connected and left): tell the handlers
        // waiting for the head that the input is over, so that they end as for a half-closed connection, not as for a
        // failure (Hummingbird logs an error for that).
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        let buffer = unwrapInboundIn(data)
        for byte in buffer.readableBytesView {
            bytesSeen += 1
            if byte == UInt8(ascii: "\n") {
                requestLineEnded = true
                // "\r\n\r\n", or the bare "\n\n" the parser also accepts.
                if last.2 == UInt8(ascii: "\n") || (last.2 == UInt8(ascii: "\r") && last.1 == UInt8(ascii: "\n")) {
                    headComplete(context, data)
                    return
                }
            }
            last = (last.1, last.2, byte)
            if bytesSeen > limits.maxHeadBytes {
                refuse(
                    context, status: requestLineEnded ? .requestHeaderFieldsTooLarge : .uriTooLong,
                    "The request head is larger than \(limits.maxHeadBytes) bytes.")
                return
            }
        }
        context.fireChannelRead(data)
    }

    private func headComplete(_ context: ChannelHandlerContext, _ data: NIOAny) {
        done = true
        timer?.cancel()
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func startTimer(_ context: ChannelHandlerContext) {
        guard timer == nil, !done else { return }
        let timeout = limits.headTimeout.components
        let nanoseconds = timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) {
            guard !self.done else { return }
            self.refuse(context, status: .requestTimeout, "The request head did not arrive in time.")
        }
    }

    /// Writes a complete response straight to the socket, in the original's error format, and closes once what the
    /// client was still sending has been read and dropped for `lingering`: closing at once with unread bytes would reset
    /// the connection, and the client could lose the answer.
    private func refuse(_ context: ChannelHandlerContext, status: HTTPResponse.Status, _ message: String) {
        done = true
        timer?.cancel()
        let body = "{\"detail\":\"\(message)\"}"
        let head =
            "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nContent-Type: application/json\r\n"
            + "X-Content-Type-Options: nosniff\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: head + body)), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in
            context.eventLoop.assumeIsolated().scheduleTask(in: Self.lingering) { context.close(promise: nil) }
        }
    }

    static let lingering: TimeAmount = .seconds(1)
}
