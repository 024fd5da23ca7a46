import Foundation
import RodSplats
import Testing

@testable import RodCore

/// The repository's `splats/` folder.
let splatsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("splats").path

/// The registry every test shares, loaded from the real declarations.
let registry: Registry = {
    do {
        return try Registry.load(directory: splatsDirectory, modules: splatModules)
    } catch {
        fatalError("splats/ does not load:\n\(error)")
    }
}()

/// The splats of the original, as its own data holds them (`Tests/Fixtures/original-A`: characters of each), so that a
/// splat file added to `splats/` changes no test's list.
let originalSplats: [String] = {
    let root = URL(fileURLWithPath: splatsDirectory).deletingLastPathComponent()
    guard
        let data = try? Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/original-A/expected.json")),
        let expected = try? JSON.parse(Array(data))
    else { fatalError("Tests/Fixtures/original-A/expected.json does not load") }
    let splats = (expected["characters"]?.objectValue ?? JSONObject()).compactMap { $0.value["meta"]?["splat"]?.stringValue }
    return Set(splats).sorted()
}()

@Suite struct ManifestTests {
    @Test func servesEverySplatOfTheOriginal() {
        #expect(originalSplats.count == 13)
        #expect(Set(registry.slugs).isSuperset(of: originalSplats))
    }

    @Test(arguments: originalSplats)
    func editionBasesGiveEachSplatItsSheet(slug: String) throws {
        let splat = try #require(registry.splat(slug))
        let keys = Set(splat.traits.map(\.key))
        for base in ["name", "is_sheet", "status", "theme", "history", "exp_spends", "st_lock", "exp_current", "exp_total"] {
            #expect(keys.contains(base), "\(slug) lacks \(base)")
        }
        let attributes = try #require(splat.groups.first { $0.key == "attributes" })
        let skills = try #require(splat.groups.first { $0.key == "skills" })
        #expect(attributes.keys.count == 9)
        if splat.version == "5th" {
            #expect(splat.lineage == ["character", "character5th", slug])
            #expect(skills.keys.count == 27)
            #expect(attributes.view == .values)
            #expect(keys.isSuperset(of: ["willpower_superficial", "health_aggravated", "merits", "athletics_spec"]))
            #expect(!keys.contains("strength_spec"))
        } else {
            #expect(splat.version == "20th")
            #expect(splat.lineage == ["character", "character20th", slug])
            #expect(skills.keys.count == 30)
            #expect(attributes.view == .ratings)
            #expect(
                keys.isSuperset(of: ["willpower_current", "health_bashing", "health_lethal", "strength_spec", "computer_spec"]))
        }
    }

    @Test func splatTraitsFollowTheSpecification() throws {
        let vampire = try #require(registry.splat("vampire5th"))
        #expect(
            vampire.sections.last?.topLevelKeys == [
                "clan", "sire", "generation", "predator_type", "humanity", "stains", "hunger", "resonance", "hunting_roll",
                "blood_potency", "disciplines", "date_of_death", "apparent_age",
            ])
        #expect(vampire.sections.last?.trackerKeys == ["clan", "humanity", "stains", "hunger", "disciplines", "blood_potency"])
        let hunger = try #require(vampire.trait("hunger"))
        #expect(hunger.kind == .integer(min: 0, max: 5))
        #expect(hunger.defaultValue == 1)
        #expect(vampire.trait("generation")?.nullable == true)
        #expect(vampire.trait("clan")?.choices?.count == 17)
        // The original's default of 4 broke its own minimum of 7; ours is 7.
        #expect(registry.splat("mage20th")?.trait("health_total")?.defaultValue == 7)
        #expect(registry.splat("werewolf5th")?.trait("form")?.defaultValue == "Homid")
        #expect(registry.splat("hunter5th")?.trait("despair")?.kind == .boolean)
    }

    // MARK: Diagnostics

    static let base = """
        base: character
        traits:
          name: {type: string}
        """

    /// The file of a splat `alpha` extending `base` (5th edition), with `body` after its header: its first line is
    /// line 5 of the file.
    static func alpha(_ body: String) -> (String, String) {
        ("alpha.yaml", "splat: alpha\nname: Alpha\nextends: character\nversion: \"5th\"\n" + body)
    }

    func problems(_ files: [(String, String)], modules: [SplatModule] = []) -> [Diagnostic] {
        do {
            _ = try Registry.load(files: files, modules: modules)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A module's routes and aliases are checked as its validators are: an alias of an unknown splat, an alias that is
    /// already a path, and a route another module added are each a problem naming the module.
    @Test func modulesRoutesAndAliasesAreChecked() {
        let route = BotRoute("alpha/thing", summary: "A thing.", body: ["type": "object"], responses: []) { _ in .empty(204) }
        let first = SplatModule(name: "first") { registrar in
            registrar.botRoute(route)
            registrar.alias("a", for: "alpha")
            registrar.alias("omega", for: "nowhere")
        }
        let second = SplatModule(name: "second") { registrar in
            registrar.botRoute(route)
            registrar.alias("alpha", for: "alpha")
        }
        let found = problems([("character.yaml", Self.base), Self.alpha("")], modules: [first, second]).map(\.description)
        #expect(found.contains { $0.contains("bot route `alpha/thing` is already added by module first") })
        #expect(found.contains { $0.contains("alias `omega` names `nowhere`, which no file declares") })
        #expect(found.contains { $0.contains("alias `alpha` is already a splat's path") })
        #expect(found.count == 3, "\(found)")

        let registry = try? Registry.load(
            files: [("character.yaml", Self.base), Self.alpha("")],
            modules: [
                SplatModule(name: "first") { registrar in
                    registrar.botRoute(route)
                    registrar.alias("a", for: "alpha")
                }
            ])
        #expect(registry?.botRoutes.map(\.path) == ["alpha/thing"])
        #expect(registry?.webPaths.map(\.path) == ["alpha", "a"])
    }

    @Test func reportsEveryProblemOfEveryFileAtOnce() {
        let found = problems([
            ("character.yaml", Self.base),
            Self.alpha(
                """
                traits:
                  rage: {min: 0, max: 5, default: 9}
                  form: {type: string, colour: red}
                """),
            (
                "beta.yaml",
                """
                splat: beta
                name: Beta
                extends: nowhere
                version: "5th"
                """
            ),
            ("gamma.yaml", "splat: gamma\nname: [unclosed\n"),
        ])
        #expect(found.count == 4)
        #expect(
            found.contains(
                Diagnostic(
                    file: "alpha.yaml", line: 6, column: 3,
                    message:
                        "trait `rage`: default 9 is refused by its own declaration: Ensure this value is less than or equal to 5."
                )))
        #expect(found.contains { $0.file == "alpha.yaml" && $0.line == 7 && $0.message.contains("unknown key `colour`") })
        #expect(
            found.contains {
                $0.file == "beta.yaml" && $0.line == 1 && $0.message.contains("extends `nowhere`, which no file declares")
            })
        #expect(found.contains { $0.file == "gamma.yaml" && $0.line == 3 && $0.message.hasPrefix("invalid YAML") })
    }

    @Test func boundsOfListsAndObjectsAreDeclaredWhereTheyApply() {
        let found = problems([
            ("character.yaml", Self.base),
            Self.alpha(
                """
                traits:
                  gifts: {type: list, max_items: 5, default: [1, 2, 3, 4, 5, 6]}
                  rites: {type: object, max_items: 0}
                  rage: {min: 0, max: 5, default: 1, max_items: 3}
                  totem: {type: list, max_key_length: 10}
                """),
        ])
        #expect(found.contains { $0.line == 6 && $0.message.contains("Ensure this field has no more than 5 elements.") })
        #expect(found.contains { $0.line == 7 && $0.message.contains("`max_items` must be at least 1") })
        #expect(found.contains { $0.line == 8 && $0.message.contains("`max_items` applies to lists and objects only") })
        #expect(found.contains { $0.line == 9 && $0.message.contains("`max_key_length` applies to objects only") })
    }

    @Test func diagnosticsPrintAsFileLineColumn() {
        let diagnostic = Diagnostic(file: "vampire5th.yaml", line: 12, column: 5, message: "broken")
        #expect(diagnostic.description == "vampire5th.yaml:12:5: error: broken")
    }

    @Test(arguments: [
        ("traits:\n  hunger: {min: 0, max: 5}", "an integer needs a `default`"),
        ("traits:\n  hunger: {type: number, default: 1}", "unknown type `number`"),
        ("traits:\n  hunger: {min: 5, max: 1, default: 1}", "min 5 is greater than max 1"),
        ("traits:\n  clan: {type: string, choices: [A, B], default: C}", "default \"C\" is refused by its own declaration"),
        // A validator refuses the default: the exported schema would too.
        ("traits:\n  tint: {type: string, validator: hex_color, default: red}", "Invalid hex color value."),
        ("traits:\n  alias: {type: string, validator: character_name}", "declared `required: true`, without a default"),
        ("traits:\n  alias: {type: string, required: true, default: x}", "a required trait has no `default`"),
        ("traits:\n  hunger: {default: 1, validator: nope}", "names validator `nope`, which no splat module registers"),
        ("traits:\n  hunger: {default: 1, access: everyone}", "access must be one of"),
        // Declared twice in one file (a file may redeclare what it inherits, never what it declares itself).
        (
            "traits:\n  a: {default: 1}\ngroups:\n  g:\n    traits:\n      a: {default: 1}",
            "trait `a` is already declared at alpha.yaml:6:3"
        ),
        (
            "tracker: [missing]\ntraits:\n  hunger: {default: 1}",
            "tracker key `missing` is neither a top-level trait nor a group of `alpha` or the files it extends"
        ),
        ("traits:\n  Hunger: {default: 1}", "must be lowercase letters"),
        ("groups:\n  pool:\n    view: tracker\n    traits:\n      total: {default: 1}", "must be named `pool_<part>`"),
        ("groups:\n  pool:\n    view: grid\n    traits:\n      pool_total: {default: 1}", "view must be one of"),
        ("traits:\n  a: {default: 1}\nconstraints:\n  - {sum: [a, b], at_most: 3, message: x}", "constraint names `b`"),
        (
            "traits:\n  a: {default: 1}\n  t: {type: string}\nconstraints:\n  - {sum: [a], at_most: t, message: x}",
            "`t`, which is not an integer"
        ),
        (
            "traits:\n  a: {default: 4}\nconstraints:\n  - {sum: [a], at_most: 3, message: x}",
            "the defaults of `alpha` break this constraint (a ≤ 3: 4 against 3)"
        ),
        (
            "traits:\n  a: {default: 1}\nconstraints:\n  - {sum: [a], message: x}",
            "needs exactly one of `at_most:`, `at_least:` or `equals:`"
        ),
        (
            "traits:\n  a: {default: 1}\nconstraints:\n  - {sum: [a], at_most: 3, at_least: 1, message: x}",
            "needs exactly one of `at_most:`"
        ),
        (
            "traits:\n  a: {default: 2}\n  b: {default: 1}\nconstraints:\n  - {sum: [a], at_least: [b, 2], message: x}",
            "break this constraint (a ≥ b + 2: 2 against 3)"
        ),
        // Derived traits: sources, kinds, cycles, and what a derived trait cannot also say.
        (
            "traits:\n  total: {derived: {sum: [nowhere]}}",
            "derived trait `total` names `nowhere`, which `alpha` does not declare"
        ),
        (
            "traits:\n  t: {type: string}\n  total: {derived: {sum: [t]}}",
            "derived trait `total` names `t`, which is not an integer"
        ),
        (
            "traits:\n  a: {derived: {sum: [b]}}\n  b: {derived: {sum: [c, 1]}}\n  c: {derived: {sum: [a]}}",
            "derived traits form a cycle: a → b → c → a"
        ),
        ("traits:\n  a: {default: 1}\n  total: {derived: {sum: [a]}, default: 3}", "a derived trait has no `default`"),
        ("traits:\n  a: {default: 1}\n  total: {type: string, derived: {sum: [a]}}", "only an integer can be `derived`"),
        ("traits:\n  a: {default: 1}\n  total: {derived: {sum: [a], min: 5, max: 2}}", "min 5 is greater than max 2"),
        ("traits:\n  total: {derived: [a]}", "`derived` is a mapping such as `{sum: [stamina, size]}`"),
        // Renames and drops.
        ("traits:\n  a: {default: 1}\n  b: {default: 1, renamed_from: [a]}", "renamed from `a`, which `alpha` still declares"),
        (
            "traits:\n  a: {default: 1, renamed_from: [old]}\n  b: {default: 1, renamed_from: old}",
            "`old` is renamed to both `a` and `b`"
        ),
        ("drop: [nothing]", "`alpha` drops `nothing`, which none of the files it extends declares"),
        ("drop: [name]", "`name` cannot be dropped: the server itself reads it"),
    ])
    func reportsAProblemInASplatFile(body: String, expected: String) {
        let found = problems([
            ("character.yaml", Self.base),
            Self.alpha(body),
        ])
        #expect(found.contains { $0.message.contains(expected) }, "got \(found)")
    }

    @Test func aFileMustBeNamedForWhatItDeclares() {
        let found = problems([
            ("character.yaml", Self.base), ("other.yaml", "splat: alpha\nname: A\nextends: character\nversion: \"5th\""),
        ])
        #expect(found.map(\.message) == ["`alpha` must be declared in a file named `alpha.yaml`"])
    }

    @Test func onlyBasesCanBeExtendedAndCyclesAreRefused() {
        let found = problems([
            ("character.yaml", Self.base),
            ("alpha.yaml", "splat: alpha\nname: A\nextends: character\nversion: \"5th\""),
            ("beta.yaml", "splat: beta\nname: B\nextends: alpha\nversion: \"5th\""),
            ("one.yaml", "base: one\nextends: two"),
            ("two.yaml", "base: two\nextends: one"),
            ("gamma.yaml", "splat: gamma\nname: G\nextends: one\nversion: \"5th\""),
        ])
        #expect(found.contains { $0.message.contains("extends `alpha`, which is a splat") })
        #expect(found.contains { $0.message.contains("forms a cycle") })
    }

    @Test func theOriginalsModelOfASplatIsItsFilesToName() throws {
        #expect(registry.splat("demon20th")?.originalModel == "haven.demontf")
        #expect(registry.splat("vampire5th")?.originalModel == nil)
        let found = problems([("character.yaml", Self.base + "\noriginal_model: haven.other")])
        #expect(found.map(\.message) == ["`original_model` names a splat's own model; a base's is `haven.<name>`"])
    }

    @Test func aSplatNeedsANameAndAVersion() {
        let found = problems([("character.yaml", Self.base), ("alpha.yaml", "splat: alpha\nextends: character")])
        #expect(found.contains { $0.message.contains("needs a display `name:`") })
        #expect(found.contains { $0.message.contains("has no `version`") })
    }

    @Test func aModuleWhoseValidatorNoTraitNamesIsReported() {
        let module = SplatModule(name: "orphan") { $0.validator("unused", accepts: .any) { _, _ in [] } }
        let found = problems(
            [("character.yaml", Self.base), ("alpha.yaml", "splat: alpha\nname: A\nextends: character\nversion: \"5th\"")],
            modules: [module])
        #expect(found.map(\.message) == ["validator `unused` is registered but no trait names it"])
        #expect(found.first?.file == "module orphan")
    }

    @Test func twoModulesCannotRegisterTheSameValidator() {
        let first = SplatModule(name: "first") { $0.validator("shared", accepts: .any) { _, _ in [] } }
        let second = SplatModule(name: "second") { $0.validator("shared", accepts: .any) { _, _ in [] } }
        let found = problems(
            [
                ("character.yaml", Self.base + "\n  x: {type: list, validator: shared}"),
                ("alpha.yaml", "splat: alpha\nname: A\nextends: character\nversion: \"5th\""),
            ],
            modules: [first, second])
        #expect(found.map(\.message) == ["validator `shared` is already registered by module first"])
    }

    @Test func aMissingFolderIsADiagnosticNotACrash() {
        #expect(throws: ManifestError.self) { try Registry.load(directory: "/nonexistent/splats", modules: []) }
    }
}
