import Hummingbird
import Logging
import NIOCore
import RodCore
import RodServices

/// Guards `bot/`: reads the JSON body once, takes the shared secret from its `"APIKey"` field (or the `APIKey`
/// query parameter, as the original allows), compares it in constant time, and checks the client address
/// against the allowed networks. Every refusal is the original's intended answer, 404 `{"detail":"Not found."}`,
/// whatever the route, and is logged with the client's address.
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
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        var parsed: Result<JSON, JSONParseError>?
        if buffer.readableBytes > 0 {
            parsed = Result { () throws(JSONParseError) -> JSON in try JSON.parse(buffer.readableBytesView) }
        }
        var body = (try? parsed?.get())?.objectValue ?? JSONObject()
        let key = body["APIKey"]?.stringValue ?? request.uri.queryParameters["APIKey"].map(String.init)
        let address = context.remoteAddress?.ipAddress
        guard let key, constantTimeEquals(key.utf8, apiKey), isAllowed(address) else {
            context.logger.notice("Unauthorized bot API access attempt", metadata: ["client": "\(address ?? "unknown")"])
            return Reply.detail("Not found.", status: .notFound)
        }
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
