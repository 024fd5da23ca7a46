import Testing

@testable import RodCore
@testable import RodStore

@Suite struct CharacterColumnsTests {
    /// The column traits leave the document, which keeps every other trait in key order (the stored bytes do not
    /// depend on how a dictionary iterates); reading it back gives the same values.
    @Test func columnTraitsLeaveTheDocumentAndTheRestIsKeptInKeyOrder() throws {
        let values: [String: JSON] = [
            "name": "Ada", "status": 3, "st_lock": true, "theme": "#8a0303", "exp_current": 4, "exp_total": 10,
            "is_sheet": true, "hunger": 2, "ambition": "rule", "blood_potency": .null, "disciplines": ["Auspex": 2],
            "zeal": [1, 2],
        ]
        let columns = CharacterColumns(values)
        #expect(columns.name == "Ada" && columns.status == 3 && columns.storytellerLock && columns.isSheet)
        #expect(columns.theme == "#8a0303" && columns.expCurrent == 4 && columns.expTotal == 10)
        #expect(
            columns.document == #"{"ambition":"rule","blood_potency":null,"disciplines":{"Auspex":2},"hunger":2,"zeal":[1,2]}"#)
        #expect(try columns.values() == values)
    }
}
