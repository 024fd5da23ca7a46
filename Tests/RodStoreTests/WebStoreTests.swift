import Foundation
import RodTestSupport
import Testing

@testable import RodCore
@testable import RodStore

@Suite struct WebStoreTests {
    @Test(arguments: StoreKind.allCases)
    func sessionsExpireAndCanBeRevoked(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            _ = try await store.ensureUser(id: 2, now: 0)
            let session = Session(tokenHash: "a", userID: 1, csrfToken: "c", createdAt: 0, expiresAt: 100)
            try await store.save(session)
            try await store.save(Session(tokenHash: "b", userID: 1, csrfToken: "d", createdAt: 0, expiresAt: 100))
            try await store.save(Session(tokenHash: "z", userID: 2, csrfToken: "e", createdAt: 0, expiresAt: 100))
            #expect(try await store.session(tokenHash: "a", now: 99) == session)
            #expect(try await store.session(tokenHash: "a", now: 100) == nil)
            try await store.deleteSession(tokenHash: "a")
            #expect(try await store.session(tokenHash: "a", now: 1) == nil)
            try await store.deleteSessions(userID: 1)
            #expect(try await store.session(tokenHash: "b", now: 1) == nil)
            #expect(try await store.session(tokenHash: "z", now: 1) != nil)
            try await store.deleteExpired(now: 200)
            #expect(try await store.session(tokenHash: "z", now: 1) == nil)
            await #expect(throws: StoreError.missingReference) {
                try await store.save(Session(tokenHash: "x", userID: 404, csrfToken: "c", createdAt: 0, expiresAt: 1))
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func loginStatesAreSingleUseAndExpire(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.saveOAuthState(hash: "s", at: 100)
            #expect(try await store.takeOAuthState(hash: "s", notBefore: 50))
            #expect(try await !store.takeOAuthState(hash: "s", notBefore: 50))
            try await store.saveOAuthState(hash: "old", at: 10)
            #expect(try await !store.takeOAuthState(hash: "old", notBefore: 50))
            #expect(try await !store.takeOAuthState(hash: "never", notBefore: 0))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func apiRequestsAreCountedPerUserAndDay(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            #expect(try await store.countAPIRequest(userID: 1, day: 20_000) == 1)
            #expect(try await store.countAPIRequest(userID: 1, day: 20_000) == 2)
            #expect(try await store.countAPIRequest(userID: 1, day: 20_001) == 1)
            // Counts kept elsewhere are added in one transaction; days before the day before the latest are forgotten.
            _ = try await store.ensureUser(id: 2, now: 0)
            try await store.addAPIRequests([(1, 20_001, 10), (2, 20_001, 3), (2, 20_002, 4)])
            #expect(try await store.apiRequests(userID: 1, day: 20_001) == 11)
            #expect(try await store.apiRequests(userID: 2, day: 20_001) == 3)
            #expect(try await store.apiRequests(userID: 2, day: 20_002) == 4)
            #expect(try await store.apiRequests(userID: 1, day: 20_000) == 0)
            try await store.addAPIRequests([])
            // A user erased meanwhile is not counted again.
            try await store.addAPIRequests([(99, 20_002, 5)])
            #expect(try await store.apiRequests(userID: 99, day: 20_002) == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func patreonEventsAreRecorded(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let event = PatreonEvent(
                event: "members:pledge:create", discordID: 1, tier: "8618737", level: 3, outcome: "applied", payload: "{}",
                receivedAt: 5)
            try await store.record(event)
            #expect(try await store.patreonEvents() == [event])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func loginSyncsMembershipsWithTheGuildsDiscordLists(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await seedChronicles(store)  // user 2 is a member of 9 and of 8
            try await store.save(Chronicle(id: 7, name: "Sabbat", createdAt: 0))
            // Discord: user 2 is now in 7 (as admin) and 8 (as admin), left 9, and is in 6, which is no chronicle.
            let sync = try await store.syncMemberships(
                userID: 2, guilds: [7: true, 8: true, 6: false], change: change(.update, at: 70, actor: 2))
            #expect(sync.created.map(\.chronicleID) == [7])
            #expect(sync.created.first?.admin == true)
            #expect(sync.updated.map(\.chronicleID) == [8])
            #expect(sync.removed.map(\.chronicleID) == [9])
            #expect(sync.characters.map(\.name) == ["Two", "Two unlinked"])
            #expect(try await store.members(userID: 2).map(\.chronicleID).sorted() == [7, 8])
            #expect(try await store.member(chronicleID: 8, userID: 2)?.admin == true)
            #expect(try await store.characters(CharacterQuery(userID: 2, chronicle: .id(9))).isEmpty)
            #expect(try await store.members(userID: 1).count == 1)
        }
    }
}

@Suite struct PatreonDeliveryStoreTests {
    @Test(arguments: StoreKind.allCases)
    func deliveriesAreFoundByHashAndAPatronsLastAppliedEventByTime(kind: StoreKind) async throws {
        try await kind.withStore { store in
            func event(_ name: String, outcome: String, hash: String, time: Double?) -> PatreonEvent {
                PatreonEvent(
                    event: name, discordID: 1, tier: nil, level: 0, outcome: outcome, payload: "{}", receivedAt: 0,
                    deliveryHash: hash, patron: "42", eventTime: time)
            }
            try await store.record(event("members:pledge:create", outcome: "applied", hash: "a", time: 200))
            try await store.record(event("members:pledge:update", outcome: "stale", hash: "b", time: 300))
            try await store.record(event("members:pledge:delete", outcome: "applied", hash: "c", time: 200))
            try await store.record(event("members:create", outcome: "applied", hash: "d", time: nil))
            #expect(try await store.patreonDeliveryExists(hash: "b"))
            #expect(try await !store.patreonDeliveryExists(hash: "z"))
            // The latest applied by time; among equal times the one recorded last; undated events come last.
            #expect(try await store.lastAppliedPatreonEvent(patron: "42")?.event == "members:pledge:delete")
            #expect(try await store.lastAppliedPatreonEvent(patron: "7") == nil)
            let all = try await store.patreonEvents()
            #expect(all.map(\.deliveryHash) == ["a", "b", "c", "d"] && all.last?.eventTime == nil && all.first?.patron == "42")
        }
    }
}

@Suite struct HistoryReplayTests {
    /// Writes through the store with the changes the services record, then rebuilds every revision from the history.
    @Test(arguments: StoreKind.allCases)
    func everyRevisionIsRebuiltFromTheHistory(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            // As the services create them: every trait present, those kept in columns included.
            let created = draft(
                "Vlad",
                values: ["is_sheet": true, "status": 1, "st_lock": false, "theme": "#000000", "exp_current": 0, "exp_total": 0])
            var current = try await store.insert(
                created, change: CharacterChange(operation: .create, face: .web, actorID: 1, changes: created.snapshot, at: 0))
            var expected: [Int64: CharacterRecord] = [current.revision: current]
            let edits: [(inout CharacterRecord) -> Void] = [
                { $0.values["hunger"] = 3 },
                { $0.values["disciplines"] = ["Auspex": ["value": 2], "Dominate": ["value": 1]] },
                { $0.values["disciplines"] = ["Auspex": ["value": 3], "Dominate": ["value": 1]] },
                { $0.values["merits"] = ["a", "b", "c"] },
                { $0.values["merits"] = ["a", "x", "c", "d"] },
                { $0.values["disciplines"] = ["Dominate": ["value": 1]] },
                { $0.values["merits"] = .object(["now": "an object"]) },
                {
                    $0.values["notes"] = "Embraced in 1890"
                    $0.avatar = "char_avatars/v.png"
                },
            ]
            for edit in edits {
                var next = current
                edit(&next)
                let record = CharacterChange(
                    operation: .update, face: .web, actorID: 1, changes: current.changes(to: next), at: 1)
                current = try #require(try await store.update(next, change: record))
                expected[current.revision] = current
            }
            let states = try CharacterHistory.states(try await store.history(characterID: current.id))
            #expect(states.map(\.revision) == Array(1...Int64(edits.count + 1)))
            for state in states {
                let character = try #require(expected[state.revision])
                for (key, value) in character.values { #expect(state.values[key] == value, "\(key) at \(state.revision)") }
                #expect(state.values["avatar"] == .string(character.avatar))
            }
            _ = try await store.deleteCharacters(
                ids: [current.id], change: CharacterChange(operation: .delete, face: .web, actorID: 1, changes: nil, at: 2))
            #expect(try CharacterHistory.states(try await store.history(characterID: current.id)).count == edits.count + 1)
        }
    }
}

@Suite struct StoreImportTests {
    static func batch() -> ImportBatch {
        var batch = ImportBatch()
        batch.users = [User(id: 1001, username: "Mirai", createdAt: 10), User(id: 1002, username: "Sam", createdAt: 11)]
        batch.bots = [Bot(id: 7, username: "RoD")]
        batch.chronicles = [(Chronicle(id: 900, name: "Camarilla", createdAt: 12), [7])]
        batch.members = [Member(id: 40, chronicleID: 900, userID: 1001, storyteller: true, createdAt: 13)]
        batch.storytellerRoles = [(55, 900)]
        batch.initiativeTrackers = [InitiativeTracker(channelID: 77, chronicleID: 900, data: ["round": 2], lastUpdated: 14)]
        batch.commandStats = [CommandStat(id: 30, userID: 1001, botID: 7, command: "/roll", used: 4, lastUsed: 15)]
        var vlad = draft("Vlad", user: 1001)
        vlad.id = 68
        vlad.chronicleID = 900
        vlad.memberID = 40
        batch.characters = [
            (
                vlad,
                CharacterChange(
                    operation: .imported, face: .imported, actorID: nil, changes: ["from": "test", "state": vlad.snapshot], at: 16
                )
            )
        ]
        batch.defaultCharacters = [(40, 68)]
        return batch
    }

    @Test(arguments: StoreKind.allCases)
    func anImportKeepsItsIdsAndNewIdsContinueAfterThem(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.importing(replacing: false) { writer in try await writer.write(Self.batch()) }
            let vlad = try #require(try await store.character(id: 68))
            #expect(vlad.name == "Vlad" && vlad.chronicleID == 900 && vlad.memberID == 40 && vlad.revision == 1)
            #expect(try await store.member(chronicleID: 900, userID: 1001)?.defaultCharacterID == 68)
            #expect(try await store.botIDs(chronicleID: 900) == [7])
            #expect(try await store.storytellerRoles(chronicleID: 900) == [55])
            #expect(try await store.initiativeTracker(channelID: 77)?.data == ["round": 2])
            #expect(try await store.history(characterID: 68).map(\.change.operation) == [.imported])
            // New rows take the next ids.
            let next = try await store.insert(draft("Ada", user: 1002), change: change(.create))
            #expect(next.id == 69)
            let member = try await store.ensureMember(chronicleID: 900, userID: 1002, now: 20)
            #expect(member.id == 41)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedImportLeavesNothingAndAFullStoreIsRefusedUnlessReplaced(kind: StoreKind) async throws {
        try await kind.withStore { store in
            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await store.importing(replacing: false) { writer in
                    try await writer.write(Self.batch())
                    throw Stop()
                }
            }
            #expect(try await store.user(id: 1001) == nil)
            #expect(try await store.character(id: 68) == nil)

            _ = try await store.ensureUser(id: 5, now: 0)
            _ = try await store.insert(draft("Old", user: 5), change: change(.create))
            await #expect(throws: StoreError.notEmpty("1 users, 0 chronicles, 1 characters")) {
                try await store.importing(replacing: false) { writer in try await writer.write(Self.batch()) }
            }
            #expect(try await store.user(id: 5) != nil)
            try await store.importing(replacing: true) { writer in try await writer.write(Self.batch()) }
            #expect(try await store.user(id: 5) == nil)
            #expect(try await store.character(id: 68)?.name == "Vlad")
            #expect(try await store.insert(draft("Next", user: 1002), change: change(.create)).id == 69)
        }
    }
}
