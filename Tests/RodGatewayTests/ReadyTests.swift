import Foundation
import Logging
import RodChannels
import RodCore
import RodServices
import RodStore
import RodStoreSQLite
import RodTestSupport
import Testing

@testable import RodGateway

/// READY at scale: written in parts that make, byte for byte, the frame built whole; read in a few batched reads
/// whatever the chronicle's size; each character rendered once per revision and never shown at an older one.
@Suite struct ReadyTests {
    /// A storyteller's READY of `count` characters, with names beyond ASCII (escaped in the frame).
    static func ready(characters count: Int) -> GatewayReady {
        let characters = (1...Int64(count)).map { id in
            ReadyCharacter(
                id: id, owner: 1000 + id % 7, chronicle: 900, revision: id % 5 + 1,
                tracker: GatewayText(["id": .int(id), "name": .string("Ælfric \(id)"), "hunger": .int(id % 5)]))
        }
        return GatewayReady(
            user: ["id": "1001", "username": "Ünnur"], memberShapes: ["900": ["1001": ["nickname": "Nadia"]]],
            chronicleShapes: ["900": ["id": "900", "name": "Camarilla"]], characters: characters, chronicles: [900],
            staffIn: [900], members: [])
    }

    @Test func readyIsWrittenInPartsThatMakeTheFrameBuiltWhole() async throws {
        for count in [1, 3_000] {
            let ready = Self.ready(characters: count)
            let parts = Shared<[GatewayWrite]>([])
            try await ReadyFrame(ready: ready).write { part in parts.withLock { $0.append(part) } }
            let written = parts.withLock { $0 }
            #expect(written.flatMap(\.bytes) == ServerFrame.ready(ready.data).bytes)
            #expect(written.first?.opens == true && written.dropFirst().allSatisfy { !$0.opens })
            #expect(written.last?.ends == true && written.dropLast().allSatisfy { !$0.ends })
            // No part is much larger than the writer's buffer: the frame is never held whole.
            #expect(written.allSatisfy { $0.bytes.count < ReadyFrame.partBytes + 1024 })
            #expect(count == 1 ? written.count == 1 : written.count > 3)
        }
    }

    @Test func aStorytellersReadyCostsTheSameFewReadsWhateverTheChronicleAndRendersACharacterOncePerRevision()
        async throws
    {
        try await CountedServer.with { server in
            let (database, store) = (server.database, server.store)
            func service(_ cache: RenderingCache = RenderingCache()) -> GatewayService { server.gateway(trackerCache: cache) }

            // More players and characters than one batch of ids (`SQL.listBatch`) holds.
            let (storyteller, ids) = try await Self.chronicle(players: 600, in: store)
            let splat = try #require(registry.splat("vampire5th"))

            let cache = RenderingCache()
            let gateway = service(cache)
            database.reset()
            let first = try await gateway.ready(for: storyteller)
            // Memberships, the chronicle, its roster, its characters' stamps, the storyteller's own characters outside any
            // chronicle, the roster's users (2 batches) and the characters not rendered yet (2 batches).
            #expect(database.reads == 9)
            #expect(first.characters.map(\.id) == ids)
            #expect(cache.usage.characters == 600)
            #expect(first.memberShapes["900"]?["4001"]?["nickname"] == "Player 1")
            #expect(first.data["characters"]?["\(ids[0])"] == splat.tracker(try #require(try await store.character(id: ids[0]))))

            database.reset()
            let again = try await gateway.ready(for: storyteller)
            #expect(database.reads == 7)
            #expect(again == first)

            // A character changed since: listed at its new revision, never at the one kept.
            var changed = try #require(try await store.character(id: ids[3]))
            changed.values["hunger"] = 4
            let stored = try #require(
                try await store.update(
                    changed, change: CharacterChange(operation: .update, face: .web, actorID: 4000, changes: .null, at: 5)))
            let after = try await gateway.ready(for: storyteller)
            #expect(after.data == (try await service().ready(for: storyteller)).data)
            #expect(after.characters[3].revision == stored.revision)
            #expect(after.data["characters"]?["\(ids[3])"]?["hunger"] == 4)
        }
    }

    @Test func largeReadysAtOnceRenderTheChronicleOnce() async throws {
        try await CountedServer.with { server in
            let (storyteller, ids) = try await Self.chronicle(players: 50, in: server.store)
            // 50 characters count as a large READY here (the server's threshold is a batch of reads, 500).
            let gateway = server.gateway(trackerCache: RenderingCache(turnAbove: 10))
            server.database.reset()
            let readys = try await withThrowingTaskGroup(of: GatewayReady.self) { group in
                for _ in 1...5 { group.addTask { try await gateway.ready(for: storyteller) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(readys.allSatisfy { $0 == readys[0] && $0.characters.map(\.id) == ids })
            // One READY reads the characters (7 reads: memberships, the chronicle, its roster, the stamps, the
            // storyteller's own characters, the roster's users, the characters); the four others find them rendered.
            #expect(server.database.reads == 7 + 4 * 6)
        }
    }

    /// A small READY renders what it misses at once, even while a large one has the turn.
    @Test func aSmallReadyDoesNotWaitForALargeOnesTurn() async throws {
        try await CountedServer.with { server in
            let (storyteller, _) = try await Self.chronicle(players: 5, in: server.store)
            let cache = RenderingCache(turnAbove: 10)
            let (started, start) = AsyncStream.makeStream(of: Void.self)
            let (holding, hold) = AsyncStream.makeStream(of: Void.self)
            // A large READY holds the turn until it is let go.
            let large = Task {
                await cache.rendering(missing: 11) {
                    start.finish()
                    for await _ in holding {}
                }
            }
            for await _ in started {}
            let gateway = server.gateway(trackerCache: cache)
            // The small READY against 10 s; either way the large one is let go then, so nothing stays waiting.
            let readFirst = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { try await gateway.ready(for: storyteller).characters.count == 5 }
                group.addTask {
                    try? await Task.sleep(for: .seconds(10))
                    return false
                }
                let first = try await group.next() ?? false
                hold.finish()
                group.cancelAll()
                try await group.waitForAll()
                return first
            }
            #expect(readFirst, "the small READY waited for the large one's turn")
            await large.value
        }
    }

    /// A chronicle of `players` players with a character each, told by user 4000: the storyteller, and the characters'
    /// ids in order.
    static func chronicle(players: Int64, in store: SQLStore) async throws -> (User, [Int64]) {
        let storyteller = try await store.ensureUser(id: 4000, now: 0)
        try await store.save(Chronicle(id: 900, name: "Chronicle", ownerID: 4000, createdAt: 0, lastUpdated: 0))
        var membership = try await store.ensureMember(chronicleID: 900, userID: 4000, now: 0)
        membership.storyteller = true
        _ = try await store.save(membership)
        let splat = try #require(registry.splat("vampire5th"))
        var ids: [Int64] = []
        for player in 1...players {
            var user = try await store.ensureUser(id: 4000 + player, now: 0)
            user.username = "Player \(player)"
            try await store.save(user)
            _ = try await store.ensureMember(chronicleID: 900, userID: user.id, now: 0)
            var values = splat.defaults()
            values["name"] = .string("Sheet \(player)")
            let character = try await store.insert(
                CharacterRecord(
                    id: 0, splat: splat.slug, userID: user.id, chronicleID: 900, values: values, createdAt: 0,
                    lastUpdated: 0),
                change: CharacterChange(operation: .create, face: .bot, actorID: user.id, changes: .null, at: 0))
            ids.append(character.id)
        }
        return (storyteller, ids)
    }

    @Test func theRenderingsKeptStayWithinTheirBudget() async throws {
        let cache = RenderingCache(budget: 4_000)
        let text = GatewayText(.string(String(repeating: "x", count: 98)))  // 100 bytes with its quotes
        let records = (1...Int64(100)).map {
            CharacterRecord(id: $0, splat: "vampire5th", userID: 1, values: [:], createdAt: 0, lastUpdated: 0)
        }
        cache.keep(records.prefix(30).map { ($0, text) })
        #expect(cache.usage.characters == 30 && cache.usage.bytes == 3_000)
        let stamps = records.map {
            CharacterStamp(
                id: $0.id, userID: 1, chronicleID: nil, splat: "vampire5th", revision: 1, lastUpdated: 0, isSheet: false)
        }
        #expect(cache.renderings(of: Array(stamps.prefix(10))).allSatisfy { $0 == text })
        // Past the budget, the least recently used go first until half of it is left: those never read again, then
        // some of those read; the newest stay.
        cache.keep(records[30..<45].map { ($0, text) })
        #expect(cache.usage.characters == 20 && cache.usage.bytes == 2_000)
        #expect(cache.renderings(of: Array(stamps[30..<45])).allSatisfy { $0 == text })
        #expect(cache.renderings(of: Array(stamps[10..<30])).allSatisfy { $0 == nil })
        #expect(cache.renderings(of: Array(stamps.prefix(10))).filter { $0 != nil }.count == 5)
        // Another revision is not the one kept.
        let moved = CharacterStamp(
            id: 1, userID: 1, chronicleID: nil, splat: "vampire5th", revision: 2, lastUpdated: 0, isSheet: false)
        #expect(cache.renderings(of: [moved]) == [nil])
    }
}

/// The bot's `character/get` answered from the sheet rendered at the character's revision: the same bytes as
/// rendering it again, one light read instead of the document's, and never an older revision.
@Suite struct BotSheetTests {
    @Test func aSheetIsReadAndRenderedOncePerRevision() async throws {
        try await CountedServer.with { server in
            let (_, ids) = try await ReadyTests.chronicle(players: 3, in: server.store)
            let splat = try #require(registry.splat("vampire5th"))
            func rendered(_ id: Int64) async throws -> BotSheet {
                .sheet(splat.sheet(try #require(try await server.store.character(id: id))).serialized(.compact))
            }
            let byID = CharacterQuery(id: ids[1], limit: 2)
            let expected = try await rendered(ids[1])

            server.database.reset()
            #expect(try await server.characters.botSheet(byID) == expected)
            #expect(server.database.reads == 2)  // the stamp, then the character
            server.database.reset()
            #expect(try await server.characters.botSheet(byID) == expected)
            #expect(server.database.reads == 1)  // the stamp only

            // Changed since: read and rendered again at its new revision.
            var changed = try #require(try await server.store.character(id: ids[1]))
            changed.values["hunger"] = 4
            _ = try #require(
                try await server.store.update(
                    changed, change: CharacterChange(operation: .update, face: .bot, actorID: 4002, changes: .null, at: 5)))
            let after = try await server.characters.botSheet(byID)
            #expect(after == (try await rendered(ids[1])))
            guard case .sheet(let bytes) = after else { return }
            #expect(String(decoding: bytes, as: UTF8.self).contains(#""hunger":4"#))

            // The web's read (`api/character/get/<splat>`) answers the same bytes from the same place: its stamp, then
            // nothing more, at the stamp's revision; a stamp older than the character reads it and says its revision.
            let stamp = try #require(try await server.characters.stamp(id: ids[1]))
            #expect(stamp.revision == 2 && stamp.userID == 4002 && stamp.chronicleID == 900 && stamp.splat == "vampire5th")
            server.database.reset()
            let web = try #require(try await server.characters.sheet(of: stamp))
            #expect(BotSheet.sheet(web.bytes) == after && web.revision == 2 && server.database.reads == 0)
            let old = CharacterStamp(
                id: ids[1], userID: 4002, chronicleID: 900, splat: "vampire5th", revision: 1, lastUpdated: 0, isSheet: true)
            let newer = try #require(try await server.characters.sheet(of: old))
            #expect(BotSheet.sheet(newer.bytes) == after && newer.revision == 2 && server.database.reads == 1)

            // What the query finds decides, as before: nothing, or several.
            #expect(try await server.characters.botSheet(CharacterQuery(id: 999_999, limit: 2)) == .notFound)
            #expect(try await server.characters.botSheet(CharacterQuery(chronicle: .id(900), limit: 2)) == .several)
        }
    }
}
