import Hummingbird
import Logging
import NIOCore
import RodCore
import RodServices

/// Guards `bot/`: checks the client address against the allowed networks, reads the JSON body once (at most
/// `maxUploadSize` bytes: 413 beyond), takes the shared secret from its `"APIKey"` field (or the `APIKey` query
/// parameter, as the original allows), and compares it in constant time. Every refusal is the original's intended
/// answer, 404 `{"detail":"Not found."}`, whatever the route, and is logged with the client's address.
struct BotAuthMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext

    let apiKey: [UInt8]
    let allowedNetworks: [IPNetwork]

    init(apiKey: String, allowedNetworks: [IPNetwork]) {
        self.apiKey = Array(apiKey.utf8)
        self.allowedNetworks = allowedNetworks
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        let address = context.remoteAddress?.ipAddress
        func refuse() -> Response {
            context.logger.notice("Unauthorized bot API access attempt", metadata: ["client": "\(address ?? "unknown")"])
            return Reply.detail("Not found.", status: .notFound)
        }
        // The address and the declared size are known before the body is read: a caller from outside the allowed
        // networks, or one announcing a body over the limit, is answered without reading it.
        guard isAllowed(address) else { return refuse() }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            return Reply.detail("Request body is too large.", status: .contentTooLarge)
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var parsed: Result<JSON, JSONParseError>?
        if buffer.readableBytes > 0 {
            parsed = Result { () throws(JSONParseError) -> JSON in try JSON.parse(buffer.readableBytesView) }
        }
        var body = (try? parsed?.get())?.objectValue ?? JSONObject()
        let key = body["APIKey"]?.stringValue ?? request.formQuery["APIKey"]
        guard let key, constantTimeEquals(key.utf8, apiKey) else { return refuse() }
        switch parsed {
        case .failure(let error)?:
            return Reply.detail("JSON parse error - \(error)", status: .badRequest)
        case .success(let value)? where value.objectValue == nil:
            return Reply.detail("Expected a JSON object, got a \(value.typeName).", status: .badRequest)
        default:
            break
        }
        body["APIKey"] = nil
        var context = context
        context.botBody = body
        return try await next(request, context)
    }

    /// Requests that did not come over a socket (in-process tests) have no address and are local.
    func isAllowed(_ address: String?) -> Bool {
        guard let address else { return true }
        return allowedNetworks.contains { $0.contains(address) }
    }

}
