import Foundation
import RodCore
import RodServices
import RodStore
import RodTestSupport
import Testing

/// Undo over the socket: the sender's own last change, if nobody changed the character since.
@Suite struct UndoTests {
    func undo(_ cast: Cast, revision: Int64, nonce: JSON = "u1") -> JSON {
        ["nonce": nonce, "id": .string(String(cast.sheet.id)), "revision": .int(revision)]
    }

    func update(_ cast: Cast, _ key: String, _ value: JSON, revision: Int64) -> JSON {
        ["id": .string(String(cast.sheet.id)), "revision": .int(revision), "key": .string(key), "value": value]
    }

    @Test func theSendersLastChangeIsUndoneAndEveryFollowerSeesIt() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            let start = cast.sheet.revision
            #expect(try await player.fieldUpdate(update(cast, "hunger", 4, revision: start))["t"] == "FIELD_UPDATED")
            // Issue 22: the history says the change came through the gateway.
            let edit = try #require(try await cast.world.store.history(characterID: cast.sheet.id).last)
            #expect(edit.change.face == .gateway && edit.change.actorID == cast.player.id && edit.revision == start + 1)
            _ = try await storyteller.nextUpdate()
            let reply = try await player.undo(undo(cast, revision: start + 1))
            #expect(reply["t"] == "UNDONE", "\(reply)")
            #expect(
                reply["d"]
                    == [
                        "nonce": "u1", "id": .string(String(cast.sheet.id)), "revision": .int(start + 2),
                        "restored_revision": .int(start),
                    ])
            let seen = try await storyteller.nextUpdate()
            #expect(seen["character"]?["hunger"] == 1 && seen["revision"] == .int(start + 2))
            let stored = try #require(try await cast.world.store.character(id: cast.sheet.id))
            #expect(stored.values["hunger"] == 1 && stored.revision == start + 2)
            let last = try #require(try await cast.world.store.history(characterID: cast.sheet.id).last)
            #expect(last.change.face == .gateway && last.change.restoredFrom == start && last.change.actorID == cast.player.id)
        }
    }

    @Test func anotherUsersChangeSinceOrAnOldRevisionIsStale() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            let start = cast.sheet.revision
            #expect(try await player.fieldUpdate(update(cast, "hunger", 4, revision: start))["t"] == "FIELD_UPDATED")
            #expect(try await storyteller.fieldUpdate(update(cast, "hunger", 2, revision: start + 1))["t"] == "FIELD_UPDATED")
            // The last change is the storyteller's: the player's undo is stale, whatever revision it names.
            for revision in [start + 1, start + 2] {
                let reply = try await player.undo(undo(cast, revision: revision))
                #expect(reply["t"] == "UNDO_ERROR" && reply["d"]?["reason"] == "stale", "\(reply)")
                #expect(reply["d"]?["revision"] == .int(start + 2) && reply["d"]?["key"] == nil)
            }
            #expect(try await cast.world.store.character(id: cast.sheet.id)?.values["hunger"] == 2)
            // The storyteller's own undo works, and a second undo has no change of theirs left to undo.
            #expect(try await storyteller.undo(undo(cast, revision: start + 2))["t"] == "UNDONE")
            #expect(try await cast.world.store.character(id: cast.sheet.id)?.values["hunger"] == 4)
        }
    }

    @Test func nothingToUndoAnonymousAndMalformedAreRefused() async throws {
        try await Cast.with { cast in
            let stranger = try await cast.identified(cast.stranger)
            let refused = try await stranger.undo(undo(cast, revision: cast.sheet.revision))
            #expect(refused["t"] == "UNDO_ERROR" && refused["d"]?["reason"] == "forbidden", "\(refused)")
            let anonymous = cast.socket(nil)
            _ = try await anonymous.identify()
            #expect(try await anonymous.undo(undo(cast, revision: 1))["d"]?["reason"] == "forbidden")
            let player = try await cast.identified(cast.player)
            let malformed = try await player.undo(["id": .string(String(cast.sheet.id))])
            #expect(malformed["d"]?["reason"] == "bad_request" && malformed["d"]?["errors"]?["non_field_errors"] != nil)
            // A sheet whose last change is the creation: nothing to undo.
            let created = try await cast.characters.createSheet(
                splat: registry.splat("vampire5th")!, name: "Fresh", owner: cast.player)
            let nothing = try await player.undo(["id": .string(String(created.id)), "revision": .int(created.revision)])
            #expect(nothing["d"]?["reason"] == "invalid", "\(nothing)")
        }
    }
}
