import Foundation
import Logging
import RodCore
import RodTestSupport
import Testing

@testable import RodServices
@testable import RodStore

/// The retention rule on both stores: old changes beyond the last ones kept go, a baseline keeps every later state
/// rebuildable, and what is young or recent stays.
@Suite struct HistoryRetentionTests {
    static let day = 86_400.0
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    /// A media folder of the test's own (nothing is written to it unless a test does).
    static func media() -> MediaStore {
        MediaStore(root: FileManager.default.temporaryDirectory.appendingPathComponent("rod-media-\(UUID().uuidString)"))
    }

    /// A character created on day 0 and changed once a day, days 1 to `days` (hunger = the day, mod 6).
    static func character(_ store: SQLStore, name: String, days: Int) async throws -> CharacterRecord {
        _ = try await store.ensureUser(id: 1001, now: 0)
        var character = try await store.insert(
            CharacterRecord(
                id: 0, splat: "vampire5th", userID: 1001, values: ["name": .string(name), "hunger": 0], createdAt: 0,
                lastUpdated: 0),
            change: CharacterChange(
                operation: .create, face: .web, actorID: 1001, changes: ["name": .string(name), "hunger": 0], at: 0))
        for day in 1...max(days, 1) where days > 0 {
            var next = character
            next.values["hunger"] = .int(Int64(day % 6))
            next.values["notes"] = .string("day \(day)")
            let change = CharacterChange(
                operation: .update, face: .web, actorID: 1001, changes: character.changes(to: next), at: Double(day) * Self.day)
            character = try #require(try await store.update(next, change: change))
        }
        return character
    }

    @Test(arguments: StoreKind.allCases)
    func oldChangesBeyondTheLastOnesBecomeABaseline(store kind: StoreKind) async throws {
        try await kind.withStore { store in
            let busy = try await Self.character(store, name: "Busy", days: 10)
            let young = try await Self.character(store, name: "Young", days: 2)
            let before = try CharacterHistory.states(try await store.history(characterID: busy.id))
            let retention = HistoryRetention(keepChanges: 3, keepDays: 2)
            let now = 10.5 * Self.day
            let outcome = try await retention.prune(store, media: Self.media(), now: now, logger: Self.quiet)
            // Rows of days 0 to 7 go (beyond the last three, older than 8.5 days); day 7's state stays as a baseline.
            #expect(outcome == HistoryRetention.Outcome(characters: 1, rows: 7))
            let rows = try await store.history(characterID: busy.id)
            #expect(rows.map(\.revision) == [8, 9, 10, 11])
            #expect(rows[0].change.operation == .baseline && rows[0].change.face == .system)
            let after = try CharacterHistory.states(rows)
            #expect(after == Array(before.suffix(4)))
            #expect(try await store.history(characterID: young.id).count == 3)
            // Pruned once, nothing more to do until more changes come.
            #expect(
                try await retention.prune(store, media: Self.media(), now: now, logger: Self.quiet) == HistoryRetention.Outcome())
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDeletedCharactersHistoryKeepsItsLastStates(store kind: StoreKind) async throws {
        try await kind.withStore { store in
            let gone = try await Self.character(store, name: "Gone", days: 6)
            _ = try await store.deleteCharacters(
                ids: [gone.id],
                change: CharacterChange(operation: .delete, face: .web, actorID: 1001, changes: .null, at: 7 * Self.day))
            let retention = HistoryRetention(keepChanges: 2, keepDays: 0, keepDeletedDays: 1000)
            _ = try await retention.prune(store, media: Self.media(), now: 100 * Self.day, logger: Self.quiet)
            let rows = try await store.history(characterID: gone.id)
            #expect(rows.map(\.change.operation) == [.baseline, .update, .delete])
            // Its last state can still be rebuilt, and so restored.
            let states = try CharacterHistory.states(rows)
            #expect(states.last?.values["notes"] == "day 6" && states.last?.revision == 7)
            #expect(try await store.deletedCharacter(id: gone.id)?.name == "Gone")
        }
    }

    /// Issue 22: a deleted character, its history and its avatar's file are kept `keepDeletedDays`, then forgotten;
    /// a live character of the same owner keeps everything.
    @Test(arguments: StoreKind.allCases)
    func deletedCharactersExpireWithTheirHistoryAndAvatar(store kind: StoreKind) async throws {
        try await kind.withStore { store in
            let media = Self.media()
            defer { try? FileManager.default.removeItem(at: media.root) }
            var old = try await Self.character(store, name: "Old", days: 2)
            let avatar = try media.store([1, 2, 3], folder: MediaStore.avatarFolder, fileExtension: "png")
            var withAvatar = old
            withAvatar.avatar = avatar
            old = try #require(
                try await store.update(
                    withAvatar,
                    change: CharacterChange(
                        operation: .update, face: .web, actorID: 1001, changes: old.changes(to: withAvatar), at: 3 * Self.day)))
            let recent = try await Self.character(store, name: "Recent", days: 2)
            let alive = try await Self.character(store, name: "Alive", days: 2)
            for (character, day) in [(old, 4.0), (recent, 20.0)] {
                _ = try await store.deleteCharacters(
                    ids: [character.id],
                    change: CharacterChange(operation: .delete, face: .web, actorID: 1001, changes: .null, at: day * Self.day))
            }
            #expect(try await store.deletedCharacter(id: old.id)?.avatar == avatar)
            let retention = HistoryRetention(keepChanges: 100, keepDays: 100, keepDeletedDays: 10)
            let outcome = try await retention.prune(store, media: media, now: 15 * Self.day, logger: Self.quiet)
            #expect(outcome == HistoryRetention.Outcome(deletedCharacters: 1))
            #expect(try await store.deletedCharacter(id: old.id) == nil)
            #expect(try await store.history(characterID: old.id).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: try #require(media.url(of: avatar)).path))
            #expect(try await store.deletedCharacter(id: recent.id) != nil)
            #expect(try await store.history(characterID: recent.id).count == 4)
            #expect(try await store.history(characterID: alive.id).count == 3)
        }
    }

    /// Issue 22: beyond the ones a user keeps, the oldest deleted are forgotten, and nobody else's.
    @Test(arguments: StoreKind.allCases)
    func aUserKeepsTheirLatestDeletedCharacters(store kind: StoreKind) async throws {
        try await kind.withStore { store in
            var ids: [Int64] = []
            for index in 0..<4 {
                let character = try await Self.character(store, name: "Gone \(index)", days: 0)
                _ = try await store.deleteCharacters(
                    ids: [character.id],
                    change: CharacterChange(operation: .delete, face: .web, actorID: 1001, changes: .null, at: Double(index)))
                ids.append(character.id)
            }
            _ = try await store.ensureUser(id: 1002, now: 0)
            let other = try await store.insert(
                CharacterRecord(
                    id: 0, splat: "vampire5th", userID: 1002, values: ["name": "Theirs"], createdAt: 0, lastUpdated: 0),
                change: CharacterChange(operation: .create, face: .web, actorID: 1002, changes: ["name": "Theirs"], at: 0))
            _ = try await store.deleteCharacters(
                ids: [other.id], change: CharacterChange(operation: .delete, face: .web, actorID: 1002, changes: .null, at: -1))
            let forgotten = try await store.forgetDeletedCharacters(.beyondLatest(2, userID: 1001))
            #expect(Set(forgotten.map(\.id)) == Set(ids.prefix(2)))
            #expect(try await store.deletedCharacters(userID: 1001).map(\.id) == [ids[3], ids[2]])
            #expect(try await store.deletedCharacters(userID: 1002).map(\.id) == [other.id])
            #expect(try await store.history(characterID: ids[0]).isEmpty)
            #expect(try await store.history(characterID: ids[3]).count == 2)
        }
    }

    @Test func thePlanKeepsWhatTheRuleKeeps() {
        let retention = HistoryRetention(keepChanges: 2, keepDays: 1)
        func rows(_ days: [Double], first: CharacterChange.Operation = .create) -> [HistoryEntry] {
            days.enumerated().map { index, day in
                HistoryEntry(
                    characterID: 1, revision: Int64(index + 1),
                    change: CharacterChange(
                        operation: index == 0 ? first : .update, face: .web, actorID: nil, changes: [:], at: day * Self.day))
            }
        }
        // Everything young: nothing goes.
        #expect(retention.plan(rows([9, 9.5, 9.7, 9.9]), cutoff: 9 * Self.day - 1) == nil)
        // Old, but among the last two: nothing goes.
        #expect(retention.plan(rows([1, 2]), cutoff: 9 * Self.day) == nil)
        // Three old beyond the last two.
        #expect(retention.plan(rows([1, 2, 3, 4, 5]), cutoff: 9 * Self.day) == 3)
        // Only a snapshot would go: not worth a baseline of the same state.
        #expect(retention.plan(rows([1, 2, 3]), cutoff: 9 * Self.day) == nil)
        #expect(retention.plan(rows([1, 2, 3], first: .update), cutoff: 9 * Self.day) == 1)
    }
}
