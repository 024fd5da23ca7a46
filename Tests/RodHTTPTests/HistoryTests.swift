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

/// A character's history on the web: who may read it, its pages, restores (of an earlier revision, and of a deleted
/// character) and what refuses them, on both stores.
@Suite struct HistoryTests {
    static let owner: Int64 = 1001
    static let storyteller: Int64 = 1002
    static let admin: Int64 = 1003
    static let stranger: Int64 = 1004

    struct Seed {
        let owner: Browser
        let storyteller: Browser
        let admin: Browser
        let stranger: Browser
        let id: Int64
    }

    /// The owner's sheet `Vlad` (vampire5th), joined to chronicle 900 through the web (1002 its storyteller, 1003 its
    /// admin), then changed by the bot (hunger 3) and the web (hunger 4, strength 3): revisions 1 to 4.
    static func seed(_ world: World, _ client: any TestClientProtocol) async throws -> Seed {
        let owner = try await Browser.signIn(world, user: Self.owner)
        let storyteller = try await Browser.signIn(world, user: Self.storyteller)
        let admin = try await Browser.signIn(world, user: Self.admin)
        let stranger = try await Browser.signIn(world, user: Self.stranger)
        var user = try #require(try await world.store.user(id: Self.owner))
        user.username = "Nadia"
        try await world.store.save(user)
        try await world.chronicle(900, player: Self.owner, storyteller: Self.storyteller, admin: Self.admin)
        let created = try await client.web(.get, "/api/character/new/vampire5th?name=Vlad", as: owner)
        let id = try #require(created.json["id"]?.intValue)
        #expect(try await client.update("vampire5th", id: id, ["chronicle": "900"], as: owner).status == .ok)
        let saved = try await client.bot(
            "character/save", ["character": ["id": .int(id), "user": "1001", "splat": "vampire5th", "hunger": 3]])
        #expect(saved.status == .ok)
        #expect(try await client.update("vampire5th", id: id, ["hunger": 4, "strength": 3], as: owner).status == .ok)
        return Seed(owner: owner, storyteller: storyteller, admin: admin, stranger: stranger, id: id)
    }

    func restore(_ client: any TestClientProtocol, _ id: Int64, _ revision: Int64, as browser: Browser?, ifMatch: String? = nil)
        async throws -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let ifMatch { headers[.ifMatch] = ifMatch }
        let body: JSON = ["revision": .int(revision)]
        return try await client.web(.post, "/api/character/restore/\(id)", as: browser, body: body.serialized(), headers: headers)
    }

    @Test(arguments: StoreKind.allCases)
    func eachRoleReadsWhatItMay(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                let path = "/api/character/history/\(seed.id)"
                for reader in [seed.owner, seed.storyteller, seed.admin] {
                    let page = try await client.web(.get, path, as: reader)
                    #expect(page.status == .ok)
                    #expect(page.json["revision"] == 4 && page.json["deleted"] == false && page.json["name"] == "Vlad")
                    #expect(page.json["history"]?.arrayValue?.map { $0["revision"] } == [4, 3, 2, 1])
                }
                // A stranger learns nothing: the answer of a character that does not exist.
                let stranger = try await client.web(.get, path, as: seed.stranger)
                let unknown = try await client.web(.get, "/api/character/history/999999", as: seed.owner)
                #expect(stranger.status == .notFound && unknown.status == .notFound && stranger.text == unknown.text)
                #expect(try await client.web(.get, path, as: nil).status == .forbidden)

                let entries = try await client.web(.get, path, as: seed.owner).json["history"]?.arrayValue ?? []
                #expect(entries[0]["face"] == "web" && entries[0]["operation"] == "update")
                #expect(entries[0]["actor"] == ["id": "1001", "username": "Nadia"])
                #expect(
                    entries[0]["changes"]
                        == [["key": "hunger", "old": 3, "new": 4], ["key": "strength", "old": 1, "new": 3]])
                #expect(entries[1]["face"] == "bot" && entries[1]["changes"] == [["key": "hunger", "old": 1, "new": 3]])
                let joined = entries[2]["changes"]?.arrayValue ?? []
                #expect(joined.map { $0["key"] } == ["chronicle", "member"] && joined.first?["new"] == 900)
                #expect(entries[3]["operation"] == "create" && entries[3]["restored_from"] == .null)
            }
        }
    }

    @Test func pagesGoBackwardsFromBefore() async throws {
        try await World.with { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                let path = "/api/character/history/\(seed.id)"
                let first = try await client.web(.get, path + "?limit=3", as: seed.owner).json
                #expect(first["history"]?.arrayValue?.map { $0["revision"] } == [4, 3, 2] && first["next"] == 2)
                let second = try await client.web(.get, path + "?limit=3&before=2", as: seed.owner).json
                #expect(second["history"]?.arrayValue?.map { $0["revision"] } == [1] && second["next"] == .null)
                for bad in ["?limit=0", "?limit=201", "?before=x", "?before=-1"] {
                    #expect(try await client.web(.get, path + bad, as: seed.owner).status == .badRequest, "\(bad)")
                }
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anEarlierRevisionIsRestoredAsANewOne(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                let restored = try await restore(client, seed.id, 2, as: seed.storyteller)
                #expect(restored.status == .ok, "\(restored.text)")
                #expect(restored.json == ["id": .int(seed.id), "revision": 5, "restored_from": 2])
                #expect(restored.headers[.eTag] == "\"5\"")
                let character = try #require(try await world.store.character(id: seed.id))
                #expect(character.values["hunger"] == 1 && character.values["strength"] == 1 && character.chronicleID == 900)
                let top = try await client.web(.get, "/api/character/history/\(seed.id)?limit=1", as: seed.owner).json
                let entry = try #require(top["history"]?.arrayValue?.first)
                #expect(entry["face"] == "restore" && entry["restored_from"] == 2 && entry["actor"]?["id"] == "1002")
                #expect(entry["changes"] == [["key": "hunger", "old": 4, "new": 1], ["key": "strength", "old": 3, "new": 1]])
                // Nobody else learns of the character; a revision that is not an earlier one is refused.
                #expect(try await restore(client, seed.id, 2, as: seed.stranger).status == .notFound)
                #expect(try await restore(client, seed.id, 5, as: seed.owner).status == .badRequest)
                #expect(try await restore(client, seed.id, 99, as: seed.owner).status == .badRequest)
                let noBody = try await client.web(
                    .post, "/api/character/restore/\(seed.id)", as: seed.owner, body: Array("{}".utf8))
                #expect(noBody.status == .badRequest)
            }
        }
    }

    @Test func aRestoreIsRefusedByAStaleRevisionTheLockAndTodaysRules() async throws {
        try await World.with { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                // If-Match names an older revision: the current sheet, and nothing written.
                let stale = try await restore(client, seed.id, 2, as: seed.owner, ifMatch: "\"3\"")
                #expect(stale.status == .preconditionFailed && stale.headers[.eTag] == "\"4\"")
                #expect(try await world.store.character(id: seed.id)?.revision == 4)

                // A revision holding a value today's rules refuse (hunger 9, written before a bound) is reported.
                var current = try #require(try await world.store.character(id: seed.id))
                var broken = current
                broken.values["hunger"] = 9
                let change = CharacterChange(
                    operation: .update, face: .system, actorID: nil, changes: current.changes(to: broken), at: 10)
                _ = try await world.store.update(broken, change: change)
                #expect(try await client.update("vampire5th", id: seed.id, ["hunger": 2], as: seed.owner).status == .ok)
                let refused = try await restore(client, seed.id, 5, as: seed.owner)
                #expect(refused.status == .badRequest && refused.json["hunger"] != nil, "\(refused.text)")
                #expect(try await world.store.character(id: seed.id)?.revision == 6)

                // Under the storyteller's lock the player may not bring back other traits than the tracker's.
                #expect(try await client.update("vampire5th", id: seed.id, ["st_lock": true], as: seed.storyteller).status == .ok)
                let locked = try await restore(client, seed.id, 2, as: seed.owner)
                #expect(locked.status == .badRequest && locked.json["strength"] != nil, "\(locked.text)")
                current = try #require(try await world.store.character(id: seed.id))
                #expect(current.values["strength"] == 3 && current.revision == 7)
                // The storyteller may.
                #expect(try await restore(client, seed.id, 2, as: seed.storyteller).status == .ok)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDeletedCharacterComesBackWithItsId(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                #expect(try await client.web(.delete, "/api/character/delete?id=\(seed.id)", as: seed.owner).status == .ok)
                let deleted = try await client.web(.get, "/api/character/deleted", as: seed.owner).json
                #expect(deleted["characters"]?.arrayValue?.map { $0["id"] } == [.int(seed.id)])
                #expect(
                    deleted["characters"]?.arrayValue?.first?["name"] == "Vlad"
                        && deleted["characters"]?.arrayValue?.first?["splat"] == "vampire5th")
                #expect(try await client.web(.get, "/api/character/deleted", as: seed.stranger).json["characters"] == [])
                // Its history stays, for its owner only (the chronicle's staff no longer see it).
                let history = try await client.web(.get, "/api/character/history/\(seed.id)", as: seed.owner).json
                #expect(
                    history["deleted"] == true && history["revision"] == 5
                        && history["history"]?.arrayValue?.first?["operation"] == "delete")
                #expect(try await client.web(.get, "/api/character/history/\(seed.id)", as: seed.storyteller).status == .notFound)
                #expect(try await restore(client, seed.id, 3, as: seed.storyteller).status == .notFound)

                // The name taken meanwhile: a clear refusal, nothing written.
                let other = try await client.web(.get, "/api/character/new/vampire5th?name=vlad", as: seed.owner)
                let otherID = try #require(other.json["id"]?.intValue)
                let taken = try await restore(client, seed.id, 3, as: seed.owner)
                #expect(taken.status == .conflict && taken.json["name"] != nil, "\(taken.text)")
                #expect(try await world.store.character(id: seed.id) == nil)
                #expect(try await client.web(.delete, "/api/character/delete?id=\(otherID)", as: seed.owner).status == .ok)

                let back = try await restore(client, seed.id, 3, as: seed.owner)
                #expect(back.status == .ok, "\(back.text)")
                #expect(back.json["revision"] == 6)
                let character = try #require(try await world.store.character(id: seed.id))
                #expect(character.name == "Vlad" && character.values["hunger"] == 3 && character.isSheet)
                // Its owner is still a member of its chronicle: it goes back there.
                #expect(character.chronicleID == 900 && character.revision == 6 && !character.storytellerLock)
                // The list holds the other one now, deleted to make room.
                let list = try await client.web(.get, "/api/character/deleted", as: seed.owner).json["characters"]
                #expect(list?.arrayValue?.map { $0["id"] } == [.int(otherID)])
                let top = try await client.web(.get, "/api/character/history/\(seed.id)?limit=1", as: seed.owner).json
                #expect(
                    top["history"]?.arrayValue?.first?["operation"] == "create"
                        && top["history"]?.arrayValue?.first?["face"] == "restore")
                #expect(top["history"]?.arrayValue?.first?["restored_from"] == 3 && top["deleted"] == false)
                // It is the user's sheet again, for every route.
                #expect(try await client.update("vampire5th", id: seed.id, ["hunger": 2], as: seed.owner).status == .ok)
            }
        }
    }

    /// Issue 22: deleting a locked sheet and restoring it does not clear its storyteller's lock.
    @Test(arguments: StoreKind.allCases)
    func aDeletedSheetComesBackUnderItsStorytellersLock(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql) { world in
            try await world.test { client in
                let seed = try await Self.seed(world, client)
                #expect(try await client.update("vampire5th", id: seed.id, ["st_lock": true], as: seed.storyteller).status == .ok)
                #expect(try await client.update("vampire5th", id: seed.id, ["strength": 5], as: seed.owner).status == .badRequest)
                #expect(try await client.web(.delete, "/api/character/delete?id=\(seed.id)", as: seed.owner).status == .ok)
                // Bringing back a revision from before the lock would change what the lock keeps: refused, nothing written.
                let earlier = try await restore(client, seed.id, 3, as: seed.owner)
                #expect(earlier.status == .badRequest && earlier.json["strength"] != nil, "\(earlier.text)")
                #expect(try await world.store.character(id: seed.id) == nil)

                // The locked revision comes back in its chronicle, locked.
                let back = try await restore(client, seed.id, 5, as: seed.owner)
                #expect(back.status == .ok, "\(back.text)")
                let character = try #require(try await world.store.character(id: seed.id))
                #expect(character.chronicleID == 900 && character.memberID != nil && character.storytellerLock)
                let refused = try await client.update("vampire5th", id: seed.id, ["strength": 5], as: seed.owner)
                #expect(refused.status == .badRequest && refused.json["strength"] != nil, "\(refused.text)")
                #expect(try await client.update("vampire5th", id: seed.id, ["chronicle": "900"], as: seed.owner).status == .ok)
                #expect(try await client.update("vampire5th", id: seed.id, ["hunger": 2], as: seed.owner).status == .ok)
                let seen = try await client.web(.get, "/api/character/get/v5?id=\(seed.id)", as: seed.storyteller)
                #expect(seen.status == .ok && seen.json["st_lock"] == true)
                let stored = try #require(try await world.store.character(id: seed.id))
                #expect(stored.values["strength"] == 3 && stored.values["hunger"] == 2 && stored.storytellerLock)

                // When the membership is gone, nobody could lift the lock: the sheet comes back outside, unlocked.
                #expect(try await client.web(.delete, "/api/character/delete?id=\(seed.id)", as: seed.owner).status == .ok)
                _ = try await world.services.chronicles.removeMember(chronicleID: 900, userID: Self.owner)
                let outside = try await restore(client, seed.id, 3, as: seed.owner)
                #expect(outside.status == .ok, "\(outside.text)")
                let unlocked = try #require(try await world.store.character(id: seed.id))
                #expect(unlocked.chronicleID == nil && unlocked.memberID == nil && !unlocked.storytellerLock)
                #expect(unlocked.values["strength"] == 1)
            }
        }
    }

    /// Issue 22: the deleted characters are listed a page at a time, as the history is; a cursor that names nobody's
    /// deleted character of the user is refused.
    @Test func deletedCharactersArePaged() async throws {
        let clock = TestClock(1_800_000_000)
        try await World.with(clock: clock) { world in
            try await world.test { client in
                let owner = try await Browser.signIn(world, user: Self.owner, supporter: 5)
                let stranger = try await Browser.signIn(world, user: Self.stranger)
                var ids: [Int64] = []
                for index in 0..<5 {
                    let created = try await client.web(.get, "/api/character/new/vampire5th?name=Gone\(index)", as: owner)
                    let id = try #require(created.json["id"]?.intValue)
                    clock.advance(by: 1)
                    #expect(try await client.web(.delete, "/api/character/delete?id=\(id)", as: owner).status == .ok)
                    ids.append(id)
                }
                let first = try await client.web(.get, "/api/character/deleted?limit=2", as: owner).json
                #expect(first["characters"]?.arrayValue?.map { $0["id"] } == [.int(ids[4]), .int(ids[3])])
                #expect(first["next"] == .int(ids[3]))
                let second = try await client.web(.get, "/api/character/deleted?limit=2&before=\(ids[3])", as: owner).json
                #expect(second["characters"]?.arrayValue?.map { $0["id"] } == [.int(ids[2]), .int(ids[1])])
                let last = try await client.web(.get, "/api/character/deleted?limit=2&before=\(ids[1])", as: owner).json
                #expect(last["characters"]?.arrayValue?.map { $0["id"] } == [.int(ids[0])] && last["next"] == .null)
                let all = try await client.web(.get, "/api/character/deleted", as: owner).json
                #expect(all["characters"]?.arrayValue?.count == 5 && all["next"] == .null)
                for bad in ["?limit=0", "?limit=201", "?before=x", "?before=\(ids[0])&limit=x"] {
                    #expect(try await client.web(.get, "/api/character/deleted" + bad, as: owner).status == .badRequest, "\(bad)")
                }
                // Another user's deleted character is no cursor of theirs.
                let foreign = try await client.web(.get, "/api/character/deleted?before=\(ids[2])", as: stranger)
                #expect(foreign.status == .badRequest && foreign.json["before"] != nil)
            }
        }
    }

    /// Issue 22: creating and deleting characters again and again keeps only the latest deleted ones to restore.
    @Test func repeatedDeletionsKeepOnlyTheLatestToRestore() async throws {
        try await World.with { world in
            try await world.test { client in
                let owner = try await Browser.signIn(world, user: Self.owner)
                var ids: [Int64] = []
                for index in 0...CharacterService.deletedCharactersKept {
                    let created = try await client.web(.get, "/api/character/new/vampire5th?name=Churn\(index)", as: owner)
                    let id = try #require(created.json["id"]?.intValue)
                    #expect(try await client.web(.delete, "/api/character/delete?id=\(id)", as: owner).status == .ok)
                    ids.append(id)
                }
                let kept = try await world.store.deletedCharacters(userID: Self.owner).map(\.id)
                #expect(kept.count == CharacterService.deletedCharactersKept && !kept.contains(ids[0]))
                #expect(try await world.store.history(characterID: ids[0]).isEmpty)
                #expect(try await restore(client, ids[0], 1, as: owner).status == .notFound)
                #expect(try await restore(client, ids[1], 1, as: owner).status == .ok)
            }
        }
    }
}
