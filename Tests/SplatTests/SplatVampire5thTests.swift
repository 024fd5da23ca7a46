import RodCore
import Testing

@testable import SplatVampire5th

/// Vampire 5th's rules YAML cannot state: the structure of `disciplines`, with the original's messages, and the bot
/// routes only this line has.
@Suite struct SplatVampire5thTests {
    static let context = WriteContext(mode: .update, face: .web, isOwner: true, isStaff: false)

    static func check(_ value: JSON) -> [String] { SplatVampire5th.disciplines(value, context).map(\.message) }

    static let auspex: JSON = [
        "Auspex": [
            "name": "Auspex", "description": [], "characteristics": [], "custom": 0, "source": "", "value": 3,
            "powers": [
                "1": nil,
                "2": ["name": "p", "amalgam": "", "description": "", "cost": "", "dice_pool": "", "system": "", "duration": ""],
            ],
        ]
    ]

    @Test func theOriginalsExampleIsAccepted() {
        #expect(Self.check(Self.auspex) == [])
    }

    @Test(
        arguments: [
            (JSON.array([]), "Disciplines should be a dictionary."),
            (["Auspex": 1], "Data for 'Auspex' should be a dictionary."),
            (
                ["Auspex": ["name": "A", "custom": 0, "value": 1, "powers": [:], "level": 2]],
                "Unexpected keys found in Discipline 'Auspex': {'level'}"
            ),
            (["Auspex": ["custom": 0, "value": 1, "powers": [:]]], "No name input"),
            (["Auspex": ["name": 5, "custom": 0, "value": 1, "powers": [:]]], "Name not a String"),
            (["Auspex": ["name": "A", "custom": 1, "value": 1, "powers": [:]]], "Invalid value for Custom"),
            (["Auspex": ["name": "A", "custom": "0", "value": 1, "powers": [:]]], "Custom not an Int"),
            (["Auspex": ["name": "A", "custom": 0, "value": 6, "powers": [:]]], "Invalid value for Value"),
            (["Auspex": ["name": "A", "custom": 0, "powers": [:]]], "No Value input"),
            (["Auspex": ["name": "A", "custom": 0, "value": 1]], "No Powers input"),
            (["Auspex": ["name": "A", "custom": 0, "value": 1, "powers": []]], "Powers not a dict"),
            (
                ["Auspex": ["name": "A", "custom": 0, "value": 1, "powers": ["6": nil]]],
                "Unexpected keys found in Auspex Powers dict: {'6'}"
            ),
            (
                ["Auspex": ["name": "A", "custom": 0, "value": 1, "powers": ["1": "x"]]],
                "Data for Power '1' should be a dictionary."
            ),
            (["Auspex": ["name": "A", "custom": 0, "value": 1, "description": "x", "powers": [:]]], "description not a List"),
            (["Auspex": ["name": "A", "custom": 0, "value": 1, "characteristics": [1], "powers": [:]]], "item not a String"),
            (["Auspex": ["name": "A", "custom": 0, "value": 1, "source": 1, "powers": [:]]], "Source not a String"),
        ] as [(JSON, String)])
    func eachProblemHasTheOriginalsMessage(value: JSON, message: String) {
        #expect(Self.check(value).contains(message))
    }

    @Test func eachPowersFieldIsChecked() {
        let power: JSON = [
            "name": .string(String(repeating: "p", count: 51)), "amalgam": "", "description": "", "cost": "", "dice_pool": 3,
            "system": "",
        ]
        let value: JSON = ["Auspex": ["name": "A", "custom": 0, "value": 1, "powers": ["1": power]]]
        #expect(Self.check(value) == ["Power Name too long", "Power dice_pool not a String", "No Power duration input"])
    }

    // MARK: Bot routes

    /// Characters in memory, matched as the store matches a query.
    struct Characters: CharacterReading {
        let all: [CharacterRecord]

        func characters(_ query: CharacterQuery) async throws -> [CharacterRecord] {
            let found = all.filter { character in
                (query.userID.map { $0 == character.userID } ?? true)
                    && (query.splats.map { $0.contains(character.splat) } ?? true)
                    && (query.isSheet.map { $0 == character.isSheet } ?? true)
                    && (query.name.map { CharacterRecord.nameKey($0) == CharacterRecord.nameKey(character.name) } ?? true)
                    && {
                        switch query.chronicle {
                        case .any: true
                        case .none: character.chronicleID == nil
                        case .id(let id): character.chronicleID == id
                        }
                    }()
            }
            return Array(found.prefix(query.limit ?? found.count))
        }
    }

    static func character(
        _ id: Int64, _ name: String, user: Int64 = 7, sheet: Bool = true, chronicle: Int64? = nil, disciplines: [String] = []
    ) -> CharacterRecord {
        var values: [String: JSON] = ["name": .string(name), "is_sheet": .bool(sheet)]
        values["disciplines"] = .object(JSONObject(disciplines.map { ($0, ["value": 1]) }))
        return CharacterRecord(
            id: id, splat: "vampire5th", userID: user, chronicleID: chronicle, values: values, createdAt: 0, lastUpdated: 0)
    }

    static func run(_ route: BotRoute, _ body: JSONObject, _ characters: [CharacterRecord]) async throws -> BotRouteReply {
        let registry = try Registry.load(files: SplatFiles.fifthEdition, modules: SplatFiles.modules)
        do {
            return try await route.handle(
                BotRouteRequest(body: body, characters: Characters(all: characters), registry: registry))
        } catch let reply as BotRouteReply {
            return reply
        }
    }

    @Test func disciplineNamesAreEachOnceInTheOrderFirstSeen() async throws {
        let sheets = [
            Self.character(1, "A", disciplines: ["Auspex", "Dominate"]),
            Self.character(2, "B", chronicle: 900, disciplines: ["Dominate", "Obfuscate"]),
            Self.character(3, "Tracker", sheet: false, disciplines: ["Potence"]),
            Self.character(4, "Theirs", user: 8, disciplines: ["Celerity"]),
        ]
        #expect(
            try await Self.run(SplatVampire5th.disciplineNames, ["user_id": "7"], sheets)
                == .json(["names": ["Auspex", "Dominate", "Obfuscate"]]))
        #expect(
            try await Self.run(SplatVampire5th.disciplineNames, ["user_id": "7", "guild_id": "900"], sheets)
                == .json(["names": ["Dominate", "Obfuscate"]]))
        #expect(
            try await Self.run(SplatVampire5th.disciplineNames, [:], sheets) == .error("user_id is required"))
    }

    @Test func aSheetIsFoundByNameOrChronicleAndTheOriginalsStatusesOtherwise() async throws {
        let vlad = Self.character(1, "Vlad", chronicle: 900)
        let all = [vlad, Self.character(2, "Tracker", sheet: false), Self.character(3, "Mina")]
        let found = try await Self.run(SplatVampire5th.sheet, ["user": "7", "name": " vlad "], all)
        #expect(found.status == 200 && found.body?["name"] == "Vlad")
        #expect(try await Self.run(SplatVampire5th.sheet, ["user": "7", "chronicle": "900"], all).status == 200)
        #expect(try await Self.run(SplatVampire5th.sheet, ["user": "7", "name": "Nobody"], all) == .empty(404))
        #expect(try await Self.run(SplatVampire5th.sheet, ["user": "7", "name": "Tracker"], all) == .empty(406))
        // Outside any chronicle the user has two sheets: the bot is told there are several.
        #expect(try await Self.run(SplatVampire5th.sheet, ["user": "7"], all + [Self.character(4, "Carmilla")]) == .empty(300))
        #expect(try await Self.run(SplatVampire5th.sheet, ["name": "Vlad"], all) == .empty(400))
    }

    @Test func theModuleServesTheOriginalsV5Path() throws {
        let registry = try Registry.load(files: SplatFiles.fifthEdition, modules: SplatFiles.modules)
        #expect(registry.aliases.map(\.path) == ["v5"])
        #expect(registry.botRoutes.map(\.path) == ["character/get/discipline/names", "sheet/get"])
        #expect(registry.validator(named: "disciplines") != nil)
    }
}
