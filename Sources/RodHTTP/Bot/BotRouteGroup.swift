import HTTPTypes
import Hummingbird
import RodCore
import RodServices
import RodStore

extension RouterGroup where Context == RodRequestContext {
    /// Registers a bot route: POST runs the handler; the other methods answer 405 as DRF does.
    func botPost(_ path: String, use handler: @escaping @Sendable (Request, Context) async throws -> Response) {
        post(RouterPath(path), use: handler)
        for method in [HTTPRequest.Method.get, .put, .patch, .delete] {
            on(RouterPath(path), method: method) { request, _ in
                Reply.detail("Method \"\(request.method)\" not allowed.", status: .methodNotAllowed)
            }
        }
    }
}

/// The bot routes splat modules add (`Registry.botRoutes`), mounted as the core's are.
struct BotModuleRoutes {
    let registry: Registry
    let store: any Store

    func register(on bot: RouterGroup<RodRequestContext>) {
        for route in registry.botRoutes {
            let (registry, store) = (registry, store)
            bot.botPost(route.path) { _, context in
                let reply: BotRouteReply
                do {
                    reply = try await route.handle(BotRouteRequest(body: context.botBody, characters: store, registry: registry))
                } catch let early as BotRouteReply {
                    reply = early
                }
                let status = HTTPResponse.Status(code: reply.status)
                return reply.body.map { Reply.json($0, status: status) } ?? Reply.empty(status)
            }
        }
    }
}

extension JSONObject {
    /// A Discord id the bot must send, or a 400 `{"error": "<key> is required"}` in the route's style.
    func requiredSnowflake(_ key: String, style: JSON.Style) throws -> Int64 {
        guard let id = Snowflake.parse(self[key]) else { throw ReplyError(Reply.error("\(key) is required", style: style)) }
        return id
    }
}
