import Foundation
import HTTPTypes
import HummingbirdTesting
import RodCore
import RodTestSupport
import Testing

@Suite struct FrontendTests {
    static let index = "<!doctype html><title>Realm of Darkness</title><div id=root></div>"

    /// A world whose settings point at a built frontend with `index.html` and `static/js/main.js`.
    static func withFrontend(_ body: @escaping @Sendable (World) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-frontend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("static/js"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try index.write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "console.log('rod')".write(to: folder.appendingPathComponent("static/js/main.js"), atomically: true, encoding: .utf8)
        try await World.with(configure: { $0.media.frontendDirectory = folder.path }, body)
    }

    @Test func theFrontendsFilesAndItsRoutesAreServed() async throws {
        try await Self.withFrontend { world in
            try await world.test { client in
                for path in ["/", "/characters/", "/character/12/sheet/"] {
                    let page = try await client.execute(uri: path, method: .get)
                    #expect(page.status == .ok && page.text == Self.index, "\(path)")
                    #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                }
                let script = try await client.execute(uri: "/static/js/main.js", method: .get)
                #expect(script.status == .ok && script.text == "console.log('rod')")
                #expect(script.headers[.contentType]?.contains("javascript") == true)
                let redirect = try await client.execute(uri: "/character/12?tab=notes", method: .get)
                #expect(redirect.status == .movedPermanently && redirect.headers[.location] == "/character/12/?tab=notes")
            }
        }
    }

    @Test(arguments: [
        "/api/nope", "/api/character/nope/", "/bot/nope/", "/auth/nope", "/patreon/webhook/", "/media/nope.png", "/api",
    ])
    func apiAndServicePathsNeverGetThePage(path: String) async throws {
        try await Self.withFrontend { world in
            try await world.test { client in
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound)
                #expect(response.json == ["detail": "Not found."])
            }
        }
    }

    @Test func otherMethodsAndAMissingFrontendAnswer404JSON() async throws {
        try await Self.withFrontend { world in
            try await world.test { client in
                let post = try await client.execute(uri: "/characters/", method: .post)
                #expect(post.status == .notFound)
            }
        }
        let missingFrontend: @Sendable (World) async throws -> Void = { world in
            try await world.test { client in
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.status == .notFound && response.json == ["detail": "Not found."])
            }
        }
        try await World.with(configure: { $0.media.frontendDirectory = "/nonexistent/frontend" }, missingFrontend)
    }

    @Test func mediaFilesAreServedFromTheMediaFolderOnly() async throws {
        try await World.with { world in
            let stored = try world.media.store(Images.png, folder: "char_avatars", fileExtension: "png")
            try "secret".write(toFile: world.configuration.dataDirectory + "/outside.txt", atomically: true, encoding: .utf8)
            try await world.test { client in
                let image = try await client.execute(uri: "/media/" + stored, method: .get)
                #expect(image.status == .ok)
                #expect(Array(image.body.readableBytesView) == Images.png)
                #expect(image.headers[.contentType] == "image/png")
                #expect(image.headers[.eTag] != nil)
                let escape = try await client.execute(uri: "/media/../outside.txt", method: .get)
                #expect(escape.status != .ok)
                #expect(try await client.execute(uri: "/media/char_avatars/missing.png", method: .get).status == .notFound)
            }
        }
    }
}
