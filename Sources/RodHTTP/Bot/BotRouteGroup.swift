import HTTPTypes
import Hummingbird
import RodCore
import RodServices

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

extension JSONObject {
    /// A Discord id the bot must send, or a 400 `{"error": "<key> is required"}` in the route's style.
    func requiredSnowflake(_ key: String, style: JSON.Style) throws -> Int64 {
        guard let id = Snowflake.parse(self[key]) else { throw ReplyError(Reply.error("\(key) is required", style: style)) }
        return id
    }
}
