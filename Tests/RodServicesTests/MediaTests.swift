import AsyncHTTPClient
import Foundation
import Testing

@testable import RodServices

@Suite struct MediaTests {
    @Test func storesFilesUnderUniqueNamesAndRemovesThem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rod-media-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let media = MediaStore(root: root)
        let first = try media.store([1, 2, 3], folder: "char_avatars", fileExtension: "png")
        let second = try media.store([1, 2, 3], folder: "char_avatars", fileExtension: "png")
        #expect(first != second)
        #expect(first.hasPrefix("char_avatars/") && first.hasSuffix(".png"))
        #expect(try Data(contentsOf: root.appendingPathComponent(first)) == Data([1, 2, 3]))
        media.remove(first)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(first).path))
        media.remove(first)  // already gone: not an error
    }

    @Test(arguments: ["../etc/passwd", "/etc/passwd", "char_avatars/../../x", "a//b", "", "./a"])
    func refusesPathsOutsideTheMediaFolder(path: String) {
        #expect(MediaStore(root: URL(fileURLWithPath: "/tmp/media")).url(of: path) == nil)
    }

    @Test(arguments: [
        ("https://cdn.discordapp.com/avatars/1/a.png", true),
        ("https://CDN.discordapp.com/attachments/1/a.png", true),
        ("http://cdn.discordapp.com/avatars/1/a.png", false),
        ("https://media.discordapp.net/avatars/1/a.png", false),
        ("https://cdn.discordapp.com.evil.example/a.png", false),
        ("https://cdn.discordapp.com@evil.example/a.png", false),
        ("https://cdn.discordapp.com:8443/a.png", false),
        ("not a url", false),
    ])
    func onlyAllowedHostsAreFetched(url: String, allowed: Bool) async throws {
        let client = AvatarFetcher.makeClient()
        let fetcher = AvatarFetcher(allowedPrefixes: ["https://cdn.discordapp.com/"], client: client)
        #expect(fetcher.isAllowed(url) == allowed)
        try await client.shutdown()
    }
}
