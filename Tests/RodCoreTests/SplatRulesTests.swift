import Foundation
import RodSplats
import Testing

@testable import RodCore

/// The splat files of the repository, with these files replaced or added (name → YAML text).
func registry(replacing changes: [String: String] = [:], adding folders: [String] = [], modules: [SplatModule] = [])
    throws -> Registry
{
    var files: [String: String] = [:]
    let root = URL(fileURLWithPath: splatsDirectory).deletingLastPathComponent()
    for folder in [URL(fileURLWithPath: splatsDirectory)] + folders.map({ root.appendingPathComponent("Tests/Fixtures/" + $0) }) {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".yaml") {
            files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
    }
    for (name, text) in changes { files[name] = text }
    return try Registry.load(files: files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, modules: splatModules + modules)
}

/// Issue 23: what a splat file can say beyond a list of traits: derived traits (and the damage tracks they size),
/// comparisons of sums, renames, drops, redeclarations and a tracker view naming inherited traits and groups; checked
/// on the Chronicles of Darkness fixture (`Tests/Fixtures/splats-cod`), which has no Swift at all.
@Suite struct SplatRulesTests {
    static let cod: Registry = {
        do {
            return try registry(adding: ["splats-cod"])
        } catch {
            fatalError("Tests/Fixtures/splats-cod does not load:\n\(error)")
        }
    }()

    static var mortal: Splat { cod.splat("mortal2nd")! }

    static let player = WriteContext(mode: .update, face: .web, isOwner: true, isStaff: false)

    /// A new mortal's document, as a creation stores it.
    static func created(_ input: JSONObject = ["name": "Ada"]) throws -> [String: JSON] {
        var values = mortal.defaults()
        let accepted = try cod.validate(
            input, splat: mortal, stored: values, context: WriteContext(mode: .create, face: .bot, isOwner: true, isStaff: false)
        ).get()
        for (key, value) in accepted.values { values[key] = value }
        return values
    }

    @Test func derivedTotalsAreComputedOnCreationAndEveryWrite() throws {
        var values = try Self.created(["name": "Ada", "stamina": 3])
        #expect(values["health_total"] == 8 && values["willpower_total"] == 2)
        let write = try Self.cod.validate(
            ["resolve": 3, "composure": "2"], splat: Self.mortal, stored: values, context: Self.player
        )
        .get()
        #expect(write.values["willpower_total"] == 5 && write.changedKeys.contains("willpower_total"))
        #expect(write.values["health_total"] == nil)
        for (key, value) in write.values { values[key] = value }
        // A client naming a derived trait is ignored, as a read-only field is: the server's value stands.
        let ignored = try Self.cod.validate(["health_total": 20], splat: Self.mortal, stored: values, context: Self.player).get()
        #expect(ignored.values == JSONObject() && ignored.changedKeys.isEmpty)
    }

    @Test func aDerivedDamageTrackFollowsItsSize() throws {
        var values = try Self.created(["name": "Ada", "stamina": 3, "health_bashing": 2, "health_lethal": 5])
        #expect(values["health_total"] == 8)
        // Stamina falls: the track has 6 boxes; the least severe damage goes first.
        let write = try Self.cod.validate(["stamina": 1], splat: Self.mortal, stored: values, context: Self.player).get()
        #expect(write.values["health_total"] == 6 && write.values["health_bashing"] == 1 && write.values["health_lethal"] == nil)
        for (key, value) in write.values { values[key] = value }
        // Damage fills the derived track (6 boxes) and then worsens it, never past its size.
        let character = CharacterRecord(id: 1, splat: "mortal2nd", userID: 1, values: values, createdAt: 0, lastUpdated: 0)
        let damaged = try Self.mortal.write(.damage(["lethal": 1]), to: "health", of: character).get()
        #expect(damaged == ["health_bashing": 0, "health_lethal": 6, "health_aggravated": 0])
        let worse = try Self.mortal.write(.damage(["aggravated": 9]), to: "health", of: character).get()
        #expect(worse == ["health_bashing": 0, "health_lethal": 0, "health_aggravated": 6])
        // Marking more boxes than the track has is refused, not trimmed.
        let refused = Self.cod.validate(["health_aggravated": 1], splat: Self.mortal, stored: values, context: Self.player)
        #expect(refused.failure?.json == ["non_field_errors": ["Damage cannot exceed the health track"]])
    }

    @Test func theGatewayRefusesADerivedTraitNamingWhatItDerivesFrom() throws {
        let character = CharacterRecord(
            id: 1, splat: "mortal2nd", userID: 1, values: try Self.created(), createdAt: 0, lastUpdated: 0)
        let refused = Self.mortal.write(.set(9), to: "health_total", of: character)
        #expect(
            refused.failure?.json == ["health_total": ["This field is derived from stamina + size; change those instead."]])
        #expect(Self.mortal.write(.add(1), to: "willpower_total", of: character).failure != nil)
    }

    @Test func sumsCompareWithSums() throws {
        let values = try Self.created(["name": "Ada", "stamina": 5])
        // Stamina + Size against the track's 12 boxes (its derivation's clamp).
        let refused = Self.cod.validate(["size": 8], splat: Self.mortal, stored: values, context: Self.player)
        #expect(refused.failure?.json == ["size": ["Stamina + Size cannot exceed the 12 boxes of the health track"]])
        #expect((try? Self.cod.validate(["size": 7], splat: Self.mortal, stored: values, context: Self.player).get()) != nil)
    }

    @Test func theTrackerViewNamesInheritedTraitsAndGroupsAndDroppedTraitsAreGone() throws {
        let character = CharacterRecord(
            id: 7, splat: "mortal2nd", userID: 1, values: try Self.created(["name": "Ada", "concept": "Nurse"]), createdAt: 0,
            lastUpdated: 0)
        let tracker = try #require(Self.mortal.tracker(character).objectValue)
        #expect(tracker["integrity"] == 7 && tracker["beats"] == 0 && tracker["concept"] == nil)
        #expect(tracker["health"] == ["bashing": 0, "lethal": 0, "aggravated": 0, "total": 6])
        #expect(tracker["willpower"] == ["spent": 0, "total": 2])
        #expect(Self.mortal.trait("integrity")?.inTracker == true && Self.mortal.trait("health_lethal")?.inTracker == true)
        let sheet = try #require(Self.mortal.sheet(character).objectValue)
        #expect(sheet["notes2"] == nil && sheet["notes"] == "" && sheet["concept"] == "Nurse")
        #expect(Self.mortal.trait("notes2") == nil && Self.cod.splat("human5th")?.trait("notes2") != nil)
    }

    /// A file redeclares what it inherits to change it; the trait keeps its place.
    @Test func aRedeclaredTraitKeepsItsPlace() throws {
        let text = try String(contentsOfFile: splatsDirectory + "/human5th.yaml", encoding: .utf8)
        let changed = try registry(
            replacing: [
                "human5th.yaml": text.replacingOccurrences(
                    of: "traits:\n", with: "traits:\n  notes: {type: string, max_length: 10}\n")
            ])
        let human = try #require(changed.splat("human5th"))
        let original = try #require(registry(replacing: [:]).splat("human5th"))
        #expect(human.traits.map(\.key) == original.traits.map(\.key))
        #expect(human.layout(.sheet).map(\.key) == original.layout(.sheet).map(\.key))
        #expect(human.trait("notes")?.kind == .string(maxLength: 10, allowBlank: true))
    }

    @Test func aRenamedTraitServesAndTakesWhatWasStoredUnderItsOldKey() throws {
        let text = try String(contentsOfFile: splatsDirectory + "/human5th.yaml", encoding: .utf8)
            .replacingOccurrences(
                of: "  stains: {min: 0, max: 10, default: 0}",
                with: "  stain_count: {min: 0, max: 10, default: 0, renamed_from: [stains]}"
            )
            .replacingOccurrences(of: "[stains, humanity]", with: "[stain_count, humanity]")
        let renamed = try registry(replacing: ["human5th.yaml": text])
        let human = try #require(renamed.splat("human5th"))
        #expect(human.renames == ["stains": "stain_count"])
        let stored = CharacterRecord(
            id: 1, splat: "human5th", userID: 1, values: ["name": "Ada", "stains": 4, "humanity": 6], createdAt: 0,
            lastUpdated: 0)
        #expect(human.upgraded(stored).values["stain_count"] == 4 && human.upgraded(stored).values["stains"] == nil)
        #expect(human.tracker(stored)["stain_count"] == 4)
        // An old client's write of the old key writes the new one, with its constraint.
        let write = try renamed.validate(["stains": 3], splat: human, stored: human.upgraded(stored).values, context: Self.player)
            .get()
        #expect(write.values == ["stain_count": 3])
        let refused = renamed.validate(["stains": 5], splat: human, stored: human.upgraded(stored).values, context: Self.player)
        #expect(refused.failure?.json == ["non_field_errors": ["Too many stains"]])
    }

    /// A module's rules: a field derived in Swift, a rule over the whole character, a computed key of the views.
    @Test func aModuleDerivesChecksAndComputes() throws {
        let awakening = try registry(adding: ["splats-cod", "splats-mage"], modules: [MageRules.module])
        let mage = try #require(awakening.splat("mage2nd"))
        var values = mage.defaults()
        let created = try awakening.validate(
            ["name": "Ada", "gnosis": 3, "path": "moros", "death": 2], splat: mage, stored: values,
            context: WriteContext(mode: .create, face: .web, isOwner: true, isStaff: false)
        ).get()
        for (key, value) in created.values { values[key] = value }
        #expect(values["mana_max"] == 12)
        let rule = awakening.validate(["forces": 3], splat: mage, stored: values, context: Self.player)
        #expect(rule.failure?.json == ["forces": ["forces is above the ruling arcana"]])
        let constraint = awakening.validate(["mana": 13], splat: mage, stored: values, context: Self.player)
        #expect(constraint.failure?.json == ["mana": ["Mana cannot exceed what the mage's Gnosis holds"]])
        let character = CharacterRecord(id: 1, splat: "mage2nd", userID: 1, values: values, createdAt: 0, lastUpdated: 0)
        #expect(mage.sheet(character)["dice"] == 5 && mage.tracker(character)["dice"] == nil)
        #expect(mage.layout(.sheet).last.map(\.key) == "version")
    }
}

/// A module as small as a maintainer's first one, for `aModuleDerivesChecksAndComputes`.
enum MageRules {
    static let module = SplatModule(name: "mage-rules") { registrar in
        registrar.field(
            "mana_max", of: "mage2nd", kind: .integer(min: 10, max: 75),
            derivation: Derivation(from: ["gnosis"]) { .int([10, 11, 12, 13, 15][Int(min($0.integer("gnosis"), 5)) - 1]) })
        registrar.rule("ruling", for: "mage2nd") { values, _ in
            values.integer("forces") > values.integer("death")
                ? ValidationErrors("forces", ValidationMessage("forces is above the ruling arcana")) : ValidationErrors()
        }
        registrar.computed("dice", for: "mage2nd", schema: ValueSchema(["type": "integer"])) {
            .int($0.integer("gnosis") + $0.integer("death"))
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
