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

    /// Random edits of lists and objects: every change rebuilds both sides exactly, order included.
    @Test func randomEditsRoundTrip() {
        var generator = SystemRandomNumberGenerator()
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
            #expect(TraitChange.applyForward(change, to: .array(before)) == .array(after))
            #expect(TraitChange.applyBackward(change, to: .array(after)) == .array(before))

            let objectBefore = JSONObject(before.enumerated().map { ("k\($0.offset)", $0.element) })
            var objectAfter = objectBefore
            objectAfter["k\(Int.random(in: 0...before.count, using: &generator))"] = "new"
            if Bool.random(using: &generator), let first = objectBefore.keys.first { objectAfter[first] = nil }
            guard objectBefore != objectAfter else { continue }
            let objectChange = TraitChange.between(.object(objectBefore), .object(objectAfter))
            let forward = TraitChange.applyForward(objectChange, to: .object(objectBefore))
            #expect(forward == .object(objectAfter))
            #expect(forward?.objectValue?.keys == objectAfter.keys)
            let backward = TraitChange.applyBackward(objectChange, to: .object(objectAfter))
            #expect(backward?.objectValue?.keys == objectBefore.keys)
        }
    }

    static func randomArray(_ generator: inout SystemRandomNumberGenerator) -> [JSON] {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in .int(Int64.random(in: 0...9, using: &generator)) }
    }
}
