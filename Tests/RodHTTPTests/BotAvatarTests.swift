import Foundation
import HummingbirdTesting
import Logging
import RodCore
import RodServices
import RodStore
import RodTestSupport
import Testing

/// Avatars linked by the bot on `character/new` and `character/save`, fetched from a local image host.
@Suite struct BotAvatarTests {
    static func payload(avatar: JSON, id: Int64? = nil, name: String = "Vlad") -> JSON {
        var character = JSONObject([("name", .string(name)), ("user", "1001"), ("splat", "vampire5th"), ("avatar", avatar)])
        if let id { character["id"] = .int(id) }
        return ["character": .object(character)]
    }

    func files(in world: World) -> [String] {
        let folder = URL(fileURLWithPath: world.configuration.mediaDirectory).appendingPathComponent("char_avatars")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func anAvatarFromTheAllowedHostIsStoredUnderAnUnguessableName() async throws {
        try await ImageHost.run { host in
            try await World.with(avatarHosts: [host.prefix]) { world in
                try await world.test { client in
                    let created = try await client.bot("character/new", Self.payload(avatar: .string(host.url("avatars/ok.png"))))
                    #expect(created.status == .created)
                    let sheet = try await client.bot("character/get", ["user_id": "1001", "name": "Vlad"]).json
                    let faceclaim = try #require(sheet["faceclaim"]?.stringValue)
                    #expect(faceclaim.hasPrefix("/media/char_avatars/") && faceclaim.hasSuffix(".png"))
                    let name = String(faceclaim.dropFirst("/media/char_avatars/".count).dropLast(4))
                    #expect(name.count == 32 && name.allSatisfy(\.isHexDigit))
                    let stored = try Data(
                        contentsOf: URL(fileURLWithPath: world.configuration.mediaDirectory + faceclaim.dropFirst("/media".count))
                    )
                    #expect(Array(stored) == Images.png)
                }
                #expect(host.requestedPaths == ["HEAD /avatars/ok.png", "GET /avatars/ok.png"])
            }
        }
    }

    @Test(arguments: [
        ("avatars/big.png", 413, "Image too large (max 5MB)"),
        ("avatars/stream.png", 413, "Image too large (max 5MB)"),
        ("avatars/page.png", 415, "Invalid image format"),
        ("avatars/missing.png", 406, "Failed to download image"),
        ("avatars/redirect.png", 406, "Failed to download image"),
        ("other/ok.png", 415, "Invalid image format"),
    ])
    func aBadAvatarIsRefusedWithTheOriginalsStatusAndNothingIsStored(path: String, status: Int, message: String) async throws {
        try await ImageHost.run { host in
            try await World.with(avatarHosts: [host.prefix]) { world in
                try await world.test { client in
                    let response = try await client.bot("character/new", Self.payload(avatar: .string(host.url(path))))
                    #expect(response.status.code == status)
                    #expect(response.text == message)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                }
                #expect(try await world.count() == 0)
                #expect(files(in: world).isEmpty)
                if path.hasPrefix("other/") {
                    #expect(host.requestedPaths.isEmpty, "a URL off the allowed prefix is never fetched")
                }
            }
        }
    }

    @Test func hostsAreComparedExactlyAndUnreachableOnesFailAs406() async throws {
        try await ImageHost.run { host in
            try await World.with(avatarHosts: [host.prefix, "http://127.0.0.1:1/avatars/"]) { world in
                try await world.test { client in
                    let otherName = try await client.bot(
                        "character/new", Self.payload(avatar: .string("http://localhost:\(host.port)/avatars/ok.png")))
                    #expect(otherName.status == .unsupportedMediaType)
                    let userInfo = try await client.bot(
                        "character/new",
                        Self.payload(avatar: .string("http://127.0.0.1:\(host.port)@evil.example/avatars/ok.png")))
                    #expect(userInfo.status == .unsupportedMediaType)
                    let notText = try await client.bot("character/new", Self.payload(avatar: 5))
                    #expect(notText.status == .unsupportedMediaType)
                    let closed = try await client.bot("character/new", Self.payload(avatar: "http://127.0.0.1:1/avatars/ok.png"))
                    #expect(closed.status == .notAcceptable)
                }
                #expect(host.requestedPaths.isEmpty)
            }
        }
    }

    @Test func savingANewAvatarReplacesTheOldFileAndTheSitesOwnURLIsKept() async throws {
        try await ImageHost.run { host in
            try await World.with(avatarHosts: [host.prefix]) { world in
                try await world.test { client in
                    let created = try await client.bot("character/new", Self.payload(avatar: .string(host.url("avatars/ok.png"))))
                    #expect(created.status == .created)
                    let first = try #require(try await world.character(named: "Vlad"))
                    #expect(files(in: world).count == 1)

                    let own = "https://realmofdarkness.app/media/\(first.avatar)"
                    let kept = try await client.bot("character/save", Self.payload(avatar: .string(own), id: first.id))
                    #expect(kept.status == .ok)
                    #expect(try await world.character(named: "Vlad")?.avatar == first.avatar)

                    let replaced = try await client.bot(
                        "character/save", Self.payload(avatar: .string(host.url("avatars/new.gif")), id: first.id))
                    #expect(replaced.status == .ok)
                    let second = try #require(try await world.character(named: "Vlad"))
                    #expect(second.avatar.hasSuffix(".gif"))
                    #expect(files(in: world) == [String(second.avatar.dropFirst("char_avatars/".count))])

                    // A save refused after the download leaves no stray file.
                    var refused = Self.payload(avatar: .string(host.url("avatars/ok.png")), id: first.id).objectValue!
                    var character = refused["character"]!.objectValue!
                    character["hunger"] = 9
                    refused["character"] = .object(character)
                    #expect(try await client.bot("character/save", .object(refused)).status == .badRequest)
                    #expect(files(in: world).count == 1)

                    // A deleted character keeps its avatar while it may be restored; it goes when the deletion expires.
                    let deleted = try await client.bot("character/delete", ["ids": [.int(first.id)], "disconnect": false])
                    #expect(deleted.status == .ok)
                    #expect(files(in: world).count == 1)
                    let retention = HistoryRetention(keepDeletedDays: 0)
                    _ = try await retention.prune(
                        world.store, media: world.assembly.media, now: world.clock() + 1, logger: Logger(label: "test"))
                    #expect(files(in: world).isEmpty)
                }
            }
        }
    }
}
