import Testing

@testable import RodCore

let ownerCreate = WriteContext(mode: .create, face: .bot, isOwner: true, isStaff: false)
let ownerUpdate = WriteContext(mode: .update, face: .web, isOwner: true, isStaff: false)

/// Validates `input` against a splat's defaults (or `stored`) and returns the errors, empty when accepted.
func errors(
    _ slug: String, _ input: JSON, stored: [String: JSON]? = nil, context: WriteContext = ownerCreate
) -> ValidationErrors {
    let splat = registry.splat(slug)!
    switch registry.validate(input.objectValue!, splat: splat, stored: stored ?? splat.defaults(), context: context) {
    case .success: return ValidationErrors()
    case .failure(let errors): return errors
    }
}

func accepted(_ slug: String, _ input: JSON, stored: [String: JSON]? = nil) throws -> AcceptedWrite {
    let splat = registry.splat(slug)!
    return try registry.validate(input.objectValue!, splat: splat, stored: stored ?? splat.defaults(), context: ownerCreate).get()
}

func messages(_ errors: ValidationErrors, _ field: String) -> [String] {
    errors.messages(for: field).map(\.message)
}

@Suite struct ValidationTests {
    // MARK: Kinds

    @Test(arguments: [(JSON.int(3), 3), ("3", 3), (" 3 ", 3), ("3.0", 3), (.double(3), 3), ("+2", 2)] as [(JSON, Int64)])
    func integersAcceptWhatDRFAccepts(value: JSON, expected: Int64) throws {
        #expect(try accepted("vampire5th", ["hunger": value]).values["hunger"] == .int(expected))
    }

    @Test(arguments: [JSON.double(2.5), .bool(true), "two", "", .array([1]), .object(JSONObject())])
    func integersRefuseEverythingElse(value: JSON) {
        #expect(messages(errors("vampire5th", ["hunger": value]), "hunger") == ["A valid integer is required."])
    }

    @Test func integerBoundsUseDRFMessages() {
        #expect(messages(errors("vampire5th", ["hunger": 6]), "hunger") == ["Ensure this value is less than or equal to 5."])
        #expect(messages(errors("vampire5th", ["hunger": -1]), "hunger") == ["Ensure this value is greater than or equal to 0."])
        #expect(messages(errors("vampire5th", ["exp_current": -1]), "exp_current") == ["Cannot be less then 0"])
    }

    @Test func nullIsRefusedUnlessTheTraitIsNullable() throws {
        #expect(messages(errors("vampire5th", ["hunger": nil]), "hunger") == ["This field may not be null."])
        #expect(try accepted("vampire5th", ["generation": nil]).values["generation"] == .null)
        #expect(try accepted("vampire5th", ["generation": 13]).values["generation"] == 13)
    }

    @Test func integerChoicesAreChecked() {
        #expect(messages(errors("vampire5th", ["status": 9]), "status") == ["\"9\" is not a valid choice."])
    }

    @Test func textIsTrimmedAndChecked() throws {
        #expect(try accepted("vampire5th", ["sire": "  Anna  "]).values["sire"] == "Anna")
        #expect(try accepted("vampire5th", ["sire": 12]).values["sire"] == "12")
        #expect(messages(errors("vampire5th", ["sire": true]), "sire") == ["Not a valid string."])
        #expect(
            messages(errors("vampire5th", ["sire": .string(String(repeating: "a", count: 51))]), "sire") == [
                "Ensure this field has no more than 50 characters."
            ])
        // Length counts characters, not bytes.
        #expect(errors("vampire5th", ["sire": .string(String(repeating: "é", count: 50))]).isEmpty)
    }

    @Test func choicesAcceptBlankOnlyWhenAllowed() throws {
        #expect(try accepted("vampire5th", ["clan": "Brujah"]).values["clan"] == "Brujah")
        #expect(try accepted("vampire5th", ["clan": ""]).values["clan"] == "")
        #expect(messages(errors("vampire5th", ["clan": "Baali"]), "clan") == ["\"Baali\" is not a valid choice."])
        #expect(messages(errors("werewolf5th", ["form": ""]), "form") == ["This field may not be blank."])
        #expect(messages(errors("vampire20th", ["morality_name": " "]), "morality_name") == ["Morality Name cannot be empty"])
    }

    @Test(arguments: [(JSON.bool(true), true), ("yes", true), ("false", false), (0, false), ("1", true)] as [(JSON, Bool)])
    func booleansAcceptDRFSpellings(value: JSON, expected: Bool) throws {
        #expect(try accepted("hunter5th", ["despair": value]).values["despair"] == .bool(expected))
    }

    @Test func booleansRefuseOtherValues() {
        #expect(messages(errors("hunter5th", ["despair": 2]), "despair") == ["Must be a valid boolean."])
        #expect(messages(errors("hunter5th", ["despair": "maybe"]), "despair") == ["Must be a valid boolean."])
    }

    @Test func specialtiesAreListsOfText() throws {
        #expect(
            try accepted("vampire5th", ["athletics_spec": ["Parkour", " Climbing "]]).values["athletics_spec"] == [
                "Parkour", "Climbing",
            ])
        #expect(try accepted("vampire20th", ["strength_spec": nil]).values["strength_spec"] == .null)
        #expect(!errors("vampire5th", ["athletics_spec": "Parkour"]).isEmpty)
        #expect(!errors("vampire5th", ["athletics_spec": [1]]).isEmpty)
    }

    /// Issue 12: lists and objects are bounded (entries, and the length of an object's names).
    @Test func listsAndObjectsAreBounded() {
        let spend: JSON = ["description": "Dot", "cost": 1]
        #expect(errors("vampire5th", ["exp_spends": .array(Array(repeating: spend, count: 1000))]).isEmpty)
        #expect(
            messages(errors("vampire5th", ["exp_spends": .array(Array(repeating: spend, count: 1001))]), "exp_spends") == [
                "Ensure this field has no more than 1000 elements."
            ])
        let discipline: JSON = ["name": "X", "custom": 0, "value": 1, "powers": [:]]
        let long = String(repeating: "n", count: 51)
        #expect(
            messages(errors("vampire5th", ["disciplines": .object(JSONObject([(long, discipline)]))]), "disciplines") == [
                "Ensure every name has between 1 and 50 characters."
            ])
        #expect(!errors("vampire5th", ["disciplines": .object(JSONObject([("", discipline)]))]).isEmpty)
        let many = JSONObject((0...50).map { ("D\($0)", discipline) })
        #expect(
            messages(errors("vampire5th", ["disciplines": .object(many)]), "disciplines") == [
                "Ensure this field has no more than 50 entries."
            ])
    }

    @Test func unknownKeysAndSystemTraitsAreIgnored() throws {
        let result = try accepted("vampire5th", ["nonsense": 1, "is_sheet": true, "user": "1", "splat": "x", "hunger": 2])
        #expect(result.values.keys == ["hunger"])
    }

    @Test func reportsEveryInvalidFieldTogether() {
        let found = errors("vampire5th", ["hunger": 9, "humanity": "x", "clan": "Baali", "strength": 2])
        #expect(found.fields == ["hunger", "humanity", "clan"])
    }

    // MARK: Access

    @Test func ownerOnlyTraitsRefuseOthers() {
        let staff = WriteContext(mode: .update, face: .web, isOwner: false, isStaff: true)
        #expect(
            messages(errors("vampire5th", ["name": "Other"], context: staff), "name") == [
                "This field can only be changed by the Owner"
            ])
        #expect(
            messages(errors("vampire5th", ["status": 3], context: staff), "status") == [
                "This field can only be changed by the Owner"
            ])
        #expect(errors("vampire5th", ["hunger": 3], context: staff).isEmpty)
    }

    @Test func theStorytellerLockIsForStaffOnly() {
        #expect(
            messages(errors("vampire5th", ["st_lock": true], context: ownerUpdate), "st_lock") == [
                "This field can only be changed by the ST"
            ])
        let ownerAndStoryteller = WriteContext(mode: .update, face: .web, isOwner: true, isStaff: true)
        #expect(errors("vampire5th", ["st_lock": true], context: ownerAndStoryteller).isEmpty)
    }

    // MARK: Constraints

    @Test func constraintsUseTheStoredValuesForWhatTheWriteOmits() {
        var stored = registry.splat("vampire5th")!.defaults()
        stored["humanity"] = 8
        #expect(messages(errors("vampire5th", ["stains": 3], stored: stored), ValidationErrors.nonField) == ["Too many stains"])
        #expect(errors("vampire5th", ["stains": 2], stored: stored).isEmpty)
        #expect(errors("vampire5th", ["stains": 3, "humanity": 7], stored: stored).isEmpty)
    }

    @Test func constraintsApplyOnCreateToo() {
        // The original checked stains only on update, so it stored humanity 9 with 5 stains.
        #expect(messages(errors("vampire5th", ["humanity": 9, "stains": 5]), ValidationErrors.nonField) == ["Too many stains"])
    }

    @Test func constraintsUntouchedByTheWriteAreNotChecked() {
        var stored = registry.splat("vampire5th")!.defaults()
        stored["humanity"] = 9
        stored["stains"] = 5  // stored by the original before stains were checked on create
        #expect(errors("vampire5th", ["hunger": 2], stored: stored).isEmpty)
    }

    @Test(
        arguments: [
            (
                "vampire5th", ["willpower_total": 3, "willpower_superficial": 2, "willpower_aggravated": 2],
                ValidationErrors.nonField, "willpower failed validation"
            ),
            ("hunter5th", ["health_total": 4, "health_superficial": 5], ValidationErrors.nonField, "health failed validation"),
            (
                "vampire20th", ["blood_total": 5, "blood_current": 6], ValidationErrors.nonField,
                "Current Blood Pool cannot be greater than Total Blood Pool"
            ),
            (
                "vampire20th", ["willpower_total": 3, "willpower_current": 4], "willpower_current",
                "Current willpower cannot be more than total willpower"
            ),
            (
                "mage20th", ["paradox": 15, "quintessence": 6], ValidationErrors.nonField,
                "The combined total of Paradox and Quintessence cannot exceed 20"
            ),
            (
                "changeling20th",
                ["chimerical_total": 7, "chimerical_bashing": 3, "chimerical_lethal": 3, "chimerical_aggravated": 2],
                ValidationErrors.nonField, "Total chimerical cannot be less than the sum of bashing, lethal, and aggravated"
            ),
            (
                "changeling20th", ["glamour_total": 2, "glamour_current": 3], ValidationErrors.nonField,
                "Glamour current cannot be greater than glamour total."
            ),
            (
                "changeling20th", ["banality_total": 2, "banality_current": 3], ValidationErrors.nonField,
                "Banality current cannot be greater than banality total."
            ),
            (
                "ghoul20th", ["blood": 2, "vitae": 3], ValidationErrors.nonField,
                "Current Vitae cannot be greater than Total Blood"
            ),
            (
                "demon20th", ["faith_total": 2, "faith_current": 3], ValidationErrors.nonField,
                "Current Faith cannot be greater than Total Faith"
            ),
            (
                "human20th", ["health_total": 7, "health_bashing": 3, "health_lethal": 3, "health_aggravated": 2],
                ValidationErrors.nonField, "Total health cannot be less than the sum of bashing, lethal, and aggravated"
            ),
            ("ghoul5th", ["exp_total": 2, "exp_current": 3], "exp_current", "Current cannot be more than Total"),
        ] as [(String, JSON, String, String)])
    func splatConstraintsReportTheOriginalsMessages(slug: String, input: JSON, field: String, message: String) {
        #expect(messages(errors(slug, input), field) == [message])
    }

    @Test func werewolfTwentiethAllowsCurrentAboveTotal() {
        #expect(errors("werewolf20th", ["rage_total": 2, "rage_current": 5, "gnosis_total": 1, "gnosis_current": 3]).isEmpty)
    }

    // MARK: Named validators

    @Test func namesCarryTheStatusTheBotSwitchesOn() {
        #expect(errors("vampire5th", ["name": "Vlad"]).isEmpty)
        #expect(errors("vampire5th", ["name": "  "]).messages(for: "name") == [ValidationMessage("You must input a Name.")])
        #expect(
            errors("vampire5th", ["name": .string(String(repeating: "a", count: 51))]).messages(for: "name") == [
                .status(409, "Name cannot be longer than 50 characters.")
            ])
        #expect(
            errors("vampire5th", ["name": "~Vlad"]).messages(for: "name") == [
                .status(422, "Character name cannot start with '~'.")
            ])
    }

    @Test(arguments: [("#fff", true), ("#A0b1C2", true), ("", true), ("fff", false), ("#ffff", false), ("#ggg", false)])
    func themesAreHexColours(theme: String, valid: Bool) {
        let found = errors("vampire5th", ["theme": .string(theme)])
        #expect(found.isEmpty == valid)
        if !valid { #expect(messages(found, "theme") == ["Invalid hex color value."]) }
    }

    @Test func experienceSpendsHaveADescriptionAndACost() {
        #expect(errors("vampire5th", ["exp_spends": [["description": "Brawl 2", "cost": 4]]]).isEmpty)
        #expect(messages(errors("vampire5th", ["exp_spends": "x"]), "exp_spends") == ["Invalid input."])
        #expect(messages(errors("vampire5th", ["exp_spends": [["description": "x"]]]), "exp_spends") == ["Invalid input."])
        #expect(
            messages(errors("vampire5th", ["exp_spends": [["description": "x", "cost": 1, "when": "now"]]]), "exp_spends") == [
                "Unexpected keys found in set: {'when'}"
            ])
        #expect(
            messages(
                errors("vampire5th", ["exp_spends": [["description": .string(String(repeating: "x", count: 81)), "cost": "4"]]]),
                "exp_spends") == [
                    "Description too long", "Cost must be a number",
                ])
    }

    // MARK: Every splat

    @Test(arguments: originalSplats)
    func defaultsAreValidValues(slug: String) {
        let splat = registry.splat(slug)!
        var input = JSONObject()
        for trait in splat.traits where trait.access == .anyone { input[trait.key] = trait.defaultValue }
        #expect(errors(slug, .object(input)).isEmpty)
    }

    @Test(arguments: originalSplats)
    func everyBoundedIntegerRefusesValuesAboveItsMaximum(slug: String) {
        let splat = registry.splat(slug)!
        for trait in splat.traits {
            guard case .integer(_, let max?) = trait.kind, trait.access == .anyone else { continue }
            let found = errors(slug, .object(JSONObject([(trait.key, .int(max + 1))])))
            #expect(messages(found, trait.key) == ["Ensure this value is less than or equal to \(max)."], "\(slug).\(trait.key)")
        }
    }
}
