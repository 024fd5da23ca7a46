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

    /// A character created on day 0 and changed once a day, days 1 to `days` (hunger = the day, mod 6).
    static func character(_ store: SQLStore, name: String, days: Int) async throws -> Character {
        _ = try await store.ensureUser(id: 1001, now: 0)
        var character = try await store.insert(
            Character(
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
            let outcome = try await retention.prune(store, now: now, logger: Self.quiet)
            // Rows of days 0 to 7 go (beyond the last three, older than 8.5 days); day 7's state stays as a baseline.
            #expect(outcome == HistoryRetention.Outcome(characters: 1, rows: 7))
            let rows = try await store.history(characterID: busy.id)
            #expect(rows.map(\.revision) == [8, 9, 10, 11])
            #expect(rows[0].change.operation == .baseline && rows[0].change.face == .system)
            let after = try CharacterHistory.states(rows)
            #expect(after == Array(before.suffix(4)))
            #expect(try await store.history(characterID: young.id).count == 3)
            // Pruned once, nothing more to do until more changes come.
            #expect(try await retention.prune(store, now: now, logger: Self.quiet) == HistoryRetention.Outcome())
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aDeletedCharactersHistoryKeepsItsLastStates(store kind: StoreKind) async throws {
        try await kind.withStore { store in
            let gone = try await Self.character(store, name: "Gone", days: 6)
            _ = try await store.deleteCharacters(
                ids: [gone.id],
                change: CharacterChange(operation: .delete, face: .web, actorID: 1001, changes: .null, at: 7 * Self.day))
            let retention = HistoryRetention(keepChanges: 2, keepDays: 0)
            _ = try await retention.prune(store, now: 100 * Self.day, logger: Self.quiet)
            let rows = try await store.history(characterID: gone.id)
            #expect(rows.map(\.change.operation) == [.baseline, .update, .delete])
            // Its last state can still be rebuilt, and so restored.
            let states = try CharacterHistory.states(rows)
            #expect(states.last?.values["notes"] == "day 6" && states.last?.revision == 7)
            #expect(try await store.deletedCharacter(id: gone.id)?.name == "Gone")
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
