import Foundation
import HTTPTypes
import Hummingbird

/// Serves the built web frontend at `/` when no route answers: its files as they are, and `index.html` for the
/// page's own routes, as the original did: any GET path ending in `/` gets `index.html`, and a GET path without
/// the slash is redirected (301) to it, unless the redirect could leave the site (`//host`, `/\host`): those are
/// 404. Paths under `/api/`, `/bot/`, `/auth/`, `/patreon/`, `/media/` and the
/// gateway's (`/gateway/`, `/ws/`) are never the page's: unknown ones stay 404 JSON.
struct FrontendMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext

    let folder: String
    let files: FileMiddleware<RodRequestContext, LocalFileSystem>

    static let excluded = ["/api", "/bot", "/auth", "/patreon", "/media", "/gateway", "/ws"]

    init(folder: String) {
        self.folder = folder
        self.files = FileMiddleware(folder, searchForIndexHtml: false)
    }

    /// A path a redirect may name without leaving the site: one leading `/`, then visible ASCII other than `\`
    /// (browsers read `\` as `/`, and drop tabs and line breaks, so `/\host` and `//host` both name another host).
    static func isLocalPath(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count < 2 || bytes[1] != UInt8(ascii: "/") else { return false }
        return bytes.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }
    }

    static func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        let path = request.uri.path
        guard !Self.isExcluded(path) else { return try await next(request, context) }
        do {
            return try await files.handle(request, context: context, next: next)
        } catch let error as HTTPResponseError where error.status == .notFound {
            guard request.method == .get || request.method == .head,
                let index = FileManager.default.contents(atPath: folder + "/index.html")
            else { throw error }
            guard path.hasSuffix("/") else {
                // `//evil.example` or `/\evil.example` would send the browser to another site.
                guard Self.isLocalPath(path) else { throw error }
                let query = request.uri.query.map { "?" + $0 } ?? ""
                return Response(status: .movedPermanently, headers: [.location: path + "/" + query])
            }
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: index)))
        }
    }
}
