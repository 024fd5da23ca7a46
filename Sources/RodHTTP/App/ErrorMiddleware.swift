import HTTPTypes
import Hummingbird
import Logging
import NIOHTTP1
import RodServices
import RodStore

/// Renders failures the way the original's clients expect: unknown paths answer 404 `{"detail":"Not found."}`
/// (never an HTML page), a body over a route's limit answers 413, and an unexpected error answers 500 `{"detail": ...}` after being logged with the
/// request id, never a crash or a stack trace; a database out of reach answers 503 with `Retry-After`. Every 5xx is reported to the operators' Discord channel.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let reporter: DiscordReporter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        do {
            let response = try await next(request, context)
            if response.status.code >= 500 { report(request, response.status, nil) }
            return response
        } catch let error as ReplyError {
            if error.reply.status.code >= 500 { report(request, error.reply.status, nil) }
            return error.reply
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return Reply.detail("Not found.", status: .notFound)
            case .methodNotAllowed: return Reply.detail("Method \"\(request.method)\" not allowed.", status: .methodNotAllowed)
            case .contentTooLarge: return Reply.detail("Request body is too large.", status: .contentTooLarge)
            default: return Reply.detail(error.body ?? error.status.reasonPhrase, status: error.status)
            }
        } catch let error as HTTPParserError {
            // The client sent a broken request or went away in the middle of its body: its problem, not the server's.
            context.logger.debug("malformed request", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return Reply.detail("Malformed request.", status: .badRequest)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            // `NIOTooManyBytesError`: a body over the route's limit, found while collecting it.
            return Reply.detail("Request body is too large.", status: .contentTooLarge)
        } catch {
            if let wait = Self.retryAfter(error) {
                // The store's outage is logged once by the engine; each request is only counted and reported.
                report(request, .serviceUnavailable, nil)
                return Reply.unavailable(retryAfter: wait)
            }
            context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            report(request, .internalServerError, error)
            return Reply.detail("A server error occurred.", status: .internalServerError)
        }
    }

    /// The seconds to retry after when `error` says the database cannot be reached now, at whichever layer it was
    /// typed.
    static func retryAfter(_ error: any Error) -> Int? {
        switch error {
        case StoreError.unavailable(let wait): wait
        case CharacterWriteError.unavailable(let wait): wait
        case CommunityError.unavailable(let wait): wait
        default: nil
        }
    }

    /// `500 on POST /bot/character/save: <error>`, without the query (which can carry names) or the request id (so
    /// that the same failure repeated is counted rather than listed).
    func report(_ request: Request, _ status: HTTPResponse.Status, _ error: (any Error)?) {
        let cause = error.map { ": \($0)" } ?? ""
        reporter.report("\(status.code) on \(request.method) \(request.uri.path)\(cause)")
    }
}
