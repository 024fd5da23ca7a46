import HTTPTypes
import Hummingbird
import Logging

/// Renders failures the way the original's clients expect: unknown paths answer 404 `{"detail":"Not found."}`
/// (never an HTML page), and an unexpected error answers 500 `{"detail": ...}` after being logged with the
/// request id, never a crash or a stack trace.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as ReplyError {
            return error.reply
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return Reply.detail("Not found.", status: .notFound)
            case .methodNotAllowed: return Reply.detail("Method \"\(request.method)\" not allowed.", status: .methodNotAllowed)
            case .contentTooLarge: return Reply.detail("Request body is too large.", status: .contentTooLarge)
            default: return Reply.detail(error.body ?? error.status.reasonPhrase, status: error.status)
            }
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return Reply.detail("A server error occurred.", status: .internalServerError)
        }
    }
}
