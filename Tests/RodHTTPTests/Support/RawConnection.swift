import NIOCore
import NIOPosix
import RodTestSupport

/// A plain TCP connection to a live server, for requests no HTTP client would send: heads that never end, heads too
/// large, paths a client library would normalize. Bytes received are kept until the server closes.
final class RawConnection: Sendable {
    private let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    private let received = Inbox<[UInt8]>()
    private let closed = Inbox<Bool>()
    private let reader: Task<Void, Never>

    init(port: Int) async throws {
        channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let (channel, received, closed) = (channel, received, closed)
        reader = Task {
            do {
                for try await buffer in channel.inbound { received.append(Array(buffer.readableBytesView)) }
            } catch {}
            closed.append(true)
        }
    }

    /// Sends bytes, as far as the server reads them: a server that answers and closes before the end is what some
    /// tests expect, so a write to a closed connection is not an error here.
    func send(_ text: String) async {
        await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async {
        try? await channel.outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Everything received until the server closed the connection; throws when it stays open past `timeout`.
    func untilClosed(timeout: Duration = Wait.budget) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while closed.pending.isEmpty {
            guard ContinuousClock.now < deadline else { throw SupportError("the server kept the connection open") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return String(decoding: received.pending.joined(), as: UTF8.self)
    }

    /// The bytes received so far.
    var text: String { String(decoding: received.pending.joined(), as: UTF8.self) }

    /// The server closed the connection.
    var isClosed: Bool { !closed.pending.isEmpty }

    /// Waits until what was received holds `text` `count` times; throws past `timeout`, or at once when the server
    /// closed the connection without sending them.
    func until(_ count: Int, of text: String, timeout: Duration = Wait.budget) async throws {
        let deadline = ContinuousClock.now + timeout
        while self.text.components(separatedBy: text).count - 1 < count {
            let closed = isClosed
            guard !closed, ContinuousClock.now < deadline else {
                // Bytes may have arrived just before the close was seen.
                if self.text.components(separatedBy: text).count - 1 >= count { return }
                throw SupportError("\(count) × \(text) not received\(closed ? " (closed)" : ""): \(self.text)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func close() async {
        try? await channel.channel.close()
        _ = await reader.value
    }
}
