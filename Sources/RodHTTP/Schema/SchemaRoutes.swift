import HTTPTypes
import Hummingbird
import RodSchema

/// The generated documents (`RodSchema.SchemaExport`), public and cacheable: `/api/schema/` lists them,
/// `/api/schema/<name>` and `/api/openapi.json` serve them with ETags, `/api/docs/` is the page to read.
struct SchemaRoutes {
    let export: SchemaExport

    func register(on router: Router<RodRequestContext>) {
        router.get("api/schema") { [export] _, _ in Reply.json(export.index) }
        router.get("api/schema/:name") { [export] request, context in
            guard let name = context.parameters.get("name"), let document = export.document(named: name),
                document.path.hasPrefix("/api/schema/")
            else { return Reply.detail("Not found.", status: .notFound) }
            return Self.serve(document, request)
        }
        router.get("api/openapi.json") { [export] request, _ in
            Self.serve(export.document(named: "openapi.json"), request)
        }
        router.get("api/docs") { [export] request, _ in
            Self.serve(export.document(named: "docs.html"), request)
        }
    }

    /// The document, or 304 when the client's `If-None-Match` names its ETag.
    static func serve(_ document: SchemaExport.Document?, _ request: Request) -> Response {
        guard let document else { return Reply.detail("Not found.", status: .notFound) }
        var headers: HTTPFields = [.eTag: document.etag, .cacheControl: "no-cache"]
        let tags = request.headers[values: .ifNoneMatch].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if tags.contains(document.etag) || tags.contains("*") {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = document.mediaType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: document.bytes)))
    }
}
