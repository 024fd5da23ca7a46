import Testing

@testable import RodCore

/// The flat keys the edit writes, or its errors' messages for `field`.
func write(_ edit: FieldEdit, _ field: String, on character: CharacterRecord) -> Result<JSONObject, ValidationErrors> {
    registry.splat(character.splat)!.write(edit, to: field, of: character)
}

func refusal(_ result: Result<JSONObject, ValidationErrors>, _ field: String) -> [String] {
    guard case .failure(let errors) = result else { return [] }
    return messages(errors, field)
}

@Suite struct FieldEditTests {
    @Test func valueReplacesAnyTrait() throws {
        let vampire = character("vampire5th")
        #expect(try write(.set(3), "hunger", on: vampire).get() == ["hunger": 3])
        #expect(try write(.set("Brujah"), "clan", on: vampire).get() == ["clan": "Brujah"])
        #expect(try write(.set(["Parkour"]), "athletics_spec", on: vampire).get() == ["athletics_spec": ["Parkour"]])
    }

    @Test func addWorksOnIntegersOnly() throws {
        let vampire = character("vampire5th", ["hunger": 2])
        #expect(try write(.add(1), "hunger", on: vampire).get() == ["hunger": 3])
        #expect(try write(.add(-2), "hunger", on: vampire).get() == ["hunger": 0])
        #expect(refusal(write(.add(1), "clan", on: vampire), "clan") == ["`add` does not apply to string fields."])
        // The bounds are the registry's: the write is validated like any other.
        let over = try write(.add(9), "hunger", on: vampire).get()
        let splat = registry.splat("vampire5th")!
        let checked = registry.validate(over, splat: splat, stored: vampire.values, context: ownerUpdate)
        guard case .failure(let errors) = checked else {
            Issue.record("hunger 11 was accepted")
            return
        }
        #expect(messages(errors, "hunger") == ["Ensure this value is less than or equal to 5."])
    }

    @Test func unknownAndServerOnlyFieldsAreRefused() {
        let vampire = character("vampire5th")
        #expect(refusal(write(.set(1), "rage", on: vampire), "rage") == ["Unknown field."])
        #expect(refusal(write(.set(true), "is_sheet", on: vampire), "is_sheet") == ["Unknown field."])
    }

    @Test func listsTakeAndLoseOneEntry() throws {
        let merit: JSON = ["name": "Resources", "rating": 2]
        let vampire = character("vampire5th", ["merits": [["name": "Allies", "rating": 1]]])
        #expect(
            try write(.append(merit), "merits", on: vampire).get() == ["merits": [["name": "Allies", "rating": 1], merit]])
        #expect(try write(.remove(0), "merits", on: vampire).get() == ["merits": []])
        #expect(refusal(write(.remove(3), "merits", on: vampire), "merits") == ["There is no entry at position 3."])
        // Specialties start as null and take entries too.
        #expect(try write(.append("Parkour"), "athletics_spec", on: vampire).get() == ["athletics_spec": ["Parkour"]])
    }

    @Test func objectsTakeAndLoseOneNamedEntry() throws {
        let auspex: JSON = ["name": "Auspex", "custom": 0, "value": 2, "powers": [:]]
        let vampire = character("vampire5th", ["disciplines": ["Auspex": auspex]])
        let dominate: JSON = ["name": "Dominate", "custom": 0, "value": 1, "powers": [:]]
        #expect(
            try write(.entry(name: "Dominate", value: dominate), "disciplines", on: vampire).get()
                == ["disciplines": ["Auspex": auspex, "Dominate": dominate]])
        #expect(try write(.remove("Auspex"), "disciplines", on: vampire).get() == ["disciplines": [:]])
        #expect(
            refusal(write(.remove("Potence"), "disciplines", on: vampire), "disciplines") == [
                "There is no entry named \"Potence\"."
            ])
        #expect(
            refusal(write(.append(dominate), "disciplines", on: vampire), "disciplines") == [
                "`append` does not apply to object fields."
            ])
    }

    // MARK: Damage

    func damage(_ slug: String, _ track: String, _ points: [String: Int64], _ values: [String: JSON]) throws -> JSONObject {
        try write(.damage(points), track, on: character(slug, values)).get()
    }

    @Test func damageFillsEmptyBoxes() throws {
        #expect(
            try damage("vampire5th", "health", ["superficial": 2], ["health_total": 5])
                == ["health_superficial": 2, "health_aggravated": 0])
        #expect(
            try damage("vampire5th", "willpower", ["aggravated": 1], ["willpower_total": 5, "willpower_superficial": 1])
                == ["willpower_superficial": 1, "willpower_aggravated": 1])
    }

    @Test func onAFullFifthEditionTrackSuperficialDamageTurnsAggravated() throws {
        // 4 boxes: 3 superficial and 1 aggravated. Two more superficial: both upgrade a superficial box.
        let full: [String: JSON] = ["health_total": 4, "health_superficial": 3, "health_aggravated": 1]
        #expect(
            try damage("vampire5th", "health", ["superficial": 2], full) == ["health_superficial": 1, "health_aggravated": 3])
        // Aggravated damage on a full track also upgrades superficial boxes; a track of aggravated takes no more.
        #expect(try damage("vampire5th", "health", ["aggravated": 5], full) == ["health_superficial": 0, "health_aggravated": 4])
    }

    @Test func healingComesFirstAndStopsAtZero() throws {
        let hurt: [String: JSON] = ["health_total": 5, "health_superficial": 2, "health_aggravated": 3]
        #expect(
            try damage("vampire5th", "health", ["superficial": -5, "aggravated": 1], hurt)
                == ["health_superficial": 0, "health_aggravated": 4])
    }

    @Test func twentiethEditionDamageUpgradesThroughLethal() throws {
        let full: [String: JSON] = ["health_total": 7, "health_bashing": 7]
        #expect(
            try damage("vampire20th", "health", ["bashing": 1], full)
                == ["health_bashing": 6, "health_lethal": 1, "health_aggravated": 0])
        #expect(
            try damage("vampire20th", "health", ["aggravated": 1], full)
                == ["health_bashing": 6, "health_lethal": 0, "health_aggravated": 1])
        #expect(
            try damage("changeling20th", "chimerical", ["lethal": 2], ["chimerical_total": 7])
                == ["chimerical_bashing": 0, "chimerical_lethal": 2, "chimerical_aggravated": 0])
    }

    @Test func damageNamesLevelsOfADeclaredTrack() {
        let vampire = character("vampire5th")
        #expect(
            refusal(write(.damage(["bashing": 1]), "health", on: vampire), "health") == [
                "Unknown damage level bashing; expected superficial, aggravated."
            ])
        #expect(
            refusal(write(.damage(["superficial": 1]), "hunger", on: vampire), "hunger") == [
                "`damage` applies to a damage track, not to `hunger`."
            ])
        // Willpower of the 20th edition is a pool (`add` on willpower_current), not a damage track.
        #expect(registry.splat("vampire20th")!.damageTrack("willpower") == nil)
    }

    @Test func fieldValuesShowTracksAsTheirBoxes() {
        let vampire = character("vampire5th", ["health_superficial": 1, "health_total": 6, "hunger": 3])
        let splat = registry.splat("vampire5th")!
        #expect(splat.fieldValue("health", of: vampire) == ["superficial": 1, "aggravated": 0, "total": 6])
        #expect(splat.fieldValue("hunger", of: vampire) == 3)
        #expect(splat.fieldValue("nothing", of: vampire) == nil)
    }

    // MARK: Declarations

    @Test func damageTracksMustNameIntegerTraitsOfTheSplat() {
        let found = ManifestTests().problems([
            ("character.yaml", ManifestTests.base),
            ManifestTests.alpha(
                """
                traits:
                  wounds: {min: 0, max: 5, default: 0}
                  size: {min: 1, max: 5, default: 5}
                damage:
                  wounds: {total: size, levels: [wounds]}
                  body: {total: size, levels: [name, scars]}
                  mind: {total: size}
                """),
        ])
        #expect(
            Set(found.map(\.message)) == [
                "damage track `wounds` has the name of a trait; a field update could not tell them apart",
                "damage track `body` names `name`, which is not an integer",
                "damage track `body` names `scars`, which `alpha` does not declare",
                "damage track `mind` needs `levels:` (its damage keys, least severe first)",
            ])
    }
}
