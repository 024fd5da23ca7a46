import HTTPTypes
import Hummingbird
import RodCore
import RodSchema

/// The generated documents (`RodSchema.SchemaExport`), public and cacheable: `/api/schema/` lists them,
/// `/api/schema/<name>` and `/api/openapi.json` serve them with ETags, `/api/docs/` is the page to read.
struct SchemaRoutes {
    let export: SchemaExport

    func index() -> Response { Reply.json(export.index) }

    func document(_ request: Request, _ context: RodRequestContext) -> Response {
        guard let name = context.parameters.get("name"), let document = export.document(named: name),
            document.path.hasPrefix("/api/schema/")
        else { return Reply.detail("Not found.", status: .notFound) }
        return Self.serve(document, request)
    }

    func openAPI(_ request: Request) -> Response { Self.serve(export.document(named: "openapi.json"), request) }

    func docs(_ request: Request) -> Response { Self.serve(export.document(named: "docs.html"), request) }

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

extension SchemaRoutes {
    /// The routes, each declared once: `HTTPFaces` mounts them and the catalog documents them.
    static var routes: [Route<Self>] {
        typealias R = Operation.Response
        let etag = [("ETag", "A hash of the document; send it as `If-None-Match` to get 304 while it is unchanged.")]
        let notModified = R(304, "Unchanged since the `If-None-Match` ETag.")
        let ifNoneMatch = Operation.Parameter(
            "If-None-Match", in: .header, schema: ["type": "string"], "An ETag received earlier.")
        return [
            Route(
                Operation(
                    "GET", "/api/schema/", id: "schema_index", tag: "schema", summary: "What the schema routes serve.",
                    security: .none,
                    responses: [
                        R(
                            200, "Each document's name, media type and path.",
                            .json(
                                Common.object([
                                    "documents": Common.array(
                                        Common.object(["name": Common.string, "media_type": Common.string, "path": Common.string])
                                    )
                                ])))
                    ])
            ) { face, _, _ in face.index() },
            Route(
                Operation(
                    "GET", "/api/schema/{name}", id: "schema_document", tag: "schema",
                    summary: "One document: `<splat>.json`, `gateway.json`, `common.json` or `rod.d.ts`.", security: .none,
                    parameters: [.init("name", in: .path, schema: ["type": "string"], "The document's file name."), ifNoneMatch],
                    responses: [
                        R(200, "The document.", .json(Common.any), headers: etag), notModified,
                        R(404, "No such document.", .json(Common.ref("Detail"))),
                    ])
            ) { $0.document($1, $2) },
            Route(
                Operation(
                    "GET", "/api/openapi.json", id: "openapi", tag: "schema", summary: "This document.", security: .none,
                    parameters: [ifNoneMatch],
                    responses: [R(200, "The OpenAPI document.", .json(Common.any), headers: etag), notModified])
            ) { face, request, _ in face.openAPI(request) },
            Route(
                Operation(
                    "GET", "/api/docs/", id: "docs", tag: "schema", summary: "This document as a page to read.", security: .none,
                    responses: [R(200, "HTML.", .html)])
            ) { face, request, _ in face.docs(request) },
        ]
    }
}
