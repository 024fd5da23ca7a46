import Foundation
import RodTestSupport
import Testing

@testable import RodCore
@testable import RodStore

/// A chronicle 9 with members 1 (storyteller) and 2, each with a character in it, plus user 2's character in
/// chronicle 8 and user 1's character outside any chronicle.
func seedChronicles(_ store: any Store) async throws -> (member1: Member, member2: Member) {
    for user in [1, 2] as [Int64] { _ = try await store.ensureUser(id: user, now: 0) }
    try await store.save(Chronicle(id: 9, name: "Camarilla", createdAt: 0), addingBots: [500])
    try await store.save(Chronicle(id: 8, name: "Anarchs", createdAt: 0))
    var member1 = try await store.ensureMember(chronicleID: 9, userID: 1, now: 0)
    member1.storyteller = true
    member1 = try await store.save(member1)
    let member2 = try await store.ensureMember(chronicleID: 9, userID: 2, now: 0)
    let member2Elsewhere = try await store.ensureMember(chronicleID: 8, userID: 2, now: 0)
    func add(_ name: String, user: Int64, chronicle: Int64?, member: Int64?, locked: Bool = false) async throws {
        var character = draft(name, user: user, values: ["st_lock": .bool(locked)])
        character.chronicleID = chronicle
        character.memberID = member
        _ = try await store.insert(character, change: change(.create))
    }
    try await add("One", user: 1, chronicle: 9, member: member1.id, locked: true)
    try await add("Two", user: 2, chronicle: 9, member: member2.id)
    try await add("Two unlinked", user: 2, chronicle: 9, member: nil)
    try await add("Two elsewhere", user: 2, chronicle: 8, member: member2Elsewhere.id)
    try await add("Free", user: 1, chronicle: nil, member: nil)
    _ = try await store.toggleStorytellerRole(roleID: 70, chronicleID: 9)
    try await store.save(InitiativeTracker(channelID: 600, chronicleID: 9, data: ["round": 1], lastUpdated: 0))
    return (member1, member2)
}

@Suite struct CommunityStoreTests {
    @Test(arguments: StoreKind.allCases)
    func chroniclesKeepEveryBotThatJoined(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.save(Chronicle(id: 9, name: "Camarilla", createdAt: 0), addingBots: [501])
            try await store.save(Chronicle(id: 9, name: "Camarilla by night", createdAt: 0), addingBots: [500, 501])
            #expect(try await store.botIDs(chronicleID: 9) == [500, 501])
            #expect(try await store.chronicle(id: 9)?.name == "Camarilla by night")
            #expect(try await store.bot(id: 500) == Bot(id: 500))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deletingAChronicleTakesItsCharactersOutAndRemovesWhatBelongsToIt(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let (member1, member2) = try await seedChronicles(store)
            let departure = try #require(try await store.deleteChronicle(id: 9, change: change(.update, at: 50, actor: nil)))
            #expect(departure.members.map(\.id) == [member1.id, member2.id])
            #expect(departure.characters.map(\.name) == ["One", "Two", "Two unlinked"])
            for character in departure.characters {
                let stored = try #require(try await store.character(id: character.id))
                #expect(stored == character)
                #expect(stored.chronicleID == nil && stored.memberID == nil && !stored.storytellerLock)
                #expect(stored.revision == 2 && stored.lastUpdated == 50)
                let last = try #require(try await store.history(characterID: stored.id).last)
                #expect(last.revision == 2 && last.change.operation == .update && last.change.changes["chronicle"] == [9, nil])
            }
            #expect(try await store.chronicle(id: 9) == nil)
            #expect(try await store.members(chronicleID: 9).isEmpty)
            #expect(try await store.storytellerRoles(chronicleID: 9).isEmpty)
            #expect(try await store.initiativeTracker(channelID: 600) == nil)
            #expect(try await store.botIDs(chronicleID: 9).isEmpty)
            // Untouched: the other chronicle and its character, the free character, the users, the bot.
            #expect(try await store.characters(CharacterQuery(chronicle: .id(8))).map(\.name) == ["Two elsewhere"])
            #expect(try await store.characters(CharacterQuery(name: "Free")).first?.revision == 1)
            #expect(try await store.user(id: 2) != nil)
            #expect(try await store.bot(id: 500) != nil)
            #expect(try await store.deleteChronicle(id: 9, change: change()) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func removingAMembershipTakesOutThatUsersCharactersInThatChronicleOnly(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let (_, member2) = try await seedChronicles(store)
            let departure = try #require(try await store.deleteMember(chronicleID: 9, userID: 2, change: change(.update, at: 60)))
            #expect(departure.members == [member2])
            #expect(departure.characters.map(\.name) == ["Two", "Two unlinked"])
            #expect(try await store.member(chronicleID: 9, userID: 2) == nil)
            #expect(try await store.member(chronicleID: 8, userID: 2) != nil)
            #expect(try await store.characters(CharacterQuery(chronicle: .id(9))).map(\.name) == ["One"])
            #expect(try await store.characters(CharacterQuery(name: "Two elsewhere")).first?.chronicleID == 8)
            #expect(try await store.deleteMember(chronicleID: 9, userID: 2, change: change()) == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func storytellerRolesToggleAndMoveToTheirGuild(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.save(Chronicle(id: 9, name: "A", createdAt: 0))
            try await store.save(Chronicle(id: 8, name: "B", createdAt: 0))
            #expect(try await store.toggleStorytellerRole(roleID: 71, chronicleID: 9) == [71])
            #expect(try await store.toggleStorytellerRole(roleID: 70, chronicleID: 9) == [70, 71])
            #expect(try await store.toggleStorytellerRole(roleID: 71, chronicleID: 9) == [70])
            // A role left under another guild moves instead of being deleted there.
            #expect(try await store.toggleStorytellerRole(roleID: 70, chronicleID: 8) == [70])
            #expect(try await store.storytellerRoles(chronicleID: 9).isEmpty)
            #expect(try await store.deleteStorytellerRole(id: 70))
            #expect(try await !store.deleteStorytellerRole(id: 70))
            await #expect(throws: StoreError.missingReference) {
                try await store.toggleStorytellerRole(roleID: 1, chronicleID: 404)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func commandsCountPerUserCommandAndBot(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            try await store.save(Bot(id: 500, username: "RoD"))
            let first = try await store.recordCommand(userID: 1, botID: 500, command: "/roll", at: 10)
            let second = try await store.recordCommand(userID: 1, botID: 500, command: "/roll", at: 20)
            #expect(first.used == 1 && second.used == 2 && second.id == first.id && second.lastUsed == 20)
            #expect(try await store.user(id: 1)?.lastActive == 20)
            await #expect(throws: StoreError.missingReference) {
                try await store.recordCommand(userID: 2, botID: 500, command: "/x", at: 0)
            }
            await #expect(throws: StoreError.missingReference) {
                try await store.recordCommand(userID: 1, botID: 9, command: "/x", at: 0)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func statisticsCountUsersCharactersAndCommands(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for (user, active) in [(1, 100.0), (2, 40.0), (3, 5.0)] as [(Int64, Double)] {
                try await store.save(User(id: user, createdAt: 0, lastActive: active))
            }
            try await store.save(Bot(id: 500, username: "RoD"))
            try await store.save(Bot(id: 501, username: "V20"))
            _ = try await store.recordCommand(userID: 1, botID: 500, command: "/roll", at: 100)
            _ = try await store.recordCommand(userID: 2, botID: 500, command: "/roll", at: 100)
            _ = try await store.recordCommand(userID: 2, botID: 500, command: "/hunger", at: 100)
            _ = try await store.recordCommand(userID: 3, botID: 501, command: "/roll", at: 1)
            for (name, splat, sheet, at) in [
                ("a", "vampire5th", false, 100.0), ("b", "vampire5th", false, 100), ("c", "mage20th", true, 100),
                ("d", "mage20th", false, 1),
            ] {
                _ = try await store.insert(
                    draft(name, user: 1, splat: splat, values: ["is_sheet": .bool(sheet)]), change: change(.create, at: at))
            }
            let stats = try await store.statistics(activeSince30Days: 50, activeSince14Days: 90)
            // Recording a command marked users 1 and 2 active at 100, user 3 at 1.
            #expect(stats.users == 3)
            #expect(stats.usersActiveIn30Days == 2)
            #expect(stats.usersActiveIn14Days == 2)
            #expect(stats.trackers == [.init(splat: "vampire5th", count: 2)])
            #expect(stats.sheets == [.init(splat: "mage20th", count: 1)])
            #expect(stats.allTime == [.init(splat: "mage20th", count: 2), .init(splat: "vampire5th", count: 2)])
            #expect(
                stats.usersPerBot == [
                    .init(command: "Total Users", bot: "RoD", count: 2), .init(command: "Total Users", bot: "V20", count: 0),
                ])
            #expect(
                stats.commands == [
                    .init(command: "/roll", bot: "RoD", count: 2), .init(command: "/hunger", bot: "RoD", count: 1),
                ])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func initiativeTrackersAreStoredAsSent(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.save(Chronicle(id: 9, name: "A", createdAt: 0))
            let data = try JSON.parse(#"{"phase":2,"characters":[{"name":"Vlad","d10":7}],"tag":null,"aaa":true}"#)
            try await store.save(InitiativeTracker(channelID: 600, chronicleID: 9, data: data, lastUpdated: 5))
            let stored = try #require(try await store.initiativeTracker(channelID: 600))
            #expect(stored.data.serializedString() == data.serializedString())
            try await store.save(InitiativeTracker(channelID: 600, chronicleID: 9, data: ["round": 2], lastUpdated: 6))
            #expect(try await store.initiativeTracker(channelID: 600)?.data == ["round": 2])
            await #expect(throws: StoreError.missingReference) {
                try await store.save(InitiativeTracker(channelID: 601, chronicleID: 404, data: [:], lastUpdated: 0))
            }
            #expect(try await store.deleteInitiativeTracker(channelID: 600))
            #expect(try await !store.deleteInitiativeTracker(channelID: 600))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func supportersAreTheUsersAboveLevelZero(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.save(User(id: 2, supporter: 3, createdAt: 0))
            try await store.save(User(id: 1, supporter: 0, createdAt: 0))
            try await store.save(User(id: 3, supporter: 7, createdAt: 0))
            #expect(try await store.supporters() == [Supporter(userID: 2, level: 3), Supporter(userID: 3, level: 7)])
        }
    }
}
