import HTTPTypes
import Hummingbird

/// Serves uploaded media (avatars) under `/media/`, each response marked so that a browser never runs a file as a page,
/// even opened directly (`Content-Security-Policy: default-src 'none'; sandbox`); every answer also carries `nosniff`
/// (`NoSniffMiddleware`).
struct MediaMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext
    let files: FileMiddleware<RodRequestContext, LocalFileSystem>

    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!

    init(folder: String) {
        files = FileMiddleware(folder, urlBasePath: "/media")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        guard request.uri.path.hasPrefix("/media/") else { return try await next(request, context) }
        var response = try await files.handle(request, context: context, next: next)
        response.headers[Self.contentSecurityPolicy] = "default-src 'none'; sandbox"
        return response
    }
}
