import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import RodApp
import RodCore
import RodTestSupport

/// A real WebSocket client of the gateway, connecting as the frontend does: with an `Origin` and, when signed in, the
/// session cookie. Frames received are kept in `frames`.
final class GatewayClient: Sendable {
    let frames = Inbox<JSON>()
    private let outgoing: AsyncStream<Outgoing>.Continuation

    /// What the test sends: text, or a raw frame no well-behaved client would send.
    enum Outgoing: Sendable {
        case text(String)
        case frame(WebSocketFrame)
    }
    private let task: Task<WebSocketCloseFrame?, any Error>

    init(
        port: Int, host: String = "localhost", path: String = "/gateway/web/", cookie: String? = nil,
        origin: String? = "http://localhost:3000"
    ) {
        var headers = HTTPFields()
        if let origin { headers[.origin] = origin }
        if let cookie { headers[.cookie] = cookie }
        let (stream, outgoing) = AsyncStream.makeStream(of: Outgoing.self)
        self.outgoing = outgoing
        let frames = frames
        var logger = Logger(label: "gateway-client")
        logger.logLevel = .critical
        task = Task {
            try await WebSocketClient.connect(
                url: "ws://\(host):\(port)\(path)",
                configuration: .init(maxFrameSize: 1 << 24, additionalHeaders: headers), logger: logger
            ) { inbound, outbound, _ in
                // Until either side ends: the server closes, or the test closes the client.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 24) {
                            if case .text(let text) = message { frames.append(try JSON.parse(text)) }
                        }
                    }
                    group.addTask {
                        for await item in stream {
                            switch item {
                            case .text(let text): try await outbound.write(.text(text))
                            case .frame(let frame): try await outbound.write(.custom(frame))
                            }
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
    }

    func send(_ frame: JSON) { outgoing.yield(.text(frame.serializedString())) }
    func send(text: String) { outgoing.yield(.text(text)) }
    func send(frame: WebSocketFrame) { outgoing.yield(.frame(frame)) }

    /// Waits for the welcome, identifies, and returns READY's `d`.
    func identify() async throws -> JSON {
        _ = try await frames.next()
        send(["op": 3, "d": nil, "t": nil])
        return try await frames.next("READY")["d"] ?? nil
    }

    func fieldUpdate(_ d: JSON) async throws -> JSON {
        send(["op": 1, "t": "field_update", "d": d])
        return try await frames.take(where: { ["FIELD_UPDATED", "FIELD_ERROR"].contains($0["t"]?.stringValue ?? "") })
    }

    /// Closes from the client's side (if still open) and returns the server's close frame, or throws why the
    /// connection failed (a refused upgrade).
    func close() async throws -> WebSocketCloseFrame? {
        outgoing.finish()
        return try await task.value
    }

    /// Waits for the server to close the socket and returns its close frame.
    func closedByServer() async throws -> WebSocketCloseFrame? {
        try await task.value
    }
}
