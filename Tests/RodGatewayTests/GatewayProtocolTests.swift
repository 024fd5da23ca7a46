import Foundation
import RodCore
import RodGateway
import RodServices
import RodStore
import RodTestSupport
import Testing

@Suite struct GatewayProtocolTests {
    // MARK: Handshake and READY

    @Test func anonymousSocketsAreWelcomedAndGetAnEmptyReady() async throws {
        try await Cast.with { cast in
            let socket = cast.socket(nil)
            let welcome = try await socket.texts.take()
            #expect(welcome == #"{"op": 4, "d": null, "t": null}"#)
            socket.send(["op": 3, "d": nil, "t": nil])
            let ready = try await socket.texts.take()
            #expect(ready == #"{"op": 0, "d": {}, "t": "READY"}"#)
            #expect(await socket.close() == nil)
        }
    }

    @Test func readyHoldsWhatThePlayerMaySee() async throws {
        try await Cast.with { cast in
            let ready = try await cast.socket(cast.player).identify()
            #expect(ready.objectValue?.keys == ["user", "members", "characters", "chronicles", "revisions"])
            #expect(ready["user"] == GatewayShapes.user(cast.player))
            let splat = registry.splat("vampire5th")!
            #expect(ready["characters"]?[String(cast.sheet.id)] == splat.tracker(cast.sheet))
            #expect(ready["characters"]?[String(cast.tracker.id)]?["splat"] == "werewolf5th")
            #expect(ready["chronicles"] == ["900": ["id": "900", "name": "Camarilla", "iconUrl": "", "createdAt": 0.0]])
            // A player sees their own membership only.
            #expect(ready["members"]?["900"]?.objectValue?.keys == ["1001"])
            #expect(ready["members"]?["900"]?["1001"]?["nickname"] == "Nadia")
            #expect(ready["revisions"]?[String(cast.sheet.id)] == .int(cast.sheet.revision))
        }
    }

    @Test func readyGivesStaffTheWholeChronicleAndStrangersNothingOfIt() async throws {
        try await Cast.with { cast in
            let staff = try await cast.socket(cast.storyteller).identify()
            #expect(staff["characters"]?.objectValue?.keys == [String(cast.sheet.id)])
            #expect(staff["members"]?["900"]?.objectValue?.keys == ["1001", "1002"])
            let stranger = try await cast.socket(cast.stranger).identify()
            #expect(stranger["characters"] == .emptyObject)
            #expect(stranger["chronicles"] == .emptyObject)
        }
    }

    @Test func heartbeatsAreAcknowledgedAndJunkIsIgnored() async throws {
        try await Cast.with { cast in
            let socket = cast.socket(cast.player)
            _ = try await socket.frames.next()
            socket.send(text: "not json")
            socket.send(["d": 1])
            socket.send(["op": 6, "d": nil, "t": nil])
            socket.send(["op": 2, "d": nil, "t": nil])
            // The junk before the heartbeat produced nothing: after the HELLO (op 4) the next frame is the acknowledgement, and
            // nothing follows.
            #expect(try await socket.texts.take(where: { _ in true }) == #"{"op": 4, "d": null, "t": null}"#)
            #expect(try await socket.texts.take(where: { _ in true }) == #"{"op": 5, "d": null, "t": null}"#)
            #expect(await socket.texts.staysWithout(where: { _ in true }))
        }
    }

    // MARK: Who sees what

    @Test func aSaveReachesTheOwnerAndStaffWithTheSheetWhereItIsOpen() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            let stranger = try await cast.identified(cast.stranger)
            player.subscribe(sheet: .string(String(cast.sheet.id)))
            // The original matched string ids only; a number selects the sheet too.
            storyteller.subscribe(sheet: .int(cast.sheet.id))
            _ = try await player.fieldUpdate([
                "id": .int(cast.sheet.id), "key": "hunger", "value": 3, "revision": .int(cast.sheet.revision),
            ])
            for socket in [player, storyteller] {
                let update = try await socket.nextUpdate()
                #expect(update["character"]?["hunger"] == 3)
                #expect(update["id"] == .int(cast.sheet.id))
                #expect(update["sheet"]?["hunger"] == 3)
                #expect(update["revision"] == .int(cast.sheet.revision + 1))
            }
            #expect(await stranger.frames.staysWithout("UPDATE_CHARACTER"))

            // Without a selected sheet, updates carry the tracker only.
            player.subscribe(sheet: "")
            _ = try await cast.characters.saveForBot(["id": .int(cast.tracker.id), "user": "1001", "rage": 2], avatar: nil)
            let update = try await player.nextUpdate()
            #expect(update["character"]?["rage"] == 2)
            #expect(update["sheet"] == nil)
            #expect(await storyteller.frames.staysWithout("UPDATE_CHARACTER"))
        }
    }

    @Test func staffDropACharacterThatLeavesTheirChronicle() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            _ = try await cast.characters.updateSheet(
                id: cast.sheet.id, splat: registry.splat("vampire5th")!, input: ["chronicle": nil], by: cast.player,
                expectedRevision: nil)
            #expect(try await player.nextUpdate()["character"]?["chronicle"] == .null)
            let dropped = try await storyteller.frames.next("DELETE_CHARACTER")
            #expect(dropped["d"] == ["id": .string(String(cast.sheet.id))])
            // Dropped means no longer followed.
            _ = try await cast.characters.updateSheet(
                id: cast.sheet.id, splat: registry.splat("vampire5th")!, input: ["hunger": 4], by: cast.player,
                expectedRevision: nil)
            _ = try await player.nextUpdate()
            #expect(await storyteller.frames.staysWithout("UPDATE_CHARACTER"))
        }
    }

    @Test func newCharactersReachTheirOwnerAndTheirChroniclesStaff() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            let stranger = try await cast.identified(cast.stranger)
            let created = try await cast.characters.createForBot(
                ["name": "Newcomer", "user": "1001", "splat": "hunter5th", "chronicle": "900"], avatar: nil)
            for socket in [player, storyteller] {
                let update = try await socket.nextUpdate()
                #expect(update["id"] == .int(created.id))
                #expect(update["sheet"] == nil)
            }
            #expect(await stranger.frames.staysWithout("UPDATE_CHARACTER"))
            // It is followed from now on: its deletion reaches both.
            _ = try await cast.characters.delete(ids: [created.id], face: .bot, actorID: nil)
            for socket in [player, storyteller] {
                #expect(try await socket.frames.next("DELETE_CHARACTER")["d"] == ["id": .string(String(created.id))])
            }
        }
    }

    @Test func userAndChronicleChangesReachThoseWhoFollowThem() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let stranger = try await cast.identified(cast.stranger)
            _ = try await cast.world.services.users.update(["user": ["id": "1001", "username": "Nadia R."]])
            #expect(try await player.frames.next("UPDATE_USER")["d"]?["user"]?["username"] == "Nadia R.")
            _ = try await cast.world.services.chronicles.set(["id": "900", "name": "Anarchs", "bot": "42"])
            #expect(try await player.frames.next("UPDATE_CHRONICLE")["d"]?["chronicle"]?["name"] == "Anarchs")
            #expect(
                await stranger.frames.staysWithout(where: {
                    ["UPDATE_USER", "UPDATE_CHRONICLE"].contains($0["t"]?.stringValue ?? "")
                }))
        }
    }

    // MARK: Memberships

    @Test func aNewMemberIsAnnouncedToStaffAndJoinsTheChronicle() async throws {
        try await Cast.with { cast in
            let storyteller = try await cast.identified(cast.storyteller)
            let newcomer = try await cast.identified(cast.stranger)
            _ = try await cast.world.services.users.update([
                "user": ["id": "1003", "username": "Eve", "member": ["guild_id": "900", "nickname": "Evie"]]
            ])
            #expect(try await storyteller.frames.next("UPDATE_MEMBER")["d"]?["member"]?["nickname"] == "Evie")
            #expect(try await newcomer.frames.next("UPDATE_CHRONICLE")["d"]?["chronicle"]?["id"] == "900")
            #expect(try await newcomer.frames.next("UPDATE_MEMBER")["d"]?["member"]?["user"] == "1003")
            // Now a member, the newcomer follows the chronicle.
            _ = try await cast.world.services.chronicles.set(["id": "900", "name": "Sabbat", "bot": "42"])
            #expect(try await newcomer.frames.next("UPDATE_CHRONICLE")["d"]?["chronicle"]?["name"] == "Sabbat")
        }
    }

    @Test func gainingAndLosingStaffStatusChangesWhatAUserSees() async throws {
        try await Cast.with { cast in
            _ = try await cast.world.services.users.update(["user": ["id": "1003", "member": ["guild_id": "900"]]])
            let promoted = try await cast.identified(cast.stranger)
            _ = try await cast.world.services.users.update([
                "user": ["id": "1003", "member": ["guild_id": "900", "storyteller": true]]
            ])
            #expect(try await promoted.nextUpdate()["id"] == .int(cast.sheet.id))
            let first = try await promoted.frames.next("UPDATE_MEMBER")
            let second = try await promoted.frames.next("UPDATE_MEMBER")
            let announced = Set([first, second].compactMap { $0["d"]?["member"]?["user"]?.stringValue })
            #expect(announced.isSuperset(of: ["1001", "1002"]))

            _ = try await cast.world.services.users.update([
                "user": ["id": "1003", "member": ["guild_id": "900", "storyteller": false]]
            ])
            #expect(try await promoted.frames.next("DELETE_CHARACTER")["d"] == ["id": .string(String(cast.sheet.id))])
            let gone = try await promoted.frames.next("DELETE_MEMBER")["d"]?["member"]
            #expect(gone?["chronicle"] == "900")
            #expect(["1001", "1002"].contains(gone?["user"]?.stringValue ?? ""))
        }
    }

    @Test func aRemovedMemberLeavesAndStaffAreTold() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            _ = try await cast.world.services.chronicles.removeMember(chronicleID: Cast.chronicle, userID: Cast.player)
            // The player's sheet leaves the chronicle first: the player keeps it, staff drop it.
            #expect(try await player.nextUpdate()["character"]?["chronicle"] == .null)
            #expect(try await storyteller.frames.next("DELETE_CHARACTER")["d"] == ["id": .string(String(cast.sheet.id))])
            for socket in [player, storyteller] {
                let member = try await socket.frames.next("DELETE_MEMBER")["d"]?["member"]
                #expect(member?["user"] == "1001")
                #expect(member?["chronicle"] == "900")
            }
            // The player no longer follows the chronicle.
            _ = try await cast.world.services.chronicles.set(["id": "900", "name": "Gone", "bot": "42"])
            #expect(try await storyteller.frames.next("UPDATE_CHRONICLE")["d"]?["chronicle"]?["name"] == "Gone")
            #expect(await player.frames.staysWithout("UPDATE_CHRONICLE"))
        }
    }

    // MARK: Field updates

    func update(_ cast: Cast, _ fields: JSON, revision: Int64? = nil) -> JSON {
        var d: JSONObject = ["id": .string(String(cast.sheet.id)), "revision": .int(revision ?? cast.sheet.revision)]
        for (key, value) in fields.objectValue ?? [:] { d[key] = value }
        return .object(d)
    }

    @Test func aFieldUpdateIsStoredAndAcknowledged() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let reply = try await player.fieldUpdate(update(cast, ["nonce": "n1", "key": "hunger", "value": 4]))
            #expect(reply["t"] == "FIELD_UPDATED")
            #expect(
                reply["d"]
                    == [
                        "nonce": "n1", "id": .string(String(cast.sheet.id)), "key": "hunger",
                        "revision": .int(cast.sheet.revision + 1), "value": 4,
                    ])
            let stored = try #require(try await cast.world.store.character(id: cast.sheet.id))
            #expect(stored.values["hunger"] == 4)
            #expect(stored.revision == cast.sheet.revision + 1)
            #expect(try await cast.world.store.history(characterID: cast.sheet.id).last?.change.changes == ["hunger": [1, 4]])
        }
    }

    @Test func everyKindOfEditWorksThroughTheSocket() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            var revision = cast.sheet.revision
            func edit(_ fields: JSON) async throws -> JSON {
                let reply = try await player.fieldUpdate(update(cast, fields, revision: revision))
                #expect(reply["t"] == "FIELD_UPDATED", "\(reply)")
                if reply["t"] == "FIELD_UPDATED" { revision += 1 }
                return reply["d"]?["value"] ?? nil
            }
            #expect(try await edit(["key": "humanity", "add": -2]) == 5)
            #expect(
                try await edit(["key": "health", "damage": ["superficial": 2]]) == [
                    "superficial": 2, "aggravated": 0, "total": 4,
                ])
            let merit: JSON = [
                "name": "Resources", "description": "", "notes": "", "rating": 2, "flaw": false, "modifier": 0,
            ]
            #expect(try await edit(["key": "merits", "append": merit]) == [merit])
            #expect(try await edit(["key": "merits", "remove": 0]) == [])
            let auspex: JSON = ["name": "Auspex", "custom": 0, "value": 2, "powers": ["1": nil]]
            #expect(try await edit(["key": "disciplines", "entry": ["name": "Auspex", "value": auspex]]) == ["Auspex": auspex])
            #expect(try await edit(["key": "athletics_spec", "append": "Parkour"]) == ["Parkour"])
        }
    }

    @Test func anInvalidValueIsRefusedToTheSenderOnly() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            let reply = try await player.fieldUpdate(update(cast, ["nonce": 7, "key": "hunger", "value": 9]))
            #expect(reply["t"] == "FIELD_ERROR")
            #expect(reply["d"]?["reason"] == "invalid")
            #expect(reply["d"]?["nonce"] == 7)
            #expect(reply["d"]?["errors"] == ["hunger": ["Ensure this value is less than or equal to 5."]])
            #expect(await storyteller.frames.staysWithout("FIELD_ERROR"))
            #expect(await storyteller.frames.staysWithout("UPDATE_CHARACTER", for: .zero))
            // The socket stays open.
            player.send(["op": 2, "d": nil, "t": nil])
            #expect(try await player.texts.take(where: { $0.contains("\"op\": 5") }).isEmpty == false)
            #expect(try await cast.world.store.character(id: cast.sheet.id)?.revision == cast.sheet.revision)
        }
    }

    @Test func aStaleRevisionIsRefusedWithTheCurrentValue() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            // Both saw the same revision; the storyteller writes first.
            #expect(try await storyteller.fieldUpdate(update(cast, ["key": "hunger", "value": 2]))["t"] == "FIELD_UPDATED")
            let reply = try await player.fieldUpdate(update(cast, ["key": "hunger", "value": 5]))
            #expect(reply["t"] == "FIELD_ERROR")
            #expect(reply["d"]?["reason"] == "stale")
            #expect(reply["d"]?["revision"] == .int(cast.sheet.revision + 1))
            #expect(reply["d"]?["value"] == 2)
            #expect(try await cast.world.store.character(id: cast.sheet.id)?.values["hunger"] == 2)
        }
    }

    @Test func theStorytellerLockAndPermissionsApply() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let storyteller = try await cast.identified(cast.storyteller)
            let stranger = try await cast.identified(cast.stranger)
            let anonymous = cast.socket(nil)
            #expect(try await storyteller.fieldUpdate(update(cast, ["key": "st_lock", "value": true]))["t"] == "FIELD_UPDATED")
            let revision = cast.sheet.revision + 1
            let locked = try await player.fieldUpdate(update(cast, ["key": "strength", "value": 3], revision: revision))
            #expect(locked["d"]?["reason"] == "locked")
            #expect(locked["d"]?["errors"] == ["strength": ["This sheet is locked by its storyteller."]])
            // Tracker traits stay open to the player under the lock.
            let tracked = try await player.fieldUpdate(update(cast, ["key": "hunger", "value": 3], revision: revision))
            #expect(tracked["t"] == "FIELD_UPDATED")
            for socket in [stranger, anonymous] {
                let refused = try await socket.fieldUpdate(update(cast, ["key": "hunger", "value": 1], revision: revision + 1))
                #expect(refused["d"]?["reason"] == "forbidden")
                #expect(refused["d"]?["value"] == nil, "no value leaks to those who may not read the sheet")
            }
        }
    }

    @Test func malformedAndMisdirectedRequestsAreExplained() async throws {
        try await Cast.with { cast in
            let player = try await cast.identified(cast.player)
            let missing = try await player.fieldUpdate(["id": .int(cast.sheet.id), "key": "hunger", "value": 1])
            #expect(missing["d"]?["reason"] == "bad_request")
            #expect(
                missing["d"]?["errors"] == [
                    "hunger": ["`revision` must be the character's revision the edit was made against."]
                ])
            let twoEdits = try await player.fieldUpdate(update(cast, ["key": "hunger", "value": 1, "add": 1]))
            #expect(twoEdits["d"]?["reason"] == "bad_request")
            let unknown = try await player.fieldUpdate(update(cast, ["key": "gnosis", "value": 1]))
            #expect(unknown["d"]?["reason"] == "invalid")
            #expect(unknown["d"]?["errors"] == ["gnosis": ["Unknown field."]])
            let missingCharacter = try await player.fieldUpdate(["id": "999999", "key": "hunger", "value": 1, "revision": 1])
            #expect(missingCharacter["d"]?["reason"] == "not_found")
            let tracker = try await player.fieldUpdate([
                "id": .int(cast.tracker.id), "key": "rage", "value": 1, "revision": .int(cast.tracker.revision),
            ])
            #expect(tracker["d"]?["reason"] == "not_a_sheet")
        }
    }

    // MARK: Limits

    @Test func aUserMayHoldOnlySoManySockets() async throws {
        try await Cast.with(
            configure: { $0.gateway.limits.maxConnectionsPerUser = 2 },
            run: { cast in
                let first = cast.socket(cast.player)
                let second = cast.socket(cast.player)
                _ = try await first.frames.next()
                _ = try await second.frames.next()
                let third = cast.socket(cast.player)
                #expect(await third.close() == .tooManyConnections)
                // Others are not affected, and a closed socket frees its place.
                let other = cast.socket(cast.storyteller)
                _ = try await other.frames.next()
                _ = await first.close()
                let fourth = cast.socket(cast.player)
                _ = try await fourth.frames.next()
                #expect(cast.gateway.connectionCount == 3)
            })
    }

    @Test func aSocketThatFallsFarBehindIsClosed() async throws {
        try await Cast.with(
            configure: { $0.gateway.limits.maxPendingInputs = 16 },
            run: { cast in
                // A client that reads very slowly.
                let slow = FakeSocket(cast.gateway, user: cast.player) { _ in try await Task.sleep(for: .milliseconds(200)) }
                _ = try await slow.identify()
                for hunger in 0..<40 {
                    _ = try await cast.characters.updateSheet(
                        id: cast.sheet.id, splat: registry.splat("vampire5th")!, input: ["hunger": .int(Int64(hunger % 5))],
                        by: cast.player, expectedRevision: nil)
                }
                #expect(await slow.close() == .tooFarBehind)
            })
    }
}
