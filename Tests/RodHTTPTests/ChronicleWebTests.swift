import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RodApp
import RodCore
import RodServices
import RodStore
import RodTestSupport
import Testing

@testable import RodHTTP

/// Chronicles and the profile on the web: what each role sees, pages and filters, the bulk lock, the member's
/// defaults as the bot reads them, on both stores.
@Suite struct ChronicleWebTests {
    static let player: Int64 = 1001
    static let storyteller: Int64 = 1002
    static let admin: Int64 = 1003
    static let stranger: Int64 = 1004
    static let other: Int64 = 1005

    struct Seed {
        let player: Browser
        let storyteller: Browser
        let admin: Browser
        let stranger: Browser
        let other: Browser
        /// The player's sheets (vampire5th, werewolf5th) and the other player's (vampire5th), all in chronicle 900.
        let sheets: [Int64]
        let othersSheet: Int64
    }

    static func seed(_ world: World, _ client: any TestClientProtocol) async throws -> Seed {
        let player = try await Browser.signIn(world, user: Self.player)
        let storyteller = try await Browser.signIn(world, user: Self.storyteller)
        let admin = try await Browser.signIn(world, user: Self.admin)
        let stranger = try await Browser.signIn(world, user: Self.stranger)
        let other = try await Browser.signIn(world, user: Self.other)
        try await world.chronicle(900, player: Self.player, storyteller: Self.storyteller, admin: Self.admin)
        _ = try await world.store.ensureMember(chronicleID: 900, userID: Self.other, now: 0)
        func sheet(_ splat: String, _ name: String, _ browser: Browser) async throws -> Int64 {
            let created = try await client.web(.get, "/api/character/new/\(splat)?name=\(name)", as: browser)
            let id = try #require(created.json["id"]?.intValue)
            #expect(try await client.update(splat, id: id, ["chronicle": "900", "status": 2], as: browser).status == .ok)
            return id
        }
        let sheets = [try await sheet("vampire5th", "Vlad", player), try await sheet("werewolf5th", "Ulf", player)]
        let othersSheet = try await sheet("vampire5th", "Eve", other)
        return Seed(
            player: player, storyteller: storyteller, admin: admin, stranger: stranger, other: other, sheets: sheets,
            othersSheet: othersSheet)
    }

    @Test(arguments: StoreKind.allCases)
    func eachRoleSeesTheChronicleAsReadyShowsIt(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                for staff in [seed.storyteller, seed.admin] {
                    let seen = try await client.web(.get, "/api/chronicle/900", as: staff)
                    #expect(seen.status == .ok)
                    #expect(seen.json["staff"] == true && seen.json["chronicle"]?["name"] == "Camarilla")
                    #expect(Set(seen.json["members"]?.arrayValue?.compactMap { $0["user"]?.stringValue } ?? []).count == 4)
                    let all = try await client.web(.get, "/api/chronicle/900/characters", as: staff).json
                    #expect(
                        all["characters"]?.arrayValue?.map { $0["id"] } == (seed.sheets + [seed.othersSheet]).map { .int($0) })
                }
                let player = try await client.web(.get, "/api/chronicle/900", as: seed.player).json
                #expect(player["staff"] == false && player["members"]?.arrayValue?.map { $0["user"] } == ["1001"])
                let own = try await client.web(.get, "/api/chronicle/900/characters", as: seed.player).json
                #expect(own["characters"]?.arrayValue?.map { $0["id"] } == seed.sheets.map { .int($0) })
                #expect(own["characters"]?.arrayValue?.first?["hunger"] != nil && own["next"] == .null)
                // Strangers and unknown chronicles: the same 404; nobody signed in: 403.
                for path in ["/api/chronicle/900", "/api/chronicle/900/characters", "/api/chronicle/900/member/me/defaults"] {
                    let stranger = try await client.web(.get, path, as: seed.stranger)
                    let unknown = try await client.web(.get, path.replacingOccurrences(of: "900", with: "901"), as: seed.player)
                    #expect(
                        stranger.status == .notFound && unknown.status == .notFound && stranger.text == unknown.text, "\(path)")
                    #expect(try await client.web(.get, path, as: nil).status == .forbidden)
                }
            }
        }
    }

    @Test func charactersArePagedAndFiltered() async throws {
        try await World.with { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                let path = "/api/chronicle/900/characters"
                let first = try await client.web(.get, path + "?limit=2", as: seed.storyteller).json
                #expect(first["characters"]?.arrayValue?.count == 2 && first["next"] == .int(seed.sheets[1]))
                let second = try await client.web(.get, path + "?limit=2&after=\(seed.sheets[1])", as: seed.storyteller).json
                #expect(second["characters"]?.arrayValue?.map { $0["id"] } == [.int(seed.othersSheet)] && second["next"] == .null)
                let wolves = try await client.web(.get, path + "?splat=werewolf5th", as: seed.storyteller).json
                #expect(wolves["characters"]?.arrayValue?.map { $0["id"] } == [.int(seed.sheets[1])])
                #expect(try await client.update("vampire5th", id: seed.othersSheet, ["status": 3], as: seed.other).status == .ok)
                let archived = try await client.web(.get, path + "?status=3", as: seed.storyteller).json
                #expect(archived["characters"]?.arrayValue?.map { $0["id"] } == [.int(seed.othersSheet)])
                for bad in ["?limit=0", "?limit=500", "?splat=dragon", "?status=9", "?after=x"] {
                    #expect(try await client.web(.get, path + bad, as: seed.storyteller).status == .badRequest, "\(bad)")
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func staffLockSeveralSheetsAtOnce(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                func lock(_ ids: [Int64], _ value: Bool, as browser: Browser?) async throws -> TestResponse {
                    let body: JSON = ["ids": .array(ids.map { .int($0) }), "lock": .bool(value)]
                    return try await client.web(
                        .post, "/api/chronicle/900/lock", as: browser, body: body.serialized(),
                        headers: [.contentType: "application/json"])
                }
                // A tracker of the player's, outside the chronicle (the tier allows two sheets).
                let created = try await client.bot(
                    "character/new", ["character": ["name": "Solo", "user": "1001", "splat": "vampire5th"]])
                #expect(created.status == .created)
                let outside = try #require(try await world.character(named: "Solo")?.id)
                // The player's open page follows their sheets: each lock reaches it as a single-sheet lock does.
                let socket = FakeSocket(world.services.gateway, user: try #require(try await world.store.user(id: Self.player)))
                _ = try await socket.identify()
                let done = try await lock(
                    seed.sheets + [seed.othersSheet, outside, 999_999, seed.sheets[0]], true, as: seed.storyteller)
                #expect(done.status == .ok, "\(done.text)")
                #expect(
                    done.json["results"]?.arrayValue?.map { $0["outcome"] }
                        == ["changed", "changed", "changed", "not_found", "not_found"])
                for id in seed.sheets + [seed.othersSheet] {
                    let character = try #require(try await world.store.character(id: id))
                    #expect(character.storytellerLock)
                    let last = try #require(try await world.store.history(characterID: id).last)
                    #expect(last.change.actorID == Self.storyteller && last.change.changes == ["st_lock": [false, true]])
                }
                #expect(try await world.store.character(id: outside)?.storytellerLock == false)
                for id in seed.sheets {
                    let update = try await socket.frames.take(where: {
                        $0["t"] == "UPDATE_CHARACTER" && $0["d"]?["id"] == .int(id) && $0["d"]?["revision"] != nil
                    })
                    #expect(update["d"]?["character"] != nil)
                }
                // Again: nothing to change. The lock holds for the player, and lifts.
                #expect(
                    try await lock([seed.sheets[0]], true, as: seed.admin).json["results"]?.arrayValue?.first?["outcome"]
                        == "unchanged")
                #expect(
                    try await client.update("vampire5th", id: seed.sheets[0], ["strength": 4], as: seed.player).status
                        == .badRequest)
                #expect(
                    try await lock([seed.sheets[0]], false, as: seed.admin).json["results"]?.arrayValue?.first?["outcome"]
                        == "changed")
                // Players, strangers, bad bodies.
                #expect(try await lock(seed.sheets, false, as: seed.player).status == .forbidden)
                #expect(try await lock(seed.sheets, false, as: seed.stranger).status == .notFound)
                #expect(try await lock([], true, as: seed.storyteller).status == .badRequest)
                #expect(try await lock(Array(1...101), true, as: seed.storyteller).status == .badRequest)
                #expect(
                    try await client.web(.post, "/api/chronicle/900/lock", as: seed.storyteller, body: Array("{}".utf8)).status
                        == .badRequest)
            }
        }
    }

    @Test func aMembersDefaultsSetOnTheWebAreWhatTheBotUses() async throws {
        try await World.with { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                let path = "/api/chronicle/900/member/me/defaults"
                func put(_ body: JSON, as browser: Browser) async throws -> TestResponse {
                    try await client.web(
                        .put, path, as: browser, body: body.serialized(), headers: [.contentType: "application/json"])
                }
                #expect(try await client.web(.get, path, as: seed.player).json == ["character": nil, "auto_hunger": false])
                let set = try await put(["character": .int(seed.sheets[1]), "auto_hunger": true], as: seed.player)
                #expect(set.status == .ok && set.json == ["character": .int(seed.sheets[1]), "auto_hunger": true])
                let bot = try await client.bot("chronicle/member/defaults/get", ["user_id": "1001", "guild_id": "900"])
                #expect(bot.json["character"]?["id"] == .int(seed.sheets[1]) && bot.json["auto_hunger"] == true)
                // Only one's own character; null clears.
                #expect(try await put(["character": .int(seed.othersSheet)], as: seed.player).status == .badRequest)
                #expect(try await put(["character": "x"], as: seed.player).status == .badRequest)
                #expect(try await put(["character": nil], as: seed.player).json == ["character": nil, "auto_hunger": false])
                #expect(try await put(["character": .int(seed.sheets[0])], as: seed.stranger).status == .notFound)
            }
        }
    }

    @Test func theProfileShowsTierQuotaMembershipsAndCharacters() async throws {
        try await World.with { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                var user = try #require(try await world.store.user(id: Self.player))
                user.supporter = 3
                try await world.store.save(user)
                // Announced as every service that changes a user does: the session cache drops the user it kept.
                world.services.broadcaster.userChanged(user)
                let first = try await client.web(.get, "/api/user/me", as: seed.player)
                #expect(first.status == .ok)
                let profile = first.json
                #expect(profile["user"]?["id"] == "1001" && profile["supporter"]?["level"] == 3)
                #expect(profile["supporter"]?["sheet_limit"] == 30 && profile["supporter"]?["daily_requests"] == 10000)
                #expect(profile["memberships"]?.arrayValue?.map { $0["chronicle"]?["id"] } == ["900"])
                #expect(
                    profile["characters"] == [
                        "vampire5th": ["sheets": 1, "trackers": 0], "werewolf5th": ["sheets": 1, "trackers": 0],
                    ])
                let remaining = try #require(profile["quota"]?["remaining"]?.intValue)
                let again = try await client.web(.get, "/api/user/me", as: seed.player).json
                #expect(again["quota"]?["remaining"]?.intValue == remaining - 1)
                #expect(try await client.web(.get, "/api/user/me", as: nil).status == .forbidden)

                // What the user owns here: their preferences; Discord's fields are refused.
                func put(_ body: String) async throws -> TestResponse {
                    try await client.web(.put, "/api/user/me", as: seed.player, body: Array(body.utf8))
                }
                let saved = try await put(#"{"preferences": {"theme": "dark", "dice": [10]}}"#)
                #expect(saved.status == .ok && saved.json["preferences"] == ["theme": "dark", "dice": [10]])
                #expect(try await client.web(.get, "/api/user/me", as: seed.player).json["preferences"]?["theme"] == "dark")
                #expect(try await put(#"{"username": "Someone"}"#).status == .badRequest)
                #expect(try await put(#"{"preferences": [1]}"#).status == .badRequest)
                let large = String(repeating: "x", count: 9000)
                #expect(try await put(#"{"preferences": {"note": "\#(large)"}}"#).status == .badRequest)
                #expect(try await world.store.preferences(userID: Self.player) == ["theme": "dark", "dice": [10]])
            }
        }
    }
}
