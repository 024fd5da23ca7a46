import Dispatch
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Prometheus
import RodChannels
import RodCore
import RodGateway
import RodSchema
import RodServices
import RodStore
import Synchronization

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
public struct ObservabilityRoutes: Sendable {
    let store: any StoreLifecycle
    let channels: any ChannelLayer
    let gateway: Gateway
    /// Nil when metrics are off (`/metrics` answers 404).
    let metrics: PrometheusCollectorRegistry?
    let metricsToken: String?

    /// Liveness: the process answers. Nothing else is checked, so a database outage does not restart it.
    func health() -> Response { Reply.json(["status": "ok"]) }

    func ready() async -> Response {
        let (ready, body) = await Self.readiness(store: store, channels: channels)
        return Reply.json(.object(body), status: ready ? .ok : .serviceUnavailable)
    }

    /// Readiness: 200 when the store answers within two seconds and gateway events reach every process; 503
    /// naming what does not.
    static func readiness(
        store: any StoreLifecycle, channels: any ChannelLayer, limit: Duration = .seconds(2)
    ) async -> (ready: Bool, body: JSONObject) {
        let storeCheck = await storeProblem(store, within: limit).map { "unavailable: \($0)" } ?? "ok"
        let channelsCheck = channels.problem.map { "unavailable: \($0)" } ?? "ok"
        let ready = storeCheck == "ok" && channelsCheck == "ok"
        let body: JSONObject = [
            "status": .string(ready ? "ready" : "unavailable"), "store": .string(storeCheck),
            "channels": .string(channelsCheck),
        ]
        return (ready, body)
    }

    /// Nil when the store answers a ping within `limit`, else why not (readiness, and the availability watch).
    public static func storeProblem(_ store: any StoreLifecycle, within limit: Duration) async -> String? {
        do {
            try await within(limit) { try await store.ping() }
            return nil
        } catch {
            return "\(error)"
        }
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

    /// Runs `body`, or throws once `limit` has passed. On a timeout `body` is left to finish on its own (a pool waiting
    /// for a database that does not answer does not stop at cancellation), so the answer never waits past `limit`.
    static func within(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let once = ResumeOnce(continuation)
            let work = Task {
                do {
                    try await body()
                    once.resume(with: .success(()))
                } catch {
                    once.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                once.resume(with: .failure(TimeoutError(limit: limit)))
                work.cancel()
            }
        }
    }

    /// A continuation that the first of several racers resumes.
    final class ResumeOnce: Sendable {
        private let waiting: Mutex<CheckedContinuation<Void, any Error>?>

        init(_ continuation: CheckedContinuation<Void, any Error>) { waiting = Mutex(continuation) }

        func resume(with result: Result<Void, any Error>) {
            waiting.withLock { continuation in
                continuation?.resume(with: result)
                continuation = nil
            }
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

extension ObservabilityRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static var routes: [Route<Self>] {
        typealias R = Operation.Response
        let check: JSON = ["type": "string", "description": "`ok`, or `unavailable: <why>`."]
        let readiness = Common.object([
            "status": ["enum": ["ready", "unavailable"]], "store": check, "channels": check,
        ])
        return [
            Route(
                Operation(
                    "GET", "/health", id: "health", tag: "server", summary: "Liveness.", security: .none,
                    responses: [R(200, "The server runs.", .json(Common.object(["status": ["const": "ok"]])))])
            ) { face, _, _ in face.health() },
            Route(
                Operation(
                    "GET", "/ready", id: "ready", tag: "server",
                    summary:
                        "Readiness: the store answers within 2 s and gateway events reach every process (Redis, when configured).",
                    security: .none,
                    responses: [
                        R(200, "Ready.", .json(readiness)),
                        R(503, "Not ready; `store` or `channels` says why.", .json(readiness)),
                    ])
            ) { face, _, _ in await face.ready() },
            Route(
                Operation(
                    "GET", "/metrics", id: "metrics", tag: "server",
                    summary: "Prometheus metrics: requests, gateway connections, store latency.", security: .metricsToken,
                    responses: [
                        R(200, "Prometheus's text format.", .text),
                        R(401, "No or a wrong bearer token.", .empty),
                        R(404, "Metrics are off: no `ROD_METRICS_TOKEN` is configured.", .json(Common.ref("Detail"))),
                    ])
            ) { face, request, _ in try await face.scrape(request) },
        ]
    }
}
