import Testing

@testable import RodCore

@Suite struct JSONTests {
    @Test func keepsObjectKeyOrder() throws {
        let value = try JSON.parse(#"{"zeta":1,"alpha":2,"mid":{"b":1,"a":2}}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(value["mid"]?.objectValue?.keys == ["b", "a"])
        #expect(value.serializedString() == #"{"zeta":1,"alpha":2,"mid":{"b":1,"a":2}}"#)
    }

    @Test(arguments: [
        ("1", JSON.int(1)), ("-0", .int(0)), ("3.0", .double(3)), ("1e2", .double(100)), ("true", .bool(true)),
        ("false", .bool(false)), ("null", .null), (#""x""#, .string("x")), ("9223372036854775807", .int(.max)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)), ("1795554925.825782", .double(1_795_554_925.825782)),
    ])
    func distinguishesIntegersFractionsAndBooleans(text: String, expected: JSON) throws {
        #expect(try JSON.parse(text) == expected)
    }

    @Test(arguments: [
        "0", "-1", "7", "99", "123456789012345678", "-12345678901234567", "-123456789012345678", "999999999999999999",
        "-9223372036854775808", "9223372036854775807",
    ])
    func integersRoundTripAcrossTheFastPath(text: String) throws {
        #expect(try JSON.parse(text) == .int(Int64(text)!))
        #expect(JSON.int(Int64(text)!).serializedString() == text)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSON.parse(#""a\"b\\c\/d\n\t\u00e9\ud83e\udddb""#)
        #expect(value == .string("a\"b\\c/d\n\té🧛"))
    }

    @Test func writesEscapesAndKeepsUnicode() {
        let value: JSON = ["k": "line\nquote\" back\\ tab\t \u{01} é"]
        #expect(value.serializedString() == #"{"k":"line\nquote\" back\\ tab\t \u0001 é"}"#)
    }

    @Test func pythonStyleUsesSpacedSeparators() {
        let value: JSON = ["a": 1, "b": [1, 2]]
        #expect(value.serializedString(.python) == #"{"a": 1, "b": [1, 2]}"#)
        #expect(value.serializedString(.compact) == #"{"a":1,"b":[1,2]}"#)
    }

    @Test func pythonStyleEscapesNonASCIIAsJsonDumpsDoes() throws {
        let value: JSON = ["nom": "Élise 🧛", "tab": "\t"]
        #expect(value.serializedString(.python) == #"{"nom": "\u00c9lise \ud83e\udddb", "tab": "\t"}"#)
        #expect(try JSON.parse(value.serialized(.python)) == value)
    }

    @Test func doublesPrintAsPythonDoes() {
        #expect(JSON.double(1_795_554_925.825782).serializedString() == "1795554925.825782")
        #expect(JSON.double(1).serializedString() == "1.0")
        #expect(JSON.double(.infinity).serializedString() == "null")
    }

    @Test func duplicateKeysKeepTheLastValueInTheFirstPosition() throws {
        let value = try JSON.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == .int(3))
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\":}", "{'a':1}", "01", "1.", ".5", "-", "tru", "\"unterminated", "[1] 2", "{\"a\" 1}",
        "\"\\x\"", "\"\\ud800\"", "\"a\u{01}b\"", "NaN", "1e",
    ])
    func rejectsMalformedInput(text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSON.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let deep = String(repeating: "[", count: JSON.maximumDepth + 1) + String(repeating: "]", count: JSON.maximumDepth + 1)
        #expect(throws: JSONParseError.self) { try JSON.parse(deep) }
        let allowed = String(repeating: "[", count: JSON.maximumDepth) + String(repeating: "]", count: JSON.maximumDepth)
        #expect(try JSON.parse(allowed).arrayValue != nil)
    }

    @Test func roundTripsWhatItWrites() throws {
        let value: JSON = [
            "name": "Vlad", "id": 1, "ratio": 0.5, "on": true, "none": nil, "list": [1, "two", [3]],
            "nested": ["deep": ["deeper": "é🧛\u{0}"]],
        ]
        #expect(try JSON.parse(value.serialized()) == value)
    }

    @Test func objectEqualityIgnoresOrder() throws {
        #expect(try JSON.parse(#"{"a":1,"b":2}"#) == JSON.parse(#"{"b":2,"a":1}"#))
    }

    @Test func truthinessFollowsPython() {
        #expect(!JSON.null.isTruthy)
        #expect(!JSON.string("").isTruthy)
        #expect(JSON.string("false").isTruthy)
        #expect(!JSON.int(0).isTruthy)
        #expect(!JSON.array([]).isTruthy)
        #expect(JSON.object(JSONObject([("a", .null)])).isTruthy)
    }
}
