import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import RodApp
import RodCore
import RodServices
import RodStore
import RodTestSupport
import Testing

@testable import RodHTTP

/// Issue 23 over requests: a new edition base with derived totals (Chronicles of Darkness 2nd edition, YAML alone) and
/// a game line whose rules are a module (Mage 2nd, `FixtureMage2nd`), served by the bot, the web, the gateway and the
/// exported schemas, on both stores; characters stored before a derivation was declared, brought up to date.
@Suite struct SplatPowerTests {
    static func mortal(_ name: String, _ extra: JSONObject = [:]) -> JSON {
        var character: JSONObject = ["name": .string(name), "user": "1001", "splat": "mortal2nd"]
        for (key, value) in extra { character[key] = value }
        return ["character": .object(character)]
    }

    @Test(arguments: StoreKind.allCases)
    func aNewEditionInYAMLAloneIsServedByEveryFace(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql, registry: chroniclesOfDarkness) { world in
            try await world.test { client in
                // The bot: the totals follow Stamina + Size and Resolve + Composure; a total it sends is ignored.
                let created = try await client.bot("character/new", Self.mortal("Ada", ["stamina": 3, "health_total": 20]))
                #expect(created.status == .created, "\(created.text)")
                var ada = try #require(try await world.character(named: "Ada"))
                #expect(ada.values["health_total"] == 8 && ada.values["willpower_total"] == 2)
                let saved = try await client.bot(
                    "character/save",
                    ["character": ["id": .int(ada.id), "user": "1001", "splat": "mortal2nd", "stamina": 1, "health_total": 99]])
                #expect(saved.status == .ok, "\(saved.text)")
                let read = try await client.bot("character/get", ["pk": .int(ada.id)]).json
                #expect(read["health"] == ["bashing": 0, "lethal": 0, "aggravated": 0, "total": 6])
                #expect(read["integrity"] == 7 && read["concept"] == "" && read["notes2"] == nil, "\(read)")

                // The web: a sheet's update recomputes the total, and its history records it.
                let browser = try await Browser.signIn(world, user: 1001)
                let sheet = try await client.web(.get, "/api/character/new/mortal2nd?name=Bea", as: browser)
                let id = try #require(sheet.json["id"]?.intValue)
                let updated = try await client.update(
                    "mortal2nd", id: id, ["resolve": 3, "composure": 2, "willpower_total": 1], as: browser)
                #expect(updated.status == .ok, "\(updated.text)")
                let bea = try await client.web(.get, "/api/character/get/mortal2nd?id=\(id)", as: browser).json
                #expect(bea["willpower"] == ["spent": 0, "total": 5] && bea["attributes"]?["resolve"] == 3)
                let history = try await client.web(.get, "/api/character/history/\(id)?limit=1", as: browser).json
                #expect(
                    history["history"]?.arrayValue?.first?["changes"]
                        == [
                            ["key": "composure", "old": 1, "new": 2], ["key": "resolve", "old": 1, "new": 3],
                            ["key": "willpower_total", "old": 2, "new": 5],
                        ])

                // The gateway: a derived trait is refused by name; damage fills the derived track. Its events carry the
                // tracker view, which names inherited traits and groups.
                let user = try #require(try await world.store.user(id: 1001))
                let socket = FakeSocket(world.services.gateway, user: user)
                _ = try await socket.identify()
                ada = try #require(try await world.store.character(id: id))
                let refused = try await socket.fieldUpdate([
                    "id": .string(String(ada.id)), "key": "health_total", "revision": .int(ada.revision), "value": 9,
                ])
                #expect(refused["t"] == "FIELD_ERROR", "\(refused)")
                #expect(
                    refused["d"]?["errors"]?["health_total"]
                        == ["This field is derived from stamina + size; change those instead."], "\(refused)")
                let damaged = try await socket.fieldUpdate([
                    "id": .string(String(ada.id)), "key": "health", "revision": .int(ada.revision), "damage": ["lethal": 6],
                ])
                #expect(damaged["t"] == "FIELD_UPDATED", "\(damaged)")
                #expect(damaged["d"]?["value"] == ["bashing": 0, "lethal": 6, "aggravated": 0, "total": 6], "\(damaged)")
                // Stamina rises through the gateway: the track grows with it.
                let raised = try await socket.fieldUpdate([
                    "id": .string(String(ada.id)), "key": "stamina", "revision": .int(ada.revision + 1), "add": 2,
                ])
                #expect(raised["t"] == "FIELD_UPDATED", "\(raised)")
                #expect(try await world.store.character(id: ada.id)?.values["health_total"] == 8)
                let update = try await socket.frames.take(where: {
                    $0["t"] == "UPDATE_CHARACTER" && $0["d"]?["character"]?["health"]?["total"] == 8
                })
                let event = try #require(update["d"]?["character"])
                #expect(event["health"]?["total"] == 8 && event["integrity"] == 7 && event["beats"] == 0, "\(event)")
                #expect(event["concept"] == nil && event["willpower"] == ["spent": 0, "total": 5])
                _ = await socket.close()

                // The exported schemas: derived totals are read-only, described by what they derive from.
                let schema = try await client.web(.get, "/api/schema/mortal2nd.json", as: nil).json
                let total = schema["$defs"]?["Mortal2ndSheet"]?["properties"]?["health"]?["properties"]?["total"]
                #expect(total?["readOnly"] == true && total?["maximum"] == 12, "\(total ?? nil)")
                let write = schema["$defs"]?["Mortal2ndWrite"]?["properties"]?["willpower_total"]
                #expect(write?["readOnly"] == true)
                #expect(write?["description"]?.stringValue?.contains("Derived from resolve + composure") == true)
            }
        }
    }

    /// A module's field (Mana by Gnosis, from a table), whole-character rule (the Ruling Arcana) and computed key
    /// (`spellcasting`), through the bot and the web, with their schemas.
    @Test(arguments: StoreKind.allCases)
    func aModulesFieldRuleAndComputedKeyAreServed(store: StoreKind) async throws {
        try await World.with(postgres: store == .postgresql, registry: awakening) { world in
            try await world.test { client in
                let created = try await client.bot(
                    "character/new",
                    ["character": ["name": "Ada", "user": "1001", "splat": "mage2nd", "gnosis": 3, "path": "moros", "death": 2]])
                #expect(created.status == .created, "\(created.text)")
                let ada = try #require(try await world.character(named: "Ada"))
                let read = try await client.bot("character/get", ["pk": .int(ada.id)]).json
                #expect(read["mana_max"] == 12)
                #expect(read["spellcasting"] == ["gnosis": 3, "highest_arcanum": "death", "dice": 5], "\(read)")
                // The rule refuses an Arcanum above the Path's Ruling Arcana, on that field; the constraint on Mana
                // reads the module's field.
                let ruled = try await client.bot(
                    "character/save", ["character": ["id": .int(ada.id), "user": "1001", "splat": "mage2nd", "forces": 3]])
                #expect(ruled.status == .badRequest && ruled.text.contains("forces"), "\(ruled.text)")
                // The web, on a sheet.
                let browser = try await Browser.signIn(world, user: 1001)
                let made = try await client.web(.get, "/api/character/new/mage2nd?name=Bea", as: browser)
                let bea = try #require(made.json["id"]?.intValue)
                let tooMuch = try await client.update("mage2nd", id: bea, ["mana": 13], as: browser)
                #expect(tooMuch.status == .badRequest)
                #expect(tooMuch.json == ["mana": ["Mana cannot exceed what the mage's Gnosis holds"]])
                #expect(try await client.update("mage2nd", id: bea, ["gnosis": 5, "mana": 13], as: browser).status == .ok)
                let sheet = try await client.web(.get, "/api/character/get/mage2nd?id=\(bea)", as: browser).json
                #expect(sheet["mana_max"] == 15 && sheet["spellcasting"]?["dice"] == 5, "\(sheet)")
                let schema = try await client.web(.get, "/api/schema/mage2nd.json", as: nil).json
                let spellcasting = schema["$defs"]?["Mage2ndSheet"]?["properties"]?["spellcasting"]
                #expect(spellcasting?["readOnly"] == true && spellcasting?["properties"]?["dice"] != nil)
                #expect(schema["$defs"]?["Mage2ndTracker"]?["properties"]?["mana_max"]?["readOnly"] == true)
            }
        }
    }

    /// Characters stored before a derivation was declared are brought up to date by the server itself, each with a
    /// history row of face `migrate`; a second run finds nothing to do.
    @Test(arguments: StoreKind.allCases)
    func charactersStoredBeforeADerivationAreBroughtUpToDate(store: StoreKind) async throws {
        let plain = try RodTestSupport.registry(adding: ["splats-cod"]).splat("mortal2nd")
        #expect(plain?.derivedKeys == ["health_total", "willpower_total"])
        // The same files, but the totals plain integers: what a deployment stored before declaring the derivations.
        let before = try RodTestSupport.registry(
            adding: ["splats-cod"],
            replacing: [
                "health_total: {derived: {sum: [stamina, size], max: 12}, description: Stamina + Size; the sheet has 12 boxes.}":
                    "health_total: {min: 0, max: 12, default: 6}",
                "willpower_total: {derived: {sum: [resolve, composure], min: 1, max: 10}, description: Resolve + Composure.}":
                    "willpower_total: {min: 1, max: 10, default: 2}",
            ])
        try await World.with(postgres: store == .postgresql, registry: before) { world in
            try await world.test { client in
                for name in ["Ada", "Bea"] {
                    let created = try await client.bot("character/new", Self.mortal(name, ["resolve": 3]))
                    #expect(created.status == .created)
                }
            }
            let ada = try #require(try await world.character(named: "Ada"))
            #expect(ada.values["willpower_total"] == 2 && ada.revision == 1)
            let migration = SplatMigration(
                registry: chroniclesOfDarkness, store: world.store, broadcaster: nil, logger: Logger(label: "test"),
                clock: { 100 })
            let outcome = try await migration.run(.derivationsOnly, dryRun: false)
            #expect(outcome.rewritten == ["mortal2nd": 2] && outcome.skipped == 0)
            let upgraded = try #require(try await world.store.character(id: ada.id))
            #expect(upgraded.values["health_total"] == 6 && upgraded.values["willpower_total"] == 4 && upgraded.revision == 2)
            let row = try #require(try await world.store.history(characterID: ada.id).last)
            #expect(row.change.face == .migration && row.change.actorID == nil)
            #expect(row.change.changes == ["willpower_total": [2, 4]])
            #expect(try await migration.run(.derivationsOnly, dryRun: false).total == 0)
        }
    }

    /// A write that changes nothing records no revision (an old client resending what is stored).
    @Test func aWriteThatChangesNothingRecordsNoRevision() async throws {
        try await World.with { world in
            try await world.test { client in
                let created = try await client.bot("character/new", BotCharacterTests.vampire("Vlad"))
                #expect(created.status == .created)
                let vlad = try #require(try await world.character(named: "Vlad"))
                let same = try await client.bot(
                    "character/save",
                    [
                        "character": [
                            "id": .int(vlad.id), "user": "1001", "splat": "vampire5th", "hunger": vlad.values["hunger"] ?? 1,
                        ]
                    ])
                #expect(same.status == .ok)
                #expect(try await world.store.character(id: vlad.id)?.revision == vlad.revision)
                #expect(try await world.store.history(characterID: vlad.id).count == 1)
            }
        }
    }
}
