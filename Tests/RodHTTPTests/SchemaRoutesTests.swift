import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RodApp
import RodCore
import RodHTTP
import RodSchema
import RodTestSupport
import Testing

@Suite struct SchemaRoutesTests {
    /// `GET /api/character/update/vampire5th/:id` → `GET /api/character/update/vampire5th/{id}`.
    static func openAPIPath(_ path: String) -> String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// Trailing slashes do not distinguish routes (the router ignores them).
    static func key(_ method: String, _ path: String) -> String {
        method + " " + (path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path)
    }

    @Test func everyMountedRouteIsDocumentedAndEveryDocumentedRouteIsMounted() async throws {
        try await World.with { world in
            let router = world.router
            let mounted = Set(router.routes.map { Self.key($0.method.rawValue, Self.openAPIPath($0.path.description)) })
            let documented = Set(HTTPFaces.operations(world.registry).map { Self.key($0.method, $0.path) })
            #expect(documented.subtracting(mounted).sorted() == [], "documented but not mounted")
            // The rest are the bot routes' refusals of other methods, documented in each bot operation's description.
            let undocumented = mounted.subtracting(documented).sorted()
            let refusals = undocumented.filter { route in
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                return parts[1].hasPrefix("/bot/") && parts[0] != "POST" && documented.contains("POST " + parts[1])
            }
            #expect(undocumented == refusals, "mounted but not documented")
            #expect(refusals.count == 4 * documented.filter { $0.hasPrefix("POST /bot/") }.count)
            try await world.test { client in
                for route in refusals {
                    let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                    try await client.execute(
                        uri: parts[1], method: HTTPRequest.Method(parts[0])!, headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: #"{"APIKey":"dev-api-key"}"#)
                    ) { response in
                        #expect(response.status == .methodNotAllowed, "\(route)")
                    }
                }
            }
        }
    }

    @Test func documentsAreServedWithETagsWithoutALogin() async throws {
        try await World.with { world in
            try await world.test { client in
                let index = try await client.execute(uri: "/api/schema/", method: .get)
                #expect(index.status == .ok)
                let documents = try JSON.parse(Array(buffer: index.body))["documents"]?.arrayValue ?? []
                #expect(
                    documents.contains([
                        "name": "vampire5th.json", "media_type": "application/schema+json", "path": "/api/schema/vampire5th.json",
                    ]))

                let schema = try await client.execute(uri: "/api/schema/vampire5th.json", method: .get)
                #expect(schema.status == .ok)
                #expect(schema.headers[.contentType] == "application/schema+json")
                let etag = try #require(schema.headers[.eTag])
                #expect(try JSON.parse(Array(buffer: schema.body))["$ref"] == "#/$defs/Vampire5thSheet")
                let again = try await client.execute(
                    uri: "/api/schema/vampire5th.json", method: .get, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified)
                #expect(again.body.readableBytes == 0)

                let openAPI = try await client.execute(uri: "/api/openapi.json", method: .get)
                #expect(openAPI.status == .ok)
                #expect(try JSON.parse(Array(buffer: openAPI.body))["openapi"] == "3.1.0")
                #expect(openAPI.headers[.eTag] != nil)

                let types = try await client.execute(uri: "/api/schema/rod.d.ts", method: .get)
                #expect(String(buffer: types.body).contains("export type Vampire5thSheet = {"))

                let page = try await client.execute(uri: "/api/docs/", method: .get)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: page.body).contains("/bot/character/save"))

                #expect(try await client.execute(uri: "/api/schema/nothing.json", method: .get).status == .notFound)
                #expect(try await client.execute(uri: "/api/schema/openapi.json", method: .get).status == .notFound)
            }
        }
    }
}
