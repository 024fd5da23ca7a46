import HTTPTypes
import Hummingbird

/// Marks every answer `X-Content-Type-Options: nosniff`, so that no browser reads a body as anything but the type it
/// is sent with (an error's JSON, a file under `/media/`, the frontend). Outermost, so that the answers the error
/// middleware makes carry it too; `RequestHeadGuard` writes it on the answers it makes itself.
struct NoSniffMiddleware<Context: RequestContext>: RouterMiddleware {
    static var name: HTTPField.Name { HTTPField.Name("X-Content-Type-Options")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[Self.name] = "nosniff"
        return response
    }
}
