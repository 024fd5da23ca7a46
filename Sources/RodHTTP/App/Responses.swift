import HTTPTypes
import Hummingbird
import NIOCore
import RodCore

/// The three kinds of response the original produces, byte for byte where clients could notice.
enum Reply {
    /// No body and no Content-Type (DRF's `Response(status=N)`).
    static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status)
    }

    /// A JSON body: compact for DRF views, Python's separators for plain Django views.
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok, style: JSON.Style = .compact) -> Response {
        // A 304 carries no body on the wire.
        if status == .notModified { return empty(status) }
        return json(bytes: value.serialized(style), status: status)
    }

    /// JSON rendered before (kept per revision, `RenderingCache`).
    static func json(bytes: some Collection<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return Response(
            status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }

    /// A plain text body, typed as Django's `HttpResponse` types it.
    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A plain Django view's JSON (`JsonResponse`): Python's separators and ASCII escapes.
    static func plain(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        json(value, status: status, style: .python)
    }

    /// A plain Django view's empty answer (`HttpResponse(status=N)`), typed as Django types it.
    static func plainEmpty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"])
    }

    /// DRF's error body: `{"detail": "..."}`.
    static func detail(_ message: String, status: HTTPResponse.Status) -> Response {
        json(["detail": .string(message)], status: status)
    }

    /// 429 `{"detail": "<message> Expected available in <wait> seconds."}` with `Retry-After`, as DRF's throttles.
    static func throttled(_ message: String = "Request was throttled.", wait: Int) -> Response {
        var response = detail("\(message) Expected available in \(wait) seconds.", status: .tooManyRequests)
        response.headers[.retryAfter] = String(wait)
        return response
    }

    /// 503 `{"detail": "The database is unavailable; try again in <wait> seconds."}` with `Retry-After`: the store could
    /// not be reached within its wait, and nothing of the request was applied.
    static func unavailable(retryAfter wait: Int) -> Response {
        var response = detail("The database is unavailable; try again in \(wait) seconds.", status: .serviceUnavailable)
        response.headers[.retryAfter] = String(wait)
        return response
    }

    /// `{"error": "..."}`, which the original's bot views use for missing keys.
    static func error(_ message: String, status: HTTPResponse.Status = .badRequest, style: JSON.Style = .compact) -> Response {
        json(["error": .string(message)], status: status, style: style)
    }
}

/// An error that is already a response in the original's format.
struct ReplyError: Error, HTTPResponseError {
    let reply: Response

    init(_ reply: Response) { self.reply = reply }

    var status: HTTPResponse.Status { reply.status }

    func response(from request: Request, context: some RequestContext) throws -> Response { reply }
}

extension HTTPResponse.Status {
    /// 418, which the original's chronicle views answer for an unknown chronicle (and the bot reads).
    static let teapot = HTTPResponse.Status(code: 418, reasonPhrase: "I'm a teapot")
}
