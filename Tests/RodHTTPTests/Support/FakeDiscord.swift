import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RodCore
import Synchronization

/// A local stand-in for Discord's OAuth2 token endpoint, user API and channel messages, on a real socket.
struct FakeDiscord: Sendable {
    let port: Int
    let log: RequestLog
    let channel: ChannelLog

    var apiURL: String { "http://127.0.0.1:\(port)/api" }
    var requests: [String] { log.entries.withLock { $0 } }
    /// The messages posted to channels, in order.
    var messages: [ChannelLog.Message] { channel.state.withLock { $0.messages } }

    static let botToken = "bot-token"

    /// What bots posted to channels.
    final class ChannelLog: Sendable {
        struct Message: Sendable {
            let channel: String
            let authorization: String?
            let body: JSON
            var content: String { body["content"]?.stringValue ?? "" }
        }
        struct State {
            var messages: [Message] = []
            /// Posts answered 429 (Discord's rate limit) before one is taken, asking for `retryAfter` seconds.
            var rateLimited = 0
            var retryAfter = 0.2
            /// When each post arrived, taken or refused.
            var arrivals: [ContinuousClock.Instant] = []
        }
        let state = Mutex(State())

        /// Answers the next `count` posts with 429, asking to wait `retryAfter` seconds.
        func rateLimit(next count: Int, retryAfter: Double = 0.2) {
            state.withLock {
                $0.rateLimited = count
                $0.retryAfter = retryAfter
            }
        }
    }

    /// Waits until at least `count` messages arrived.
    func waitForMessages(_ count: Int, timeout: Duration = .seconds(30)) async throws -> [ChannelLog.Message] {
        let deadline = ContinuousClock.now + timeout
        while messages.count < count {
            guard ContinuousClock.now < deadline else {
                throw RodProcessError(
                    "\(messages.count) of \(count) Discord messages within \(timeout): \(messages.map(\.content))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return messages
    }

    static let appID = "rod-app"
    static let appSecret = "rod-secret"

    /// Guilds Discord lists for the user: 900 with ADMINISTRATOR (as a string, as newer API versions send it),
    /// 901 without, and 555, which is no chronicle.
    static let guilds =
        #"[{"id":"900","name":"Camarilla","permissions":"2147483656"},{"id":"901","name":"Anarchs","permissions":0},{"id":"555","name":"Elsewhere","permissions":"8"}]"#

    static func run(_ body: @escaping @Sendable (FakeDiscord) async throws -> Void) async throws {
        let log = RequestLog()
        let router = Router()
        router.add(middleware: ImageHost.Recorder(log: log))
        router.post("api/oauth2/token") { request, context -> Response in
            let form = String(buffer: try await request.body.collect(upTo: 4096))
            let fields = Dictionary(
                form.split(separator: "&").map { pair -> (String, String) in
                    let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }, uniquingKeysWith: { $1 })
            guard fields["client_id"] == appID, fields["client_secret"] == appSecret,
                fields["grant_type"] == "authorization_code",
                fields["code"] == "good", fields["redirect_uri"] == "http://localhost:8080/auth/login/success/"
            else {
                return Response(
                    status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"invalid_grant"}"#)))
            }
            return Response(
                status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"access_token":"tok","token_type":"Bearer"}"#)))
        }
        router.get("api/users/@me") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer tok" else { return Response(status: .unauthorized) }
            let user =
                #"{"id":"1001","username":"mirai","discriminator":"0","avatar":"abc123","email":"mirai@example.com","verified":true}"#
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: user)))
        }
        router.get("api/users/@me/guilds") { request, _ -> Response in
            guard request.headers[.authorization] == "Bearer tok" else { return Response(status: .unauthorized) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: guilds)))
        }
        let channel = ChannelLog()
        router.post("api/v10/channels/:channel/messages") { request, context -> Response in
            let body = try JSON.parse(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let limited = channel.state.withLock { state -> Double? in
                state.arrivals.append(.now)
                guard state.rateLimited > 0 else { return nil }
                state.rateLimited -= 1
                return state.retryAfter
            }
            if let retryAfter = limited {
                return Response(
                    status: .tooManyRequests,
                    body: ResponseBody(
                        byteBuffer: ByteBuffer(
                            string: #"{"message":"You are being rate limited.","retry_after":\#(retryAfter),"global":false}"#)))
            }
            let message = ChannelLog.Message(
                channel: context.parameters.get("channel") ?? "", authorization: request.headers[.authorization], body: body)
            channel.state.withLock { $0.messages.append(message) }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"id":"1"}"#)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(FakeDiscord(port: client.port!, log: log, channel: channel))
        }
    }
}
