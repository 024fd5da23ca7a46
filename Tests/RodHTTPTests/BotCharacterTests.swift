import Foundation
import HTTPTypes
import HummingbirdTesting
import RodCore
import RodStore
import RodTestSupport
import Testing

@Suite struct BotCharacterTests {
    // MARK: Every splat: new, get, save, get again

    @Test(arguments: BotFixture.all)
    func botRoundTripsEverySplat(fixture: BotFixture) async throws {
        try await World.with { world in
            try await world.test { client in
                let splat = try #require(registry.splat(fixture.splat))
                let created = try await client.bot("character/new", fixture.newPayload)
                #expect(created.status == .created)
                #expect(created.body.readableBytes == 0)
                #expect(created.headers[.contentType] == nil)

                let got = try await client.bot("character/get", ["user_id": "1001", "name": .string("Test \(fixture.splat)")])
                #expect(got.status == .ok)
                #expect(got.headers[.contentType] == "application/json")
                let sheet = got.json
                expectSheet(sheet, shows: fixture.traits, splat: splat)
                #expect(sheet["splat"] == .string(fixture.splat))
                #expect(sheet["is_sheet"] == false)
                #expect(sheet["user"] == "1001")
                #expect(sheet["chronicle"] == JSON.null)
                #expect(sheet["faceclaim"] == JSON.null)
                #expect(sheet["exp"] == ["current": 4, "total": 10])
                #expect(sheet["version"] == .string(splat.version))
                #expect(sheet["created_at"]?.isNull == false)
                let id = try #require(sheet["id"]?.intValue)

                let saved = try await client.bot("character/save", fixture.savePayload(id: id))
                #expect(saved.status == .ok)
                #expect(saved.body.readableBytes == 0)

                let again = try await client.bot("character/get", ["pk": .int(id), "splat": .string(fixture.splat)])
                #expect(again.status == .ok)
                var expected = fixture.traits
                for (key, value) in fixture.changes { expected[key] = value }
                expectSheet(again.json, shows: expected, splat: splat)

                let stored = try #require(try await world.store.character(id: id))
                #expect(stored.revision == 2)
                let history = try await world.store.history(characterID: id)
                #expect(history.map(\.change.operation) == [.create, .update])
                #expect(history.allSatisfy { $0.change.face == .bot && $0.change.actorID == 1001 })
                for key in fixture.changes.keys {
                    #expect(history[1].change.changes[key]?.arrayValue?.last == fixture.changes[key], "history of \(key)")
                }

                let names = try await client.bot("character/get/names", ["user_id": "1001", "splat": .string(fixture.splat)])
                #expect(
                    names.json == [
                        "characters": [
                            ["id": .int(id), "name": .string("Test \(fixture.splat)"), "splat": .string(fixture.splat)]
                        ]
                    ])
                let count = try await client.bot("character/count", ["user_id": "1001"])
                #expect(count.json == ["global": ["sheets": 0, "trackers": 1, "total": 1]])
                let deleted = try await client.bot("character/delete", ["ids": [.int(id)], "disconnect": false])
                #expect(deleted.json == ["names": [.string("Test \(fixture.splat)")]])
                let gone = try await client.bot("character/get", ["pk": .int(id)])
                #expect(gone.status == .notFound)
            }
        }
    }

    // MARK: Authentication

    @Test func theKeyMayTravelInTheQueryString() async throws {
        try await World.with { world in
            try await world.test { client in
                let response = try await client.raw(
                    "/bot/character/count?APIKey=dev-api-key", body: Array(#"{"user_id":"7"}"#.utf8))
                #expect(response.status == .ok)
                #expect(response.json == ["global": ["sheets": 0, "trackers": 0, "total": 0]])
            }
        }
    }

    @Test func aBodyThatIsNotAJSONObjectIsA400() async throws {
        try await World.with { world in
            try await world.test { client in
                let broken = try await client.raw("/bot/character/count?APIKey=dev-api-key", body: Array("{nope".utf8))
                #expect(broken.status == .badRequest)
                #expect(broken.json["detail"]?.stringValue?.hasPrefix("JSON parse error") == true)
                let list = try await client.raw("/bot/character/count?APIKey=dev-api-key", body: Array("[1]".utf8))
                #expect(list.status == .badRequest)
            }
        }
    }

    @Test func unknownBotPathsAndWrongMethodsAnswerJSON() async throws {
        try await World.with { world in
            try await world.test { client in
                let unknown = try await client.bot("character/fly", [:])
                #expect(unknown.status == .notFound)
                #expect(unknown.json == ["detail": "Not found."])
                // A trailing slash reaches the same route (the original served its web page there).
                let slash = try await client.bot("character/count/", ["user_id": "1"])
                #expect(slash.status == .ok)
                let get = try await client.raw("/bot/character/get?APIKey=dev-api-key", method: .get, body: [])
                #expect(get.status == .methodNotAllowed)
                #expect(get.json == ["detail": "Method \"GET\" not allowed."])
            }
        }
    }

    // MARK: character/new

    static func vampire(_ name: String = "Vlad", user: JSON = "1001", _ extra: [(String, JSON)] = []) -> JSON {
        [
            "character": .object(
                JSONObject([("name", .string(name)), ("user", user), ("splat", "vampire5th"), ("chronicle", nil)] + extra))
        ]
    }

    @Test func newCreatesAnUnknownUserAndATracker() async throws {
        try await World.with { world in
            try await world.test { client in
                let response = try await client.bot("character/new", Self.vampire())
                #expect(response.status == .created)
            }
            let user = try #require(try await world.store.user(id: 1001))
            #expect(user.username == "" && !user.registered)
            let vlad = try #require(try await world.character(named: "vlad"))
            #expect(!vlad.isSheet)
            #expect(vlad.values["hunger"] == 1)
        }
    }

    @Test(
        arguments: [
            (BotCharacterTests.vampire("~Vlad"), 422, "Character name cannot start with '~'."),
            (BotCharacterTests.vampire(String(repeating: "n", count: 51)), 409, "Name cannot be longer than 50 characters."),
            (["character": ["user": "1001", "splat": "vampire5th"]], 400, "This field is required."),
            (BotCharacterTests.vampire("  "), 400, "You must input a Name."),
            (["character": ["name": "Vlad", "user": "1001", "splat": "elf20th"]], 400, "Unknown splat: elf20th"),
            (["character": ["name": "Vlad", "user": "1001"]], 400, "Unknown splat: "),
            (["character": ["name": "Vlad", "splat": "vampire5th"]], 400, "user: User must be included with a new character"),
            (BotCharacterTests.vampire("Vlad", [("hunger", "lots")]), 400, "hunger: A valid integer is required."),
            (BotCharacterTests.vampire("Vlad", [("hunger", 9)]), 400, "hunger: Ensure this value is less than or equal to 5."),
            (BotCharacterTests.vampire("Vlad", [("humanity", 9), ("stains", 5)]), 400, "Too many stains"),
            (BotCharacterTests.vampire("Vlad", [("theme", "red")]), 400, "theme: Invalid hex color value."),
            (
                BotCharacterTests.vampire("Vlad", [("chronicle", "555")]), 400,
                "chronicle: Invalid pk \"555\" - object does not exist."
            ),
            (
                BotCharacterTests.vampire("Vlad", [("chronicle", ["id": 1])]), 400,
                "chronicle: Incorrect type. Expected pk value, received dict."
            ),
            (BotCharacterTests.vampire("Vlad", [("st_lock", true)]), 400, "st_lock: This field can only be changed by the ST"),
        ] as [(JSON, Int, String)])
    func newRefusesBadInputWithTheStatusTheBotReadsAndWritesNothing(payload: JSON, status: Int, message: String) async throws {
        try await World.with { world in
            try await world.test { client in
                let response = try await client.bot("character/new", payload)
                #expect(response.status.code == status)
                #expect(response.json == .string(message))
            }
            #expect(try await world.count() == 0)
        }
    }

    @Test func newRefusesAWrongTypedWrapper() async throws {
        try await World.with { world in
            try await world.test { client in
                let response = try await client.bot("character/new", ["character": "Vlad"])
                #expect(response.status == .badRequest)
                #expect(response.json == ["error": "character is required"])
            }
        }
    }

    @Test func newRefusesADuplicateNameRegardlessOfCaseWith304() async throws {
        try await World.with { world in
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Vlad")).status == .created)
                let again = try await client.bot("character/new", Self.vampire("vLAD "))
                #expect(again.status == .notModified)
                #expect(again.body.readableBytes == 0)
                // Another user may use the name.
                #expect(try await client.bot("character/new", Self.vampire("Vlad", user: "1002")).status == .created)
            }
            #expect(try await world.count() == 1)
        }
    }

    @Test func newStopsAtTheSupporterTiersCharacterLimit() async throws {
        try await World.with { world in
            let now = Date().timeIntervalSince1970
            _ = try await world.store.ensureUser(id: 1001, now: now)
            for index in 0..<50 {
                let values = registry.splat("human5th")!.defaults().merging(["name": .string("Extra \(index)")]) { $1 }
                let extra = CharacterRecord(
                    id: 0, splat: "human5th", userID: 1001, values: values, createdAt: now, lastUpdated: now)
                _ = try await world.store.insert(
                    extra, change: CharacterChange(operation: .create, face: .system, actorID: nil, changes: nil, at: now))
            }
            try await world.test { client in
                let refused = try await client.bot("character/new", Self.vampire("One Too Many"))
                #expect(refused.status == .conflict)
                #expect(refused.body.readableBytes == 0)
            }
            #expect(try await world.count() == 50)
            var supporter = try #require(try await world.store.user(id: 1001))
            supporter.supporter = 1
            try await world.store.save(supporter)
            try await world.test { client in
                let response = try await client.bot("character/new", Self.vampire("One Too Many"))
                #expect(response.status == .created)
            }
        }
    }

    @Test func newJoinsAnExistingChronicleAndCreatesTheMembership() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Vlad", [("chronicle", "2001")])).status == .created)
                let sheet = try await client.bot("character/get", ["user_id": "1001", "name": "Vlad"]).json
                let member = try #require(try await world.store.member(chronicleID: 2001, userID: 1001))
                #expect(sheet["chronicle"] == "2001")
                #expect(sheet["member"] == .string(String(member.id)))
            }
        }
    }

    // MARK: character/save

    @Test func saveAnswers404ForCharactersItCannotFind() async throws {
        try await World.with { world in
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire()).status == .created)
                let id = try #require(try await world.character(named: "Vlad")?.id)
                let cases: [JSON] = [
                    ["character": ["id": 999, "user": "1001", "splat": "vampire5th", "name": "Vlad"]],
                    ["character": ["id": .int(id), "user": "1002", "splat": "vampire5th", "name": "Vlad"]],
                    ["character": ["id": .int(id), "user": "1001", "splat": "mage20th", "name": "Vlad"]],
                    ["character": ["user": "1001", "splat": "vampire5th", "name": "Vlad"]],
                ]
                for payload in cases {
                    let response = try await client.bot("character/save", payload)
                    #expect(response.status == .notFound)
                    #expect(response.json == ["message": "Character not found"])
                }
            }
        }
    }

    @Test func saveRefusesInvalidChangesAndLeavesTheCharacterAsItWas() async throws {
        try await World.with { world in
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Vlad")).status == .created)
                #expect(try await client.bot("character/new", Self.vampire("Anna")).status == .created)
                let before = try #require(try await world.character(named: "Vlad"))
                func save(_ extra: [(String, JSON)]) async throws -> TestResponse {
                    var character = JSONObject([("id", .int(before.id)), ("user", "1001"), ("splat", "vampire5th")])
                    for (key, value) in extra { character[key] = value }
                    return try await client.bot("character/save", ["character": .object(character)])
                }
                let renamed = try await save([("name", "ANNA")])
                #expect(renamed.status == .notModified)
                let invalid = try await save([("hunger", 7), ("humanity", "x")])
                #expect(invalid.status == .badRequest)
                #expect(invalid.json == "hunger: Ensure this value is less than or equal to 5.")
                let tilde = try await save([("name", "~Vlad")])
                #expect(tilde.status.code == 422)
                #expect(try await world.character(named: "Vlad") == before)

                // Renaming to a different case of its own name is allowed.
                #expect(try await save([("name", "VLAD")]).status == .ok)
                #expect(try await world.store.character(id: before.id)?.name == "VLAD")
            }
        }
    }

    @Test func archivedSheetsCannotBeSavedWithoutReviving() async throws {
        try await World.with { world in
            try await world.test { client in
                let response = try await client.bot("character/new", Self.vampire("Vlad"))
                #expect(response.status == .created)
            }
            var vlad = try #require(try await world.character(named: "Vlad"))
            vlad.values["status"] = 5
            _ = try await world.store.update(
                vlad, change: CharacterChange(operation: .update, face: .system, actorID: nil, changes: nil, at: 1))
            let archived = vlad
            try await world.test { client in
                let response = try await client.bot(
                    "character/save", ["character": ["id": .int(archived.id), "user": "1001", "hunger": 3]])
                #expect(response.status == .notModified)
            }
            #expect(try await world.character(named: "Vlad")?.values["hunger"] == 1)
        }
    }

    @Test func leavingAChronicleClearsTheMembership() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                let response = try await client.bot("character/new", Self.vampire("Vlad", [("chronicle", "2001")]))
                #expect(response.status == .created)
                let vlad = try #require(try await world.character(named: "Vlad"))
                #expect(vlad.memberID != nil)
                let left = try await client.bot(
                    "character/save", ["character": ["id": .int(vlad.id), "user": "1001", "chronicle": nil]])
                #expect(left.status == .ok)
            }
            let after = try #require(try await world.character(named: "Vlad"))
            #expect(after.chronicleID == nil && after.memberID == nil)
        }
    }

    /// Issue 12: under the storyteller lock a player may not take the sheet out of its chronicle (nor move it), through
    /// the bot either: leaving would have cleared the lock.
    @Test func underTheLockTheBotCannotMoveTheSheetOutOfItsChronicle() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await world.store.save(Chronicle(id: 2002, name: "Sabbat", createdAt: 0))
            try await world.test { client in
                let response = try await client.bot("character/new", Self.vampire("Vlad", [("chronicle", "2001")]))
                #expect(response.status == .created)
            }
            var vlad = try #require(try await world.character(named: "Vlad"))
            vlad.values["st_lock"] = true
            let locked = try #require(
                try await world.store.update(
                    vlad, change: CharacterChange(operation: .update, face: .system, actorID: nil, changes: nil, at: 1)))
            try await world.test { client in
                for chronicle: JSON in [nil, "2002"] {
                    let response = try await client.bot(
                        "character/save", ["character": ["id": .int(locked.id), "user": "1001", "chronicle": chronicle]])
                    #expect(response.status == .badRequest)
                    #expect(response.json == "chronicle: This sheet is locked by its storyteller.")
                }
                // The guild the bot runs in, as it sends on every save: no change, accepted.
                let same = try await client.bot(
                    "character/save", ["character": ["id": .int(locked.id), "user": "1001", "chronicle": "2001", "hunger": 2]])
                #expect(same.status == .ok)
            }
            let after = try #require(try await world.character(named: "Vlad"))
            #expect(after.chronicleID == 2001 && after.memberID != nil && after.storytellerLock)
        }
    }

    // MARK: Reads

    @Test func getAnswers404And400AsTheOriginal() async throws {
        try await World.with { world in
            try await world.test { client in
                #expect(try await client.bot("character/get", ["user_id": "1001", "name": "Nobody"]).status == .notFound)
                #expect(try await client.bot("character/get", ["user_id": "1001", "name": nil]).status == .notFound)
                #expect(try await client.bot("character/get", ["pk": "abc"]).status == .notFound)
                let missingUser = try await client.bot("character/get", ["name": "Vlad"])
                #expect(missingUser.status == .badRequest)
                #expect(missingUser.body.readableBytes == 0)
                #expect(try await client.bot("character/new", Self.vampire("Vlad")).status == .created)
                #expect(try await client.bot("character/get", ["user_id": 1001, "name": " vlad "]).status == .ok)
                #expect(
                    try await client.bot("character/get", ["user_id": "1001", "name": "Vlad", "splat": "mage20th"]).status
                        == .notFound)
                // An unknown splat filter is ignored, as the original falls back to every character.
                #expect(try await client.bot("character/get", ["user_id": "1001", "name": "Vlad", "splat": "elf"]).status == .ok)
            }
        }
    }

    @Test func namesListsTheUsersCharactersWithFilters() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Vlad", [("chronicle", "2001")])).status == .created)
                #expect(try await client.bot("character/new", BotFixture.all[7].newPayload).status == .created)
                #expect(try await client.bot("character/new", Self.vampire("Other", user: "1002")).status == .created)
                func names(_ body: JSON) async throws -> [String] {
                    let response = try await client.bot("character/get/names", body)
                    #expect(response.status == .ok)
                    return response.json["characters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                }
                #expect(try await names(["user_id": "1001"]) == ["Vlad", "Test mage20th"])
                #expect(try await names(["user_id": "1001", "guild_id": "2001"]) == ["Vlad"])
                #expect(try await names(["user_id": "1001", "splat": "mage20th"]) == ["Test mage20th"])
                #expect(try await names(["user_id": "1001", "splat": ["mage20th", "vampire5th"]]) == ["Vlad", "Test mage20th"])
                #expect(try await names(["user_id": "1001", "sheet_only": true]) == [])
                let first = try await client.bot("character/get/names", ["user_id": "1001"]).json["characters"]?.arrayValue?.first
                #expect(first?.objectValue?.keys == ["id", "name", "splat"])
                #expect(try await client.bot("character/get/names", ["user_id": "1001", "splat": 5]).status == .badRequest)
                #expect(try await client.bot("character/get/names", [:]).json == ["error": "user_id is required"])
            }
        }
    }

    @Test func countSeparatesSheetsAndTrackersGloballyAndPerChronicle() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Vlad", [("chronicle", "2001")])).status == .created)
                #expect(try await client.bot("character/new", Self.vampire("Anna")).status == .created)
                let response = try await client.bot("character/count", ["user_id": "1001", "guild_id": "2001"])
                #expect(
                    response.json == [
                        "global": ["sheets": 0, "trackers": 2, "total": 2],
                        "chronicle": ["sheets": 0, "trackers": 1, "total": 1],
                    ])
                let missing = try await client.bot("character/count", ["guild_id": "2001"])
                #expect(missing.status == .badRequest)
                #expect(missing.json == ["error": "user_id is required"])
            }
        }
    }

    /// Stores a Vampire 5th web sheet directly, as the web API (a later issue) will.
    static func storeSheet(_ world: World, name: String, chronicle: Int64? = nil, disciplines: JSON = [:]) async throws {
        let now = Date().timeIntervalSince1970
        _ = try await world.store.ensureUser(id: 1001, now: now)
        var values = registry.splat("vampire5th")!.defaults()
        values["name"] = .string(name)
        values["is_sheet"] = true
        values["disciplines"] = disciplines
        var sheet = CharacterRecord(id: 0, splat: "vampire5th", userID: 1001, values: values, createdAt: now, lastUpdated: now)
        if let chronicle {
            sheet.chronicleID = chronicle
            sheet.memberID = try await world.store.ensureMember(chronicleID: chronicle, userID: 1001, now: now).id
        }
        _ = try await world.store.insert(
            sheet, change: CharacterChange(operation: .create, face: .web, actorID: 1001, changes: nil, at: now))
    }

    @Test func disciplineNamesListsEachOnceInTheOrderFirstSeen() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await Self.storeSheet(world, name: "One", disciplines: ["Obfuscate": [:], "Auspex": [:]])
            try await Self.storeSheet(world, name: "Two", chronicle: 2001, disciplines: ["Auspex": [:], "Dominate": [:]])
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Tracker")).status == .created)
                let all = try await client.bot("character/get/discipline/names", ["user_id": "1001"])
                #expect(all.json == ["names": ["Obfuscate", "Auspex", "Dominate"]])
                let guild = try await client.bot("character/get/discipline/names", ["user_id": "1001", "guild_id": "2001"])
                #expect(guild.json == ["names": ["Auspex", "Dominate"]])
                let none = try await client.bot("character/get/discipline/names", ["user_id": "9"])
                #expect(none.json == ["names": []])
            }
        }
    }

    @Test func sheetGetFindsTheOneVampireSheet() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                let none = try await client.bot("sheet/get", ["user": "1001", "chronicle": "2001"])
                #expect(none.status == .notFound)
                let noUser = try await client.bot("sheet/get", [:])
                #expect(noUser.status == .badRequest)
            }
            try await Self.storeSheet(world, name: "Lone", chronicle: 2001)
            try await world.test { client in
                let found = try await client.bot("sheet/get", ["user": "1001", "chronicle": "2001"])
                #expect(found.status == .ok)
                #expect(found.json["name"] == "Lone")
                #expect(found.json["is_sheet"] == true)
                #expect(try await client.bot("sheet/get", ["user": "1001", "name": "lone", "chronicle": nil]).status == .ok)
                #expect(try await client.bot("sheet/get", ["user": "1001", "chronicle": nil]).status == .notFound)
                #expect(try await client.bot("character/new", Self.vampire("Tracker")).status == .created)
                #expect(try await client.bot("sheet/get", ["user": "1001", "name": "Tracker"]).status == .notAcceptable)
            }
            try await Self.storeSheet(world, name: "Second", chronicle: 2001)
            try await world.test { client in
                let response = try await client.bot("sheet/get", ["user": "1001", "chronicle": "2001"])
                #expect(response.status == .multipleChoices)
            }
        }
    }

    // MARK: character/delete

    @Test func deleteRemovesCharactersInOrderAndSkipsUnknownIds() async throws {
        try await World.with { world in
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Vlad")).status == .created)
                #expect(try await client.bot("character/new", Self.vampire("Anna")).status == .created)
                let vlad = try #require(try await world.character(named: "Vlad")).id
                let anna = try #require(try await world.character(named: "Anna")).id
                let response = try await client.bot(
                    "character/delete", ["ids": [.int(anna), 999, .string(String(vlad))], "disconnect": false])
                #expect(response.status == .ok)
                #expect(response.json == ["names": ["Anna", "Vlad"]])
                #expect(try await world.count() == 0)
                #expect(try await world.store.history(characterID: vlad).last?.change.operation == .delete)
                #expect(try await client.bot("character/delete", ["ids": "1"]).json == ["error": "ids is required"])
                #expect(try await client.bot("character/delete", ["ids": ["x"]]).status == .badRequest)
            }
        }
    }

    @Test func deleteWithDisconnectTakesCharactersOutOfTheirChronicle() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 2001, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                #expect(try await client.bot("character/new", Self.vampire("Vlad", [("chronicle", "2001")])).status == .created)
                let vlad = try #require(try await world.character(named: "Vlad"))
                #expect(vlad.chronicleID == 2001 && vlad.memberID != nil)
                let response = try await client.bot("character/delete", ["ids": [.int(vlad.id)], "disconnect": true])
                #expect(response.status == .ok)
                #expect(response.json == ["names": ["Vlad"]])
                let after = try #require(try await world.character(named: "Vlad"))
                #expect(after.chronicleID == nil && after.memberID == nil && !after.storytellerLock)
                #expect(after.revision == vlad.revision + 1)
            }
        }
    }
}
