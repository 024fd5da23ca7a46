import HTTPTypes
import Hummingbird

/// Serves uploaded media (avatars) under `/media/`, each response marked so that a browser never treats a file as
/// anything but what its type says (`X-Content-Type-Options: nosniff`) and never runs it as a page, even opened
/// directly (`Content-Security-Policy: default-src 'none'; sandbox`).
struct MediaMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext
    let files: FileMiddleware<RodRequestContext, LocalFileSystem>

    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!

    init(folder: String) {
        files = FileMiddleware(folder, urlBasePath: "/media")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        guard request.uri.path.hasPrefix("/media/") else { return try await next(request, context) }
        var response = try await files.handle(request, context: context, next: next)
        response.headers[Self.contentTypeOptions] = "nosniff"
        response.headers[Self.contentSecurityPolicy] = "default-src 'none'; sandbox"
        return response
    }
}
