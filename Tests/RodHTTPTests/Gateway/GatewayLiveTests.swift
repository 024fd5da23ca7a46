import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSClient
import NIOWebSocket
import RodApp
import RodChannels
import RodCore
import RodHTTP
import RodStore
import RodTestSupport
import Synchronization
import Testing

/// The gateway over real sockets, driven by the writes the bot and the web make over HTTP.
@Suite struct GatewayLiveTests {
    static let player: Int64 = 1001
    static let storyteller: Int64 = 1002
    static let stranger: Int64 = 1003

    /// A world with chronicle 900 (the player a member, the storyteller its storyteller) and the player's tracker
    /// "Vlad" in it, created through the bot API; `body` gets the port and each user's signed-in browser.
    func withGuild(
        configure: (inout Configuration) -> Void = { _ in },
        _ body: @escaping @Sendable (World, any TestClientProtocol, _ port: Int, [Int64: Browser]) async throws -> Void
    ) async throws {
        try await World.with(configure: configure) { world in
            var browsers: [Int64: Browser] = [:]
            for user in [Self.player, Self.storyteller, Self.stranger] {
                browsers[user] = try await Browser.signIn(world, user: user)
            }
            try await world.store.save(Chronicle(id: 900, name: "Camarilla", createdAt: 0))
            _ = try await world.store.ensureMember(chronicleID: 900, userID: Self.player, now: 0)
            var staff = try await world.store.ensureMember(chronicleID: 900, userID: Self.storyteller, now: 0)
            staff.storyteller = true
            _ = try await world.store.save(staff)
            let signedIn = browsers
            try await world.live { client in
                let created = try await client.bot(
                    "character/new", BotCharacterTests.vampire("Vlad", [("chronicle", "900"), ("hunger", 1)]))
                #expect(created.status == .created)
                try await body(world, client, try #require(client.port), signedIn)
            }
        }
    }

    func vlad(_ world: World) async throws -> CharacterRecord {
        try #require(try await world.character(named: "Vlad"))
    }

    // MARK: Handshake

    @Test func theHandshakeWelcomesAndReadyListsTheUsersCharacters() async throws {
        try await withGuild { world, _, port, browsers in
            let socket = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            let welcome = try await socket.frames.next()
            #expect(welcome == ["op": 4, "d": nil, "t": nil])
            socket.send(["op": 3, "d": nil, "t": nil])
            let ready = try await socket.frames.next("READY")
            let vlad = try await vlad(world)
            #expect(ready["op"] == 0)
            #expect(ready["d"]?["user"]?["id"] == "1001")
            #expect(ready["d"]?["characters"]?[String(vlad.id)]?["name"] == "Vlad")
            #expect(ready["d"]?["revisions"]?[String(vlad.id)] == .int(vlad.revision))
            #expect(ready["d"]?["chronicles"]?["900"]?["name"] == "Camarilla")
            _ = try await socket.close()

            // The second path of the gateway, and anonymous sockets.
            let anonymous = GatewayClient(port: port, path: "/ws/gateway/")
            #expect(try await anonymous.identify() == .emptyObject)
            _ = try await anonymous.close()
        }
    }

    @Test func aForeignOrMissingOriginIsRefused() async throws {
        try await withGuild { _, client, port, browsers in
            // The test client always sends its own `Origin: ws://localhost` too: a second, foreign one is refused.
            let foreign = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie, origin: "http://evil.example")
            await #expect(throws: (any Error).self) { try await foreign.close() }
            #expect(foreign.frames.pending.isEmpty)
            // The allowed hosts ignore the port.
            let allowed = GatewayClient(port: port, origin: "http://127.0.0.1:9999")
            _ = try await allowed.identify()
            _ = try await allowed.close()
            // A handshake without Origin is declined too (400, the WebSocket library's answer; the original's was 403).
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { _ = http.shutdown() }
            var handshake = HTTPClientRequest(url: "http://localhost:\(port)/gateway/web/")
            handshake.headers.add(contentsOf: [
                ("Connection", "Upgrade"), ("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13"),
                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
            ])
            #expect(try await http.execute(handshake, timeout: .seconds(30)).status == .badRequest)
            // Plain HTTP on the gateway's path: 403 for a foreign Origin, otherwise 426.
            let foreignGet = try await client.execute(
                uri: "/gateway/web/", method: .get, headers: [.origin: "http://evil.example"])
            #expect(foreignGet.status == .forbidden)
            let plain = try await client.execute(uri: "/gateway/web/", method: .get, headers: [.origin: "http://localhost:3000"])
            #expect(plain.status == .upgradeRequired)
        }
    }

    // MARK: Every write broadcasts

    @Test func eachDispatchEventFollowsTheWriteThatCausesIt() async throws {
        try await withGuild { world, client, port, browsers in
            let player = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            let storyteller = GatewayClient(port: port, cookie: browsers[Self.storyteller]?.cookie)
            _ = try await player.identify()
            _ = try await storyteller.identify()
            let vlad = try await vlad(world)

            // bot/character/save → UPDATE_CHARACTER, with the sheet where it is open.
            player.send(["op": 1, "t": "sheet_subscribe", "d": ["id": .string(String(vlad.id))]])
            let save = BotCharacterTests.vampire("Vlad", [("id", .int(vlad.id)), ("hunger", 3), ("chronicle", "900")])
            #expect(try await client.bot("character/save", save).status == .ok)
            let saved = try await player.frames.next("UPDATE_CHARACTER")
            #expect(saved["d"]?["character"]?["hunger"] == 3)
            #expect(saved["d"]?["sheet"]?["hunger"] == 3)
            #expect(try await storyteller.frames.next("UPDATE_CHARACTER")["d"]?["sheet"] == nil)

            // bot/character/new → UPDATE_CHARACTER for the owner.
            #expect(try await client.bot("character/new", BotCharacterTests.vampire("Anna")).status == .created)
            let anna = try #require(try await world.character(named: "Anna"))
            #expect(try await player.frames.next("UPDATE_CHARACTER")["d"]?["id"] == .int(anna.id))

            // api/character/new and update → UPDATE_CHARACTER.
            let sheet = try await client.web(.get, "/api/character/new/vampire5th?name=Lena", as: browsers[Self.player])
            #expect(sheet.status == .ok)
            let lenaID = try #require(sheet.json["id"]?.intValue)
            #expect(try await player.frames.next("UPDATE_CHARACTER")["d"]?["id"] == .int(lenaID))
            #expect(try await client.update("vampire5th", id: lenaID, ["hunger": 2], as: browsers[Self.player]).status == .ok)
            #expect(try await player.frames.next("UPDATE_CHARACTER")["d"]?["character"]?["hunger"] == 2)

            // bot/character/delete → DELETE_CHARACTER.
            #expect(try await client.bot("character/delete", ["ids": [.int(anna.id)], "disconnect": false]).status == .ok)
            #expect(try await player.frames.next("DELETE_CHARACTER")["d"] == ["id": .string(String(anna.id))])

            // bot/user/update → UPDATE_USER; with a membership → UPDATE_MEMBER to the chronicle's staff.
            #expect(try await client.bot("user/update", BotUserTests.update(username: "Nadia")).status == .ok)
            #expect(try await player.frames.next("UPDATE_USER")["d"]?["user"]?["username"] == "Nadia")
            let member = BotUserTests.update(username: "Nadia", member: BotUserTests.member())
            #expect(try await client.bot("user/update", member).status == .ok)
            #expect(try await storyteller.frames.next("UPDATE_MEMBER")["d"]?["member"]?["nickname"] == "Mirai")

            // bot/chronicle/set → UPDATE_CHRONICLE.
            let guild: JSON = [
                "guild": ["id": "900", "name": "Anarchs", "owner_id": "1002", "bot": "42", "shard": 0, "icon_url": ""]
            ]
            #expect(try await client.bot("chronicle/set", guild).status == .ok)
            #expect(try await player.frames.next("UPDATE_CHRONICLE")["d"]?["chronicle"]?["name"] == "Anarchs")

            // bot/chronicle/member/delete → the character leaves (staff drop it), then DELETE_MEMBER.
            #expect(try await client.bot("chronicle/member/delete", ["guild_id": "900", "member_id": "1001"]).status == .ok)
            #expect(try await storyteller.frames.next("DELETE_CHARACTER")["d"] == ["id": .string(String(vlad.id))])
            for socket in [player, storyteller] {
                #expect(try await socket.frames.next("DELETE_MEMBER")["d"]?["member"]?["user"] == "1001")
            }
            _ = try await player.close()
            _ = try await storyteller.close()
        }
    }

    @Test func afterLostEventsASocketReadsItsStateAgainWithItsOpenSheet() async throws {
        try await withGuild { world, _, port, browsers in
            let socket = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            _ = try await socket.identify()
            let vlad = try await vlad(world)
            socket.send(["op": 1, "t": "sheet_subscribe", "d": ["id": .string(String(vlad.id))]])
            // A heartbeat's answer: the subscription before it has been handled.
            socket.send(["op": 2, "d": nil, "t": nil])
            _ = try await socket.frames.take(where: { $0["op"] == 5 })
            // A change the socket never heard of, as one whose event could not cross Redis: written to the store alone.
            var changed = vlad
            changed.values["hunger"] = .int(4)
            let change = CharacterChange(
                operation: .update, face: .migration, actorID: nil, changes: vlad.changes(to: changed), at: world.clock())
            let stored = try #require(try await world.store.rewrite([(changed, change)]).first)
            world.services.channels.groups.deliverToAll(ChannelMessage(group: "", event: .resync))
            // A fresh READY at the stored revision, then the open sheet.
            let ready = try await socket.frames.next("READY")
            #expect(ready["d"]?["characters"]?[String(vlad.id)]?["hunger"] == 4)
            #expect(ready["d"]?["revisions"]?[String(vlad.id)] == .int(stored.revision))
            let sheet = try await socket.frames.next("UPDATE_CHARACTER")["d"]
            #expect(sheet?["revision"] == .int(stored.revision) && sheet?["sheet"]?["hunger"] == 4)
            // Nothing older follows: the event of the earlier revision, arriving late, is not sent.
            let late = GatewayEvent.CharacterEvent(vlad, splat: try #require(world.registry.splat(vlad.splat)), withSheet: false)
            world.services.channels.send(GatewayEvent.characterUpdate(late), to: GatewayGroups.characterUpdate(vlad.id))
            #expect(await socket.frames.staysWithout("UPDATE_CHARACTER"))
        }
    }

    @Test func strangersSeeNothingOfOthersCharacters() async throws {
        try await withGuild { world, client, port, browsers in
            let stranger = GatewayClient(port: port, cookie: browsers[Self.stranger]?.cookie)
            let ready = try await stranger.identify()
            #expect(ready["characters"] == .emptyObject)
            let vlad = try await vlad(world)
            let save = BotCharacterTests.vampire("Vlad", [("id", .int(vlad.id)), ("hunger", 4), ("chronicle", "900")])
            #expect(try await client.bot("character/save", save).status == .ok)
            #expect(await stranger.frames.staysWithout("UPDATE_CHARACTER"))
            _ = try await stranger.close()
        }
    }

    // MARK: Field updates

    @Test func fieldUpdatesOverTheSocket() async throws {
        try await withGuild { world, client, port, browsers in
            let sheet = try await client.web(.get, "/api/character/new/vampire5th?name=Lena", as: browsers[Self.player])
            let id = try #require(sheet.json["id"]?.intValue)
            #expect(try await client.update("vampire5th", id: id, ["chronicle": "900"], as: browsers[Self.player]).status == .ok)
            let player = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            let storyteller = GatewayClient(port: port, cookie: browsers[Self.storyteller]?.cookie)
            let ready = try await player.identify()
            _ = try await storyteller.identify()
            let revision = try #require(ready["revisions"]?[String(id)]?.intValue)

            // Success: the sender is answered, every follower updated.
            let ok = try await player.fieldUpdate(["id": .int(id), "key": "hunger", "value": 3, "revision": .int(revision)])
            #expect(ok["t"] == "FIELD_UPDATED")
            #expect(ok["d"]?["revision"] == .int(revision + 1))
            #expect(try await storyteller.frames.next("UPDATE_CHARACTER")["d"]?["character"]?["hunger"] == 3)

            // A validation error goes to the sender only; the socket stays open.
            let invalid = try await player.fieldUpdate([
                "id": .int(id), "key": "hunger", "value": 8, "revision": .int(revision + 1),
            ])
            #expect(invalid["d"]?["reason"] == "invalid")
            #expect(invalid["d"]?["errors"] == ["hunger": ["Ensure this value is less than or equal to 5."]])

            // A stale revision is refused with the current value.
            let stale = try await storyteller.fieldUpdate([
                "id": .int(id), "key": "hunger", "value": 5, "revision": .int(revision),
            ])
            #expect(stale["d"]?["reason"] == "stale")
            #expect(stale["d"]?["value"] == 3)
            #expect(stale["d"]?["revision"] == .int(revision + 1))

            // The storyteller locks the sheet; the player may still change tracker traits only.
            let lock = try await storyteller.fieldUpdate([
                "id": .int(id), "key": "st_lock", "value": true, "revision": .int(revision + 1),
            ])
            #expect(lock["t"] == "FIELD_UPDATED")
            let locked = try await player.fieldUpdate([
                "id": .int(id), "key": "manipulation", "value": 3, "revision": .int(revision + 2),
            ])
            #expect(locked["d"]?["reason"] == "locked")
            let hunger = try await player.fieldUpdate([
                "id": .int(id), "key": "hunger", "value": 4, "revision": .int(revision + 2),
            ])
            #expect(hunger["t"] == "FIELD_UPDATED")
            #expect(try await world.store.character(id: id)?.values["hunger"] == 4)
            _ = try await player.close()
            _ = try await storyteller.close()
        }
    }

    // MARK: Limits

    @Test func oversizedMessagesAndExtraSocketsAreClosed() async throws {
        func limited(_ settings: inout Configuration) {
            settings.gateway.limits.maxMessageBytes = 1024
            settings.gateway.limits.maxConnectionsPerUser = 1
        }
        try await withGuild(configure: limited) { _, _, port, browsers in
            let big = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            _ = try await big.identify()
            big.send(text: String(repeating: "x", count: 4096))
            #expect(try await big.closedByServer()?.closeCode == .messageTooLarge)

            let first = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            _ = try await first.identify()
            let second = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            let refused = try await second.closedByServer()
            #expect(refused?.closeCode == .policyViolation)
            #expect(refused?.reason == "too many connections")
            _ = try await first.close()
        }
    }

    @Test func shuttingDownClosesEverySocketCleanly() async throws {
        let socket = Mutex<GatewayClient?>(nil)
        try await withGuild { _, _, port, browsers in
            let client = GatewayClient(port: port, cookie: browsers[Self.player]?.cookie)
            _ = try await client.identify()
            socket.withLock { $0 = client }
        }
        // The server has shut down: the socket got a close frame rather than a dropped connection.
        let closed = try await #require(socket.withLock { $0 }).closedByServer()
        #expect(closed?.closeCode == .normalClosure)
    }
}
