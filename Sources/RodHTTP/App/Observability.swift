import Dispatch
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Prometheus
import RodChannels
import RodCore
import RodGateway
import RodServices
import RodStore

/// Gives every request an id and logs one line when it is answered.
///
/// The id is the client's `X-Request-Id` when it sends a usable one (a proxy's, so one id follows a request
/// through both logs), otherwise Hummingbird's. It is put in the request's logger (`hb.request.id`, so every
/// entry logged while serving the request carries it) and echoed in the response's `X-Request-Id`. The line, at
/// `info`: method, path (without the query, which can carry names), status and duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = RodRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        var context = context
        if let given = request.headers[Self.header], Self.isUsable(given) {
            context.logger[metadataKey: "hb.request.id"] = .string(given)
        }
        let id = context.id
        let start = DispatchTime.now().uptimeNanoseconds
        var response = try await next(request, context)
        response.headers[Self.header] = id
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
        return response
    }

    /// Up to 128 printable ASCII characters: never a way to forge log lines.
    static func isUsable(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { (33...126).contains($0) }
    }
}

/// `/health`, `/ready` and `/metrics`.
struct ObservabilityRoutes {
    let store: any Store
    let channels: any ChannelLayer
    let gateway: Gateway
    /// Nil when metrics are off (`/metrics` answers 404).
    let metrics: PrometheusCollectorRegistry?
    let metricsToken: String?

    func register(on router: Router<RodRequestContext>) {
        // Liveness: the process answers. Nothing else is checked, so a database outage does not restart it.
        router.get("health") { _, _ in Reply.json(["status": "ok"]) }
        router.get("ready") { _, _ in await ready() }
        router.get("metrics") { request, _ in try await scrape(request) }
    }

    /// Readiness: 200 when the store answers within two seconds and gateway events reach every process; 503
    /// naming what does not.
    func ready() async -> Response {
        let store: String
        do {
            try await Self.within(.seconds(2)) { try await self.store.ping() }
            store = "ok"
        } catch {
            store = "unavailable: \(error)"
        }
        let channels = self.channels.problem.map { "unavailable: \($0)" } ?? "ok"
        let ready = store == "ok" && channels == "ok"
        let body: JSONObject = [
            "status": .string(ready ? "ready" : "unavailable"), "store": .string(store), "channels": .string(channels),
        ]
        return Reply.json(.object(body), status: ready ? .ok : .serviceUnavailable)
    }

    /// Prometheus's text format, for a bearer of the metrics token only.
    func scrape(_ request: Request) async throws -> Response {
        guard let metrics, let metricsToken else { throw HTTPError(.notFound) }
        let expected = Array("Bearer \(metricsToken)".utf8)
        guard let given = request.headers[.authorization], constantTimeEquals(given.utf8, expected) else {
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"])
        }
        metrics.makeGauge(name: "rod_gateway_connections", help: "Open gateway sockets in this process.")
            .set(Double(gateway.connectionCount))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        metrics.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    /// Runs `body`, or throws once `limit` has passed.
    static func within(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw TimeoutError(limit: limit)
            }
            try await group.next()
            group.cancelAll()
        }
    }

    struct TimeoutError: Error, CustomStringConvertible {
        let limit: Duration
        var description: String { "no answer within \(limit)" }
    }
}

/// The metrics backend `rod serve` installs: Prometheus, with swift-metrics' dotted names (Hummingbird's
/// `http.server.requests`) turned into Prometheus names (`http_server_requests`).
public enum RodMetrics {
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitize(name), labels.map { (sanitize($0.0), $0.1) })
        }
        return factory
    }

    static func sanitize(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
    }
}
