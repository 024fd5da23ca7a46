import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// Small real images, as a CDN would serve them.
enum Images {
    /// A 1×1 PNG.
    static let png = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
    /// A 1×1 GIF.
    static let gif = Array(Data(base64Encoded: "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")!)
    /// More than 5 MiB that starts like a PNG.
    static let huge = png + [UInt8](repeating: 0, count: 5 * 1024 * 1024)
}

/// A local stand-in for Discord's CDN, on a real socket, recording every request it receives.
struct ImageHost: Sendable {
    let port: Int
    let log: RequestLog

    /// The URL of a path on this host.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// The prefix to allow in `avatarHosts`.
    var prefix: String { "http://127.0.0.1:\(port)/avatars/" }

    var requestedPaths: [String] { log.entries.withLock { $0 } }

    static func run(_ body: @escaping @Sendable (ImageHost) async throws -> Void) async throws {
        let log = RequestLog()
        let router = Router()
        router.add(middleware: Recorder(log: log))
        func serve(_ path: String, _ bytes: [UInt8], type: String) {
            router.get(RouterPath(path)) { _, _ in
                Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        serve("avatars/ok.png", Images.png, type: "image/png")
        serve("avatars/new.gif", Images.gif, type: "image/gif")
        serve("avatars/page.png", Array("<html>not found</html>".utf8), type: "text/html")
        serve("avatars/big.png", Images.huge, type: "image/png")
        serve("other/ok.png", Images.png, type: "image/png")
        // Announces its size only by streaming it, so the limit is enforced while reading.
        router.get("avatars/stream.png") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/png"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: Images.png))
                    for _ in 0..<6 { try await writer.write(ByteBuffer(repeating: 0, count: 1024 * 1024)) }
                    try await writer.finish(nil)
                })
        }
        router.get("avatars/redirect.png") { _, _ in
            Response(status: .found, headers: [.location: "/avatars/ok.png"])
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(ImageHost(port: client.port!, log: log))
        }
    }

    struct Recorder: RouterMiddleware {
        typealias Context = BasicRequestContext
        let log: RequestLog

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
            -> Response
        {
            log.entries.withLock { $0.append("\(request.method) \(request.uri.path)") }
            return try await next(request, context)
        }
    }
}

/// The requests a host received, in order.
final class RequestLog: Sendable {
    let entries = Mutex<[String]>([])
}
