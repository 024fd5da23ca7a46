import Testing

@testable import RodCore

func character(_ slug: String, _ values: [String: JSON] = [:], id: Int64 = 1) -> CharacterRecord {
    var document = registry.splat(slug)!.defaults()
    for (key, value) in values { document[key] = value }
    return CharacterRecord(
        id: id, splat: slug, userID: 1001, values: document, createdAt: 1_795_554_925.825782, lastUpdated: 1_795_554_925.825814)
}

@Suite struct ViewTests {
    @Test func trackerViewMatchesTheOriginalByteForByte() {
        let vlad = character(
            "vampire5th",
            [
                "name": "Vlad", "theme": "#ff0000", "hunger": 2, "exp_current": 2, "exp_total": 5, "willpower_total": 5,
                "health_total": 6,
            ])
        let expected = """
            {"name":"Vlad","id":1,"is_sheet":false,"status":1,"theme":"#ff0000","splat":"vampire5th","clan":"","humanity":7,\
            "stains":0,"hunger":2,"disciplines":{},"blood_potency":0,"user":"1001","chronicle":null,"member":null,\
            "created_at":1795554925.825782,"last_updated":1795554925.825814,"faceclaim":null,"exp":{"current":2,"total":5},\
            "willpower":{"superficial":0,"total":5,"aggravated":0},"health":{"superficial":0,"total":6,"aggravated":0},"version":"5th"}
            """
        #expect(registry.splat("vampire5th")!.tracker(vlad).serializedString() == expected)
    }

    @Test func fifthEditionSheetHasTheOriginalsKeysInOrder() throws {
        var vlad = character("vampire5th", ["name": "Vlad", "strength": 3, "athletics": 2, "athletics_spec": ["Parkour"]])
        vlad.chronicleID = 2001
        vlad.memberID = 7
        vlad.avatar = "char_avatars/abc.png"
        let sheet = registry.splat("vampire5th")!.sheet(vlad)
        #expect(
            sheet.objectValue?.keys == [
                "name", "id", "is_sheet", "status", "theme", "history", "date_of_birth", "age", "appearance_description", "notes",
                "notes2", "exp_spends", "st_lock", "splat", "ambition", "desire", "tenets", "touchstones", "convictions",
                "merits",
                "flaws", "backgrounds", "haven", "haven_name", "haven_location", "haven_description", "loresheets", "clan",
                "sire",
                "generation", "predator_type", "humanity", "stains", "hunger", "resonance", "hunting_roll", "blood_potency",
                "disciplines", "date_of_death", "apparent_age", "user", "chronicle", "member", "exp", "created_at",
                "last_updated",
                "faceclaim", "willpower", "health", "attributes", "skills", "version",
            ])
        #expect(sheet["user"] == "1001")
        #expect(sheet["chronicle"] == "2001")
        #expect(sheet["member"] == "7")
        #expect(sheet["faceclaim"] == "/media/char_avatars/abc.png")
        #expect(sheet["attributes"]?["strength"] == 3)
        #expect(sheet["skills"]?["athletics"] == ["value": 2, "spec": ["Parkour"]])
        #expect(sheet["skills"]?.objectValue?.count == 27)
        #expect(sheet["version"] == "5th")
        // The full view never leaks the flat keys of nested groups.
        #expect(sheet["strength"] == nil)
        #expect(sheet["willpower_total"] == nil)
        #expect(sheet["athletics_spec"] == nil)
    }

    @Test func twentiethEditionNestsAttributesWithSpecialtiesAndMergesAbilities() throws {
        let mage = character("mage20th", ["name": "Ada", "wits": 4, "wits_spec": ["Quick"], "computer": 3, "health_lethal": 2])
        let sheet = registry.splat("mage20th")!.sheet(mage)
        #expect(sheet["attributes"]?["wits"] == ["value": 4, "spec": ["Quick"]])
        #expect(sheet["skills"]?["computer"] == ["value": 3, "spec": nil])
        #expect(sheet["skills"]?.objectValue?.count == 30)
        #expect(sheet["willpower"] == ["current": 0, "total": 2])
        #expect(sheet["health"] == ["bashing": 0, "lethal": 2, "aggravated": 0, "total": 7])
        #expect(sheet["arete"] == 1)
        #expect(sheet["version"] == "20th")
        #expect(sheet["ambition"] == nil)
    }

    @Test(arguments: [
        ("werewolf5th", ["rage", "harano", "hauglosk", "form"]),
        ("hunter5th", ["desperation", "danger", "despair"]),
        ("human5th", ["humanity", "stains"]),
        ("vampire20th", ["clan", "morality_name", "morality_value", "blood_total", "blood_current"]),
        (
            "changeling20th",
            [
                "glamour_total", "glamour_current", "banality_total", "banality_current", "nightmare", "imbalance",
                "chimerical_total", "chimerical_bashing", "chimerical_lethal", "chimerical_aggravated",
            ]
        ),
        ("demon20th", ["faith_total", "faith_current", "torment_permanent", "torment_temporary"]),
    ])
    func trackerViewShowsTheSplatsTrackerKeys(slug: String, keys: [String]) {
        let tracker = registry.splat(slug)!.tracker(character(slug, ["name": "X"]))
        let all = tracker.objectValue!.keys
        let splatKeys = Array(all[all.firstIndex(of: "splat")! + 1..<all.firstIndex(of: "user")!])
        #expect(splatKeys == keys)
        #expect(all.suffix(4) == ["exp", "willpower", "health", "version"])
    }

    @Test func aTraitMissingFromTheDocumentReadsAsItsDefault() {
        var old = character("vampire5th", ["name": "Old"])
        old.values["blood_potency"] = nil
        #expect(registry.splat("vampire5th")!.sheet(old)["blood_potency"] == 0)
    }
}
