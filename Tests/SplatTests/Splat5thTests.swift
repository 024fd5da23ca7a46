import RodCore
import Testing

@testable import Splat5th

/// The 5th-edition base's rule YAML cannot state: the shape of advantage lists, with the original's messages.
@Suite struct Splat5thTests {
    static let context = WriteContext(mode: .update, face: .web, isOwner: true, isStaff: false)
    static let merit: JSONObject = [
        "name": "Resources", "description": "", "notes": "", "rating": 2, "flaw": false, "modifier": 0,
    ]

    static func check(_ value: JSON) -> [String] { Splat5th.advantages(value, context).map(\.message) }

    @Test func anAdvantageNeedsItsSixKeysAndNoOther() {
        #expect(Self.check([.object(Self.merit), .object(Self.merit)]) == [])
        #expect(Self.check([]) == [])
        var missing = Self.merit
        missing["modifier"] = nil
        #expect(Self.check([.object(missing)]) == ["Invalid input."])
        var extra = Self.merit
        extra["colour"] = "red"
        #expect(Self.check([.object(extra)]) == ["Unexpected keys found in set: {'colour'}"])
        #expect(Self.check(["Resources"]) == ["Invalid input."])
        #expect(Self.check(.object(Self.merit)) == ["Invalid input."])
    }

    @Test func eachFieldIsCheckedWithTheOriginalsMessage() {
        var wrong = Self.merit
        wrong["name"] = .string(String(repeating: "n", count: 81))
        wrong["rating"] = "two"
        wrong["notes"] = .string(String(repeating: "n", count: 1001))
        wrong["flaw"] = 1
        #expect(
            Self.check([.object(wrong)]) == [
                "name too long", "Notes must be less then 1000 characters", "Rating must be a number", "Invalid input.",
            ])
        var long = Self.merit
        long["description"] = .string(String(repeating: "d", count: 1001))
        #expect(Self.check([.object(long)]) == ["Description too long"])
    }

    @Test func theModuleRegistersTheValidatorWithItsSchema() throws {
        let registry = try Registry.load(files: SplatFiles.fifthEdition, modules: SplatFiles.modules)
        #expect(registry.validator(named: "advantages") != nil)
        #expect(registry.schema(ofValidator: "advantages") != nil)
    }
}
