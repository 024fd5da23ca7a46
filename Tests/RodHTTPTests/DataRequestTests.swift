import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RodApp
import RodCore
import RodGateway
import RodServices
import RodStore
import RodTestSupport
import Testing

@testable import RodHTTP

/// A user's data request on the web: the export holds what the store holds about them; the erasure leaves nothing
/// of theirs, closes their sockets, touches nobody else's data, and can be run again. Both stores.
@Suite struct DataRequestTests {
    static let player: Int64 = 1001
    static let storyteller: Int64 = 1002
    static let admin: Int64 = 1003

    /// The player: two sheets in chronicle 900 (one changed, one deleted), a tracker, a command counted, a Patreon
    /// event, and chronicle 901 of their own; the storyteller has a sheet of their own.
    static func seed(_ world: World, _ client: any TestClientProtocol) async throws -> (player: Browser, storyteller: Browser) {
        let player = try await Browser.signIn(world, user: Self.player)
        let storyteller = try await Browser.signIn(world, user: Self.storyteller)
        _ = try await world.store.ensureUser(id: Self.admin, now: 0)
        try await world.chronicle(900, player: Self.player, storyteller: Self.storyteller, admin: Self.admin)
        try await world.store.save(Chronicle(id: 901, name: "Mine", ownerID: Self.player, createdAt: 0))
        for (name, browser) in [("Vlad", player), ("Gone", player), ("Sam", storyteller)] {
            let id = try #require(
                try await client.web(.get, "/api/character/new/vampire5th?name=\(name)", as: browser).json["id"]?.intValue)
            #expect(try await client.update("vampire5th", id: id, ["chronicle": "900", "hunger": 2], as: browser).status == .ok)
        }
        // Both of the player's sheets have an avatar (the deleted one keeps its file while it may be restored).
        for name in ["Vlad", "Gone"] {
            let sheet = try #require(try await world.character(named: name))
            #expect(try await client.web(.put, "/api/character/avatar/\(sheet.id)", as: player, body: Images.png).status == .ok)
        }
        let gone = try #require(try await world.character(named: "Gone"))
        #expect(try await client.web(.delete, "/api/character/delete?id=\(gone.id)", as: player).status == .ok)
        #expect(
            try await client.bot("character/new", ["character": ["name": "Tracker", "user": "1001", "splat": "werewolf5th"]])
                .status == .created)
        try await world.store.save(Bot(id: 500, username: "Bot"))
        _ = try await world.store.recordCommand(userID: Self.player, botID: 500, command: "/roll", at: 5)

        try await world.store.record(
            PatreonEvent(
                event: "members:pledge:create", discordID: Self.player, tier: "1", level: 1, outcome: "applied", payload: "{}",
                receivedAt: 6))
        #expect(
            try await client.web(.put, "/api/user/me", as: player, body: Array(#"{"preferences": {"theme": "dark"}}"#.utf8))
                .status == .ok)
        return (player, storyteller)
    }

    @Test(arguments: StoreKind.allCases)
    func theExportHoldsWhatTheStoreHolds(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let (player, _) = try await Self.seed(world, client)
                let response = try await client.web(.get, "/api/user/me/export", as: player)
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
                let export = response.json
                #expect(export["user"]?["id"] == "1001")
                let characters = export["characters"]?.arrayValue ?? []
                let stored = try await world.store.characters(CharacterQuery(userID: Self.player))
                #expect(characters.map { $0["id"] } == stored.map { .int($0.id) })
                for (exported, character) in zip(characters, stored) {
                    #expect(exported["sheet"]?["name"] == .string(character.name))
                    let history = try await world.store.history(characterID: character.id)
                    #expect(exported["history"]?.arrayValue?.map { $0["revision"] } == history.map { .int($0.revision) })
                }
                #expect(export["deleted_characters"]?.arrayValue?.first?["name"] == "Gone")
                #expect((export["deleted_characters"]?.arrayValue?.first?["history"]?.arrayValue?.count ?? 0) == 4)
                #expect(export["memberships"]?.arrayValue?.map { $0["chronicle"]?["id"] } == ["900"])
                #expect(export["sessions"]?.arrayValue?.count == 1)
                #expect(export["sessions"]?.arrayValue?.first?["token_hash"] == nil)
                #expect(export["command_stats"]?.arrayValue?.first?["command"] == "/roll")
                #expect(export["patreon_events"]?.arrayValue?.count == 1)
                #expect(export["owned_chronicles"]?.arrayValue?.map { $0["name"] } == ["Mine"])
            }
        }
    }

    /// An export reads everything of the user's: two a minute, then 429 until the next minute.
    @Test func exportsAreLimitedPerMinute() async throws {
        let clock = TestClock(1_800_000_000)
        try await World.with(clock: clock) { world in
            try await world.test { client in
                let player = try await Browser.signIn(world, user: Self.player)
                for _ in 0..<2 { #expect(try await client.web(.get, "/api/user/me/export", as: player).status == .ok) }
                let third = try await client.web(.get, "/api/user/me/export", as: player)
                #expect(third.status == .tooManyRequests && third.headers[.retryAfter] == "60")
                clock.advance(by: 60)
                #expect(try await client.web(.get, "/api/user/me/export", as: player).status == .ok)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anErasureLeavesNothingOfTheUserAndClosesTheirSockets(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let (player, storyteller) = try await Self.seed(world, client)
                let ids = try await world.store.characters(CharacterQuery(userID: Self.player)).map(\.id)
                let gone = try #require(try await world.store.deletedCharacters(userID: Self.player).first?.id)
                let sam = try #require(try await world.character(named: "Sam", user: Self.storyteller))
                #expect(
                    try await client.web(.put, "/api/character/avatar/\(sam.id)", as: storyteller, body: Images.png).status == .ok
                )
                let theirs = try #require(try await world.character(named: "Sam", user: Self.storyteller))
                // A change the player made to the storyteller's sheet (as a player of their chronicle might through the bot).
                var changed = theirs
                changed.values["hunger"] = 4
                _ = try await world.store.update(
                    changed,
                    change: CharacterChange(
                        operation: .update, face: .bot, actorID: Self.player, changes: theirs.changes(to: changed), at: 7))
                let theirHistory = try await world.store.history(characterID: theirs.id)
                let avatars = try await world.store.characters(CharacterQuery(userID: Self.player)).map(\.avatar).filter {
                    !$0.isEmpty
                }
                let deletedAvatar = try #require(try await world.store.deletedCharacter(id: gone)?.avatar)
                #expect(avatars.count == 1 && !deletedAvatar.isEmpty)
                for avatar in avatars + [deletedAvatar] {
                    #expect(try await client.web(.get, "/media/\(avatar)", as: nil).status == .ok)
                }
                // An open socket of the player's session.
                let user = try #require(try await world.store.user(id: Self.player))
                let token = String(player.cookie.split(separator: ";")[0].dropFirst("sessionid=".count))
                let session = try #require(try await world.services.sessions.authenticate(token: token)?.session)
                let socket = FakeSocket(world.services.gateway, user: user, session: session)
                _ = try await socket.identify()

                // Where the database holds the player's id, table by table as its schema lists them. Every table holds
                // some of it but those that hold no user's data; a new table is in neither until this test says which.
                // The day's request counts are written every few seconds: now, for the check.
                try await world.services.quotas.counts?.flush()
                let holding = try await world.store.cellsHolding(Self.player)
                let noUserData: Set<String> = [
                    "bots", "chronicle_bots", "storyteller_roles", "oauth_states",
                    // A channel's initiative order is the chronicle's, as the bot sent it.
                    "initiative_trackers",
                ]
                let tables = Set(try await world.store.rowCounts().keys)
                let holdingTables = Set(holding.keys.map { String($0.split(separator: ".")[0]) })
                #expect(tables.subtracting(noUserData).subtracting(holdingTables).sorted() == [], "\(holding)")

                let unconfirmed = try await client.web(
                    .delete, "/api/user/me", as: player, body: Array(#"{"confirm": "yes"}"#.utf8))
                #expect(unconfirmed.status == .badRequest)
                let erased = try await client.web(
                    .delete, "/api/user/me", as: player, body: Array(#"{"confirm": "erase my data"}"#.utf8))
                #expect(erased.status == .ok, "\(erased.text)")
                #expect(erased.json["removed"]?["characters"] == 2 && erased.json["removed"]?["user"] == 1)
                #expect(erased.json["removed"]?["deleted_characters"] == 1 && erased.json["removed"]?["members"] == 1)
                #expect(erased.headers[values: .setCookie].contains { $0.hasPrefix("sessionid=;") })
                #expect(try await socket.ended.take() == .signedOut)

                // No cell of any table holds their id any more, nor once the day's counts are written again (the erasure
                // request itself was counted; the erasure forgot it).
                #expect(try await world.services.quotas.counts?.flush() == 0)
                #expect(try await world.store.cellsHolding(Self.player) == [:])
                // Nothing of theirs is left, on disk either; the storyteller's avatar stays.
                #expect(erased.json["removed"]?["avatar_files"] == 2)
                for avatar in avatars + [deletedAvatar] {
                    #expect(try await client.web(.get, "/media/\(avatar)", as: nil).status == .notFound)
                }
                let theirAvatar = try #require(try await world.store.character(id: theirs.id)?.avatar)
                #expect(try await client.web(.get, "/media/\(theirAvatar)", as: nil).status == .ok)
                #expect(try await world.store.user(id: Self.player) == nil)
                #expect(try await world.store.characters(CharacterQuery(userID: Self.player)).isEmpty)
                for id in ids + [gone] { #expect(try await world.store.history(characterID: id).isEmpty) }
                #expect(try await world.store.deletedCharacters(userID: Self.player).isEmpty)
                #expect(try await world.store.members(userID: Self.player).isEmpty)
                #expect(try await world.store.patreonEvents().isEmpty)
                #expect(try await world.store.session(tokenHash: session.tokenHash, now: 0) == nil)
                let records = try await world.store.userRecords(id: Self.player)
                #expect(records.allSatisfy { $0.value == [] })
                // Their chronicle stays, owned by nobody; others' data is untouched.
                #expect(try await world.store.chronicle(id: 901)?.ownerID == 0)
                // The storyteller's history stays whole; the player's change to it no longer says who made it.
                let after = try await world.store.history(characterID: theirs.id)
                #expect(after.map(\.change.changes) == theirHistory.map(\.change.changes))
                #expect(
                    after.last?.change.actorID == nil
                        && after.dropLast().map(\.change.actorID) == theirHistory.dropLast().map(\.change.actorID))
                #expect(try await world.store.members(chronicleID: 900).count == 2)
                #expect(try await client.web(.get, "/api/user/me", as: storyteller).status == .ok)
                // The old cookie signs nobody in; a second erasure removes nothing.
                #expect(try await client.web(.get, "/api/user/me", as: player).status == .forbidden)
                let again = try await DataRequests(
                    registry: registry, store: world.store, media: world.assembly.media, broadcaster: nil
                ).erase(userID: Self.player)
                #expect(again.values.allSatisfy { $0 == 0 }, "\(again)")
            }
        }
    }
}
