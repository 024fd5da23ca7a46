import Foundation
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
