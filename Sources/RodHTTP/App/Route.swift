import HTTPTypes
import Hummingbird
import RodCore
import RodSchema

/// Foundation has an `Operation` too; in this target it is always the documented one.
typealias Operation = RodSchema.Operation

/// One HTTP operation, declared once: what it is (RodSchema's `Operation`: method, path, parameters, body, answers and
/// their statuses, security) and the handler that serves it. `HTTPFaces` mounts the declarations on the router, and
/// the catalog (OpenAPI, the docs page, TypeScript) renders the same values (`HTTPFaces.operations`), so the routes
/// and their documentation cannot disagree.
///
/// A face (`BotCharacterRoutes`, `WebCharacterRoutes`, ...) lists its declarations in a static `routes`, built without
/// a server; its handlers take the face, which holds the services.
struct Route<Face: Sendable>: Sendable {
    let operation: Operation
    /// A GET that changes something (creating a sheet) asks for the CSRF token as unsafe methods do.
    var csrfOnSafeMethods = false
    let handle: @Sendable (Face, Request, RodRequestContext) async throws -> Response

    init(
        _ operation: Operation, csrfOnSafeMethods: Bool = false,
        handle: @escaping @Sendable (Face, Request, RodRequestContext) async throws -> Response
    ) {
        self.operation = operation
        self.csrfOnSafeMethods = csrfOnSafeMethods
        self.handle = handle
    }
}

/// Mounts declarations where their security puts them: the bot's behind the API key (`bot/`, whose other methods
/// answer 405 as DRF does), the web's behind the session, CSRF and quota (`api/`), the rest on the router itself.
struct RouteMounter {
    let router: Router<RodRequestContext>
    let bot: RouterGroup<RodRequestContext>
    let api: RouterGroup<RodRequestContext>

    func mount<Face>(_ routes: [Route<Face>], of face: Face) {
        for route in routes {
            let operation = route.operation
            let method = HTTPRequest.Method(operation.method)!
            let handle: @Sendable (Request, RodRequestContext) async throws -> Response = { request, context in
                try await route.handle(face, request, context)
            }
            switch operation.security {
            case .apiKey:
                let path = Self.routerPath(operation.path, under: "/bot/")
                bot.on(path, method: method, use: handle)
                for other in [HTTPRequest.Method.get, .put, .patch, .delete] where other != method {
                    bot.on(path, method: other) { request, _ in
                        Reply.detail("Method \"\(request.method)\" not allowed.", status: .methodNotAllowed)
                    }
                }
            case .session:
                let path = Self.routerPath(operation.path, under: "/api/")
                if route.csrfOnSafeMethods {
                    api.group().add(middleware: CSRFMiddleware(guardsSafeMethods: true)).on(path, method: method, use: handle)
                } else {
                    api.on(path, method: method, use: handle)
                }
            case .none, .patreonSignature, .metricsToken:
                router.on(Self.routerPath(operation.path, under: "/"), method: method, use: handle)
            }
        }
    }

    /// `/api/character/update/vampire5th/{id}` under `/api/` → `character/update/vampire5th/:id`.
    static func routerPath(_ path: String, under prefix: String) -> RouterPath {
        precondition(path.hasPrefix(prefix), "\(path) is not under \(prefix)")
        let parts = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }
        return RouterPath(parts.joined(separator: "/"))
    }
}

/// Answers every web route documents alike.
enum WebResponses {
    static let throttled = Operation.Response(
        429, "Over the daily request quota of the user's tier.", .json(Common.ref("Detail")),
        headers: [("Retry-After", "Seconds until a request is allowed.")])
    static let tooLarge = Operation.Response(413, "The body is larger than 1 MiB.", .json(Common.ref("Detail")))
}
