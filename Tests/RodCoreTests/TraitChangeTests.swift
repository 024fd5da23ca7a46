import Foundation
import Testing

@testable import RodCore

@Suite struct TraitChangeTests {
    static let discipline: JSON = ["value": 2, "powers": ["1": "Heightened Senses"]]

    @Test func addingOneEntryRecordsThatEntryOnly() {
        let before: JSON = ["Auspex": Self.discipline, "Dominate": Self.discipline]
        let after: JSON = ["Auspex": Self.discipline, "Dominate": Self.discipline, "Obfuscate": Self.discipline]
        let change = TraitChange.between(before, after)
        #expect(change == ["at": 2, "old": [:], "new": ["Obfuscate": Self.discipline]])
        #expect(TraitChange.applyForward(change, to: before) == after)
        #expect(TraitChange.applyBackward(change, to: after) == before)
    }

    @Test func changingOrRemovingOneListEntryRecordsThatEntry() {
        let before: JSON = ["a", "b", "c", "d"]
        let edited: JSON = ["a", "B", "c", "d"]
        #expect(TraitChange.between(before, edited) == ["at": 1, "old": ["b"], "new": ["B"]])
        let removed: JSON = ["a", "c", "d"]
        #expect(TraitChange.between(before, removed) == ["at": 1, "old": ["b"], "new": []])
        #expect(TraitChange.between(.array([]), ["x"]) == ["at": 0, "old": [], "new": ["x"]])
    }

    @Test func otherValuesArePairs() {
        #expect(TraitChange.between(3, 4) == [3, 4])
        #expect(TraitChange.between(["a"], ["k": "v"]) == [["a"], ["k": "v"]])
        #expect(TraitChange.applyForward([3, 4], to: 3) == 4)
        #expect(TraitChange.applyForward([3, 4], to: 5) == nil)
    }

    @Test func aChangeThatDoesNotFitTheValueIsRefused() {
        let change = TraitChange.between(["a", "b"], ["a", "c"])
        #expect(TraitChange.applyForward(change, to: ["z", "b"]) != ["a", "c"])
        #expect(TraitChange.applyForward(change, to: ["a"]) == nil)
        let objects = TraitChange.between(["x": 1], ["x": 1, "y": 2])
        #expect(TraitChange.applyForward(objects, to: ["x": 1, "y": 5]) == nil)  // `y` is already there
    }

    /// Random edits of lists and objects: every change rebuilds both sides exactly, values and order included. The
    /// generator is seeded (`ROD_TEST_SEED` replays a run); every failure names the seed.
    @Test func randomEditsRoundTrip() {
        let seed = ProcessInfo.processInfo.environment["ROD_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        var generator = SplitMix64(seed: seed)
        let replay = Comment(rawValue: "ROD_TEST_SEED=\(seed) replays this run")
        for _ in 0..<500 {
            let before = Self.randomArray(&generator)
            var after = before
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                switch Int.random(in: 0...2, using: &generator) {
                case 0:
                    after.insert(
                        .int(Int64.random(in: 0...9, using: &generator)), at: Int.random(in: 0...after.count, using: &generator))
                case 1 where !after.isEmpty: after.remove(at: Int.random(in: 0..<after.count, using: &generator))
                default: if !after.isEmpty { after[Int.random(in: 0..<after.count, using: &generator)] = "changed" }
                }
            }
            guard before != after else { continue }
            let change = TraitChange.between(.array(before), .array(after))
            #expect(TraitChange.applyForward(change, to: .array(before)) == .array(after), replay)
            #expect(TraitChange.applyBackward(change, to: .array(after)) == .array(before), replay)

            let objectBefore = JSONObject(before.enumerated().map { ("k\($0.offset)", $0.element) })
            var objectAfter = objectBefore
            objectAfter["k\(Int.random(in: 0...before.count, using: &generator))"] = "new"
            if Bool.random(using: &generator), let first = objectBefore.keys.first { objectAfter[first] = nil }
            guard objectBefore != objectAfter else { continue }
            let objectChange = TraitChange.between(.object(objectBefore), .object(objectAfter))
            // Equal objects, and the same keys in the same order (`JSONObject`'s equality alone would not say so).
            let forward = TraitChange.applyForward(objectChange, to: .object(objectBefore))
            #expect(forward == .object(objectAfter), replay)
            #expect(forward?.objectValue.map { Array($0) }.map(Self.pairs) == Self.pairs(Array(objectAfter)), replay)
            let backward = TraitChange.applyBackward(objectChange, to: .object(objectAfter))
            #expect(backward == .object(objectBefore), replay)
            #expect(backward?.objectValue.map { Array($0) }.map(Self.pairs) == Self.pairs(Array(objectBefore)), replay)
        }
    }

    /// An object's entries in order, keys and values, for comparing order too.
    static func pairs(_ entries: [(key: String, value: JSON)]) -> [String] {
        entries.map { "\($0.key)=\($0.value.serializedString())" }
    }

    static func randomArray(_ generator: inout SplitMix64) -> [JSON] {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in .int(Int64.random(in: 0...9, using: &generator)) }
    }

    /// A character's changes name only what differs, every key in order however the dictionaries iterate: a trait
    /// changed, one added, one removed, one null on one side and missing on the other (no change), and the relations.
    @Test func aCharactersChangesAreItsDifferingTraitsInKeyOrder() {
        var before = CharacterRecord(
            id: 1, splat: "vampire5th", userID: 7,
            values: ["hunger": 1, "name": "A", "zeal": "x", "notes": .null, "strength": 2, "blood_potency": 1],
            createdAt: 0, lastUpdated: 0)
        before.chronicleID = 3
        var after = before
        after.values = ["hunger": 4, "name": "A", "notes": .null, "strength": 2, "blood_potency": 2, "ambition": "rule"]
        after.values["aa"] = .null  // absent before, null after: nothing changed
        after.chronicleID = nil
        after.avatar = "a.png"
        let changes = before.changes(to: after)
        #expect(
            changes == [
                "ambition": [.null, "rule"], "blood_potency": [1, 2], "hunger": [1, 4], "zeal": ["x", .null],
                "chronicle": [3, .null], "avatar": ["", "a.png"],
            ])
        #expect(
            changes.serializedString()
                == #"{"ambition":[null,"rule"],"blood_potency":[1,2],"hunger":[1,4],"zeal":["x",null],"chronicle":[3,null],"avatar":["","a.png"]}"#
        )
        #expect(before.changes(to: before) == .emptyObject)
    }

    @Test func anObjectOfKnownDistinctKeysKeepsTheirOrderAndIsLookedUpAndSetAsAnother() {
        let pairs = (0..<20).map { (key: "k\(19 - $0)", value: JSON.int(Int64($0))) }
        var object = JSONObject(uniqueKeysWithValues: pairs)
        #expect(object.keys == pairs.map(\.key))
        #expect(object["k0"] == 19 && object["k19"] == 0 && object["missing"] == nil)
        object["k5"] = "five"
        object["new"] = true
        #expect(object.count == 21 && object["k5"] == "five" && object["new"] == true && object.keys.last == "new")
        var built = JSONObject(pairs.reversed().map { ($0.key, $0.value) })
        built["k5"] = "five"
        built["new"] = true
        #expect(object == built)
    }
}

/// A seeded random number generator (SplitMix64), so that a random test can be run again exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
