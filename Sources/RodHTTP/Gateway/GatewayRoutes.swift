import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import RodCore
import RodGateway
import RodSchema
import RodServices
import Synchronization

/// The WebSocket gateway at `/gateway/web/` (the frontend's path) and `/ws/gateway/`: the socket's `Origin` must
/// name an allowed host, the `sessionid` cookie (if any) says who the user is, and `RodGateway` runs the protocol.
///
/// The original matched any path containing `gateway/web`; only these two paths are served here.
struct GatewayRoutes {
    static var paths: [String] { routes.map { String($0.operation.path.dropFirst()) } }

    let gateway: Gateway
    let allowedHosts: [String]
    let addresses: ClientAddresses

    /// The upgrade routes, on the router the server consults for WebSocket upgrades.
    func register(upgradesOn router: Router<RodRequestContext>) {
        for path in Self.paths {
            router.ws(RouterPath(path)) { [allowedHosts] request, _ in
                Self.originAllowed(request.headers[values: .origin], allowedHosts: allowedHosts) ? .upgrade([:]) : .dontUpgrade
            } onUpgrade: { [gateway, addresses] inbound, outbound, context in
                let messages = TextMessages(inbound.messages(maxSize: gateway.limits.maxMessageBytes))
                let peer = GatewayPeer(
                    user: context.requestContext.user, session: context.requestContext.session,
                    address: addresses.address(of: context.request, peer: context.requestContext.remoteAddress))
                let close = await gateway.serve(peer, inbound: messages) { write in
                    // A message in parts goes out as WebSocket fragments: a text frame, then continuations.
                    let frame = WebSocketFrame(
                        fin: write.ends, opcode: write.opens ? .text : .continuation, data: ByteBuffer(bytes: write.bytes))
                    try await outbound.write(.custom(frame))
                }
                // The gateway's own reasons close with 1008 (its reader, cancelled then, may have failed); otherwise a
                // message over the size limit or not UTF-8 ends the socket with the library's close code (1009, 1007).
                if let close {
                    try await outbound.close(.policyViolation, reason: close.reason)
                } else if let failure = messages.failure {
                    throw failure
                }
            }
        }
    }

    /// The gateway's paths over plain HTTP, reached when no upgrade happened: 403 for a refused `Origin` (as the
    /// original's handshake), otherwise 426.
    func fallback(_ request: Request) -> Response {
        guard Self.originAllowed(request.headers[values: .origin], allowedHosts: allowedHosts) else {
            return Reply.detail("The Origin of this WebSocket is not an allowed host.", status: .forbidden)
        }
        var response = Reply.detail("This is the WebSocket gateway; connect with a WebSocket.", status: .upgradeRequired)
        response.headers[.upgrade] = "websocket"
        return response
    }

    /// Django's `AllowedHostsOriginValidator`: the Origin's host (without its port) must match an allowed host, where
    /// `.example.com` also matches its subdomains and `*` matches any. A missing Origin is refused; so is a request
    /// with several Origin headers unless every one of them is allowed.
    static func originAllowed(_ origins: [String], allowedHosts: [String]) -> Bool {
        !origins.isEmpty && origins.allSatisfy { originAllowed($0, allowedHosts: allowedHosts) }
    }

    static func originAllowed(_ origin: String, allowedHosts: [String]) -> Bool {
        guard let host = host(ofOrigin: origin) else { return false }
        return allowedHosts.contains { allowed in
            let allowed = allowed.lowercased()
            if allowed == "*" || allowed == host { return true }
            return allowed.hasPrefix(".") && (host == allowed.dropFirst() || host.hasSuffix(allowed))
        }
    }

    /// `http://localhost:3000` → `localhost`; `https://[::1]:8443` → `[::1]`.
    static func host(ofOrigin origin: String) -> String? {
        guard let scheme = origin.range(of: "://") else { return nil }
        var authority = origin[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
        } else {
            host = authority.prefix { $0 != ":" }
        }
        return host.isEmpty ? nil : host.lowercased()
    }
}

/// The socket's text messages (binary ones are skipped), remembering why the stream failed.
final class TextMessages: AsyncSequence, Sendable {
    typealias Element = String
    private let messages: WebSocketInboundMessageStream
    private let failed = Mutex<(any Error)?>(nil)

    init(_ messages: WebSocketInboundMessageStream) {
        self.messages = messages
    }

    var failure: (any Error)? { failed.withLock { $0 } }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: WebSocketInboundMessageStream.AsyncIterator
        let owner: TextMessages

        mutating func next() async throws -> String? {
            do {
                while let message = try await base.next() {
                    if case .text(let text) = message { return text }
                }
                return nil
            } catch {
                owner.failed.withLock { $0 = error }
                throw error
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: messages.makeAsyncIterator(), owner: self)
    }
}

extension GatewayRoutes {
    /// The gateway's paths over plain HTTP, each declared once: `HTTPFaces` mounts them and the catalog documents
    /// them.
    static var routes: [Route<Self>] {
        typealias R = Operation.Response
        let gateway = [
            R(403, "The `Origin` is not an allowed host.", .json(Common.ref("Detail"))),
            R(426, "A plain request: connect with a WebSocket.", .json(Common.ref("Detail"))),
        ]
        return [
            Route(
                Operation(
                    "GET", "/gateway/web", id: "gateway", tag: "server",
                    summary:
                        "The WebSocket gateway (the frontend's path). Its messages are `Gateway` in `/api/schema/gateway.json`.",
                    security: .none, responses: gateway)
            ) { face, request, _ in face.fallback(request) },
            Route(
                Operation(
                    "GET", "/ws/gateway", id: "gateway_ws", tag: "server", summary: "The WebSocket gateway, at its second path.",
                    security: .none, responses: gateway)
            ) { face, request, _ in face.fallback(request) },
        ]
    }
}
