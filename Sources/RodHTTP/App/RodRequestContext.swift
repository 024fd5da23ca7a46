import Hummingbird
import HummingbirdWebSocket
import NIOCore
import RodCore
import RodStore

/// The context of every request: Hummingbird's core, the client's address, and the JSON body of a bot request
/// once the bot middleware has read and authenticated it. It can also carry a WebSocket upgrade (the gateway).
public struct RodRequestContext: RequestContext, RemoteAddressRequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket = WebSocketHandlerReference<RodRequestContext>()
    public let remoteAddress: SocketAddress?
    /// The top-level object of a bot request's JSON body (without `APIKey`).
    public var botBody = JSONObject()
    /// The signed-in user of a web request, once `SessionMiddleware` has found a live session.
    public var user: User?
    public var session: Session?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bot and API bodies are small JSON documents; avatars are downloaded, not uploaded, on these routes.
    public var maxUploadSize: Int { 1024 * 1024 }
}
