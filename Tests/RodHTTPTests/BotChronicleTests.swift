import Foundation
import HTTPTypes
import HummingbirdTesting
import RodCore
import RodStore
import RodTestSupport
import Testing

extension World {
    /// A chronicle 900 with bot 500, and user 1001 as a plain member of it.
    func seedGuild() async throws {
        try await store.save(Chronicle(id: 900, name: "Camarilla", createdAt: 1), addingBots: [500])
        _ = try await store.ensureUser(id: 1001, now: 1)
        _ = try await store.ensureMember(chronicleID: 900, userID: 1001, now: 1)
    }
}

extension TestResponse {
    /// An empty answer of a plain Django view: no body, typed text/html.
    var isPlainEmpty: Bool { body.readableBytes == 0 && headers[.contentType] == "text/html; charset=utf-8" }
}

@Suite struct BotChronicleTests {
    static let guild: JSON = ["id": "900", "name": "Camarilla", "owner_id": "42", "bot": "500", "shard": 1, "icon_url": ""]

    @Test func setCreatesTheChronicleThenUpdatesOnlyWhatIsSent() async throws {
        try await World.with { world in
            try await world.test { client in
                let created = try await client.bot("chronicle/set", ["guild": Self.guild])
                #expect(created.status == .ok && created.isPlainEmpty)
                let chronicle = try #require(try await world.store.chronicle(id: 900))
                #expect(chronicle.name == "Camarilla" && chronicle.ownerID == 42 && chronicle.shard == 1 && chronicle.isGuild)
                #expect(try await world.store.botIDs(chronicleID: 900) == [500])

                let renamed = try await client.bot(
                    "chronicle/set", ["guild": ["id": 900, "name": "Camarilla by Night", "bot": ["501"]]])
                #expect(renamed.status == .ok)
                let after = try #require(try await world.store.chronicle(id: 900))
                #expect(after.name == "Camarilla by Night" && after.ownerID == 42 && after.createdAt == chronicle.createdAt)
                // Each bot in the guild keeps its link; the original replaced them with the last bot to report.
                #expect(try await world.store.botIDs(chronicleID: 900) == [500, 501])
            }
        }
    }

    static let invalidGuilds: [(payload: JSON, body: String)] = [
        (["guild": ["id": "900", "bot": "500"]], #"{"name": ["This field is required."]}"#),
        (["guild": ["id": "900", "name": "", "bot": "500"]], #"{"name": ["This field may not be blank."]}"#),
        (
            ["guild": ["id": "900", "name": "A", "icon_url": "not a url", "shard": "x"]],
            #"{"shard": ["A valid integer is required."], "icon_url": ["Enter a valid URL."]}"#
        ),
        (
            ["guild": ["id": "900", "name": "A", "tracker_channel": .string(String(repeating: "1", count: 21))]],
            #"{"tracker_channel": ["Ensure this field has no more than 20 characters."]}"#
        ),
        (["guild": ["id": "900", "name": "A", "bot": ["x"]]], #"{"bot": ["Incorrect type. Expected pk value, received str."]}"#),
        (["guild": ["name": "A"]], #"{"id": ["This field is required."]}"#),
        ([:], #"{"guild": ["This field is required."]}"#),
    ]

    @Test(arguments: invalidGuilds)
    func setRefusesInvalidFieldsWithTheErrorsAndSavesNothing(payload: JSON, body: String) async throws {
        try await World.with { world in
            try await world.test { client in
                let response = try await client.bot("chronicle/set", payload)
                #expect(response.status == .badRequest)
                #expect(response.text == body)
            }
            #expect(try await world.store.chronicle(id: 900) == nil)
        }
    }

    @Test func getAnswersTheChronicleWithStringIdsAndISOTimes() async throws {
        try await World.with { world in
            try await world.store.save(
                Chronicle(id: 900, name: "Élysée", ownerID: 42, iconURL: "https://x/i.png", createdAt: 1_735_732_800.123456))
            try await world.test { client in
                let response = try await client.bot("chronicle/get", ["guild_id": "900"])
                #expect(response.status == .ok)
                #expect(response.text.hasPrefix(#"{"id": "900", "name": "\u00c9lys\u00e9e", "owner_id": "42""#))
                #expect(response.json["created_at"] == "2025-01-01T12:00:00.123456Z")
                #expect(try await client.bot("chronicle/get", ["guild_id": "901"]).isPlainEmpty)
                #expect(try await client.bot("chronicle/get", ["guild_id": "901"]).status == .notFound)
                let missing = try await client.bot("chronicle/get", [:])
                #expect(missing.status == .badRequest)
                #expect(missing.text == #"{"error": "guild_id is required"}"#)
            }
        }
    }

    @Test func theTrackerChannelToggles() async throws {
        try await World.with { world in
            try await world.seedGuild()
            try await world.test { client in
                #expect(try await client.bot("chronicle/channel/get", ["guild_id": "900"]).status == .noContent)
                let set = try await client.bot("chronicle/channel/set", ["guild_id": "900", "channel_id": "777"])
                #expect(set.text == #"{"channel_id": "777"}"#)
                #expect(try await world.store.chronicle(id: 900)?.trackerChannel == "777")
                #expect(try await client.bot("chronicle/channel/get", ["guild_id": "900"]).text == #"{"channel_id": "777"}"#)
                let cleared = try await client.bot("chronicle/channel/set", ["guild_id": "900", "channel_id": 777])
                #expect(cleared.text == #"{"channel_id": null}"#)
                #expect(try await world.store.chronicle(id: 900)?.trackerChannel == "")
                let unknown = try await client.bot("chronicle/channel/set", ["guild_id": "901", "channel_id": "777"])
                #expect(unknown.status.code == 418 && unknown.isPlainEmpty)
                #expect(try await client.bot("chronicle/channel/get", ["guild_id": "901"]).status.code == 418)
                #expect(try await client.bot("chronicle/channel/set", ["guild_id": "900"]).status == .badRequest)
            }
        }
    }

    @Test func storytellerRolesToggleAndList() async throws {
        try await World.with { world in
            try await world.seedGuild()
            try await world.store.save(Chronicle(id: 901, name: "Other", createdAt: 1))
            try await world.test { client in
                #expect(
                    try await client.bot("chronicle/storyteller/roles/set", ["guild_id": "900", "role_id": "56"]).text
                        == #"{"roleIds": ["56"]}"#)
                #expect(
                    try await client.bot("chronicle/storyteller/roles/set", ["guild_id": "900", "role_id": "55"]).text
                        == #"{"roleIds": ["55", "56"]}"#)
                #expect(
                    try await client.bot("chronicle/storyteller/roles/get", ["guild_id": "900"]).text
                        == #"{"roles": ["55", "56"]}"#)
                #expect(
                    try await client.bot("chronicle/storyteller/roles/set", ["guild_id": "900", "role_id": "56"]).text
                        == #"{"roleIds": ["55"]}"#)
                #expect(try await client.bot("chronicle/storyteller/roles/get", ["guild_id": "901"]).text == #"{"roles": []}"#)
                #expect(
                    try await client.bot("chronicle/storyteller/roles/set", ["guild_id": "902", "role_id": "57"]).status.code
                        == 418)
                #expect(try await client.bot("chronicle/storyteller/roles/get", ["guild_id": "abc"]).status == .badRequest)
                let deleted = try await client.bot("chronicle/storyteller/roles/delete", ["role_id": "55"])
                #expect(deleted.status == .ok && deleted.isPlainEmpty)
                #expect(try await client.bot("chronicle/storyteller/roles/delete", ["role_id": "55"]).status == .noContent)
            }
            #expect(try await world.store.storytellerRoles(chronicleID: 900).isEmpty)
        }
    }

    @Test func storytellersListsAdminsAndStorytellersByUser() async throws {
        try await World.with { world in
            try await world.seedGuild()
            for (user, admin, storyteller) in [(2001, true, false), (2002, false, true), (2003, true, true)]
                as [(Int64, Bool, Bool)]
            {
                _ = try await world.store.ensureUser(id: user, now: 1)
                var member = try await world.store.ensureMember(chronicleID: 900, userID: user, now: 1)
                member.admin = admin
                member.storyteller = storyteller
                _ = try await world.store.save(member)
            }
            try await world.test { client in
                let response = try await client.bot("chronicle/storytellers/get", ["guild_id": "900"])
                #expect(
                    response.json == [
                        "admin_ids": ["2001", "2003"], "storyteller_ids": ["2002", "2003"], "members": ["2002", "2003", "2001"],
                    ])
            }
        }
    }

    @Test func memberGetAnswersTheMembershipWithItsChronicleAndUser() async throws {
        try await World.with { world in
            try await world.seedGuild()
            try await world.test { client in
                for path in ["chronicle/member/get", "member/get"] {
                    let response = try await client.bot(path, ["guild_id": "900", "user_id": "1001"])
                    #expect(response.status == .ok)
                    #expect(
                        response.json.objectValue?.keys == [
                            "id", "chronicle", "user", "admin", "storyteller", "nickname", "avatar_url", "created_at",
                            "last_updated",
                            "default_character", "default_auto_hunger",
                        ])
                    #expect(response.json["chronicle"]?["id"] == "900")
                    #expect(response.json["user"]?["id"] == "1001")
                    #expect(try await client.bot(path, ["guild_id": "900", "user_id": "1002"]).status == .notFound)
                    let missing = try await client.bot(path, ["guild_id": "900"])
                    #expect(missing.text == #"{"error": "guild_id and user_id are required"}"#)
                }
            }
        }
    }

    @Test func removingAMemberTakesTheirCharactersOutOfTheChronicle() async throws {
        try await World.with { world in
            try await world.seedGuild()
            try await world.test { client in
                let vlad = BotCharacterTests.vampire("Vlad", [("chronicle", "900")])
                #expect(try await client.bot("character/new", vlad).status == .created)
                #expect(try await client.bot("character/new", BotCharacterTests.vampire("Anna")).status == .created)
                let before = try #require(try await world.character(named: "Vlad"))
                let response = try await client.bot("chronicle/member/delete", ["guild_id": "900", "member_id": "1001"])
                #expect(response.status == .ok && response.isPlainEmpty)
                let after = try #require(try await world.character(named: "Vlad"))
                #expect(after.chronicleID == nil && after.memberID == nil && after.revision == before.revision + 1)
                #expect(try await world.character(named: "Anna")?.revision == 1)
                #expect(try await world.store.member(chronicleID: 900, userID: 1001) == nil)
                #expect(try await world.store.user(id: 1001) != nil)
                #expect(
                    try await client.bot("chronicle/member/delete", ["guild_id": "900", "member_id": "1001"]).status == .noContent
                )
            }
        }
    }

    @Test func defaultsPickTheCharacterTheBotUses() async throws {
        try await World.with { world in
            try await world.seedGuild()
            try await world.test { client in
                #expect(
                    try await client.bot("character/new", BotCharacterTests.vampire("Vlad", [("chronicle", "900")])).status
                        == .created)
                #expect(try await client.bot("character/new", BotCharacterTests.vampire("Anna")).status == .created)
                // Without a default, the only character in the chronicle is used.
                let only = try await client.bot(
                    "chronicle/member/defaults/get", ["guild_id": "900", "user_id": "1001", "splats": nil])
                #expect(only.json["character"]?["name"] == "Vlad")
                #expect(only.json["auto_hunger"] == false)
                #expect(
                    try await client.bot(
                        "chronicle/member/defaults/get", ["guild_id": "900", "user_id": "1001", "splats": "mage20th"]
                    ).status == .noContent)

                let set = try await client.bot(
                    "chronicle/member/defaults/set",
                    ["guild_id": "900", "user_id": "1001", "name": "anna", "auto_hunger": true, "disable": false])
                #expect(set.status == .ok && set.isPlainEmpty)
                let anna = try #require(try await world.character(named: "Anna"))
                #expect(try await world.store.member(chronicleID: 900, userID: 1001)?.defaultCharacterID == anna.id)
                let chosen = try await client.bot(
                    "chronicle/member/defaults/get", ["guild_id": "900", "user_id": "1001", "splats": ["vampire5th"]])
                #expect(chosen.json["character"]?["name"] == "Anna")
                #expect(chosen.json["auto_hunger"] == true)

                #expect(
                    try await client.bot(
                        "chronicle/member/defaults/set",
                        ["guild_id": "900", "user_id": "1001", "name": "Nobody", "auto_hunger": false]
                    ).status == .noContent)
                #expect(
                    try await client.bot("chronicle/member/defaults/set", ["guild_id": "900", "user_id": "1002", "name": "Anna"])
                        .status == .notFound)
                #expect(
                    try await client.bot("chronicle/member/defaults/get", ["guild_id": "900", "user_id": "1002"]).status
                        == .notFound)
                let disabled = try await client.bot(
                    "chronicle/member/defaults/set", ["guild_id": "900", "user_id": "1001", "disable": true])
                #expect(disabled.status == .ok)
                let member = try #require(try await world.store.member(chronicleID: 900, userID: 1001))
                #expect(member.defaultCharacterID == nil && !member.defaultAutoHunger)
            }
        }
    }

    @Test func deletingAChronicleRemovesWhatBelongsToItAndKeepsItsCharacters() async throws {
        try await World.with { world in
            try await world.seedGuild()
            try await world.test { client in
                #expect(
                    try await client.bot("character/new", BotCharacterTests.vampire("Vlad", [("chronicle", "900")])).status
                        == .created)
                _ = try await client.bot("chronicle/storyteller/roles/set", ["guild_id": "900", "role_id": "55"])
                _ = try await client.bot("initiative/set", ["channel_id": "777", "chronicle_id": "900", "tracker": ["round": 1]])
                let response = try await client.bot("chronicle/delete", ["guild_id": "900"])
                #expect(response.status == .ok && response.isPlainEmpty)
                #expect(try await world.store.chronicle(id: 900) == nil)
                #expect(try await world.store.member(chronicleID: 900, userID: 1001) == nil)
                #expect(try await world.store.storytellerRoles(chronicleID: 900).isEmpty)
                #expect(try await world.store.initiativeTracker(channelID: 777) == nil)
                let vlad = try #require(try await world.character(named: "Vlad"))
                #expect(vlad.chronicleID == nil && vlad.memberID == nil)
                #expect(try await world.store.user(id: 1001) != nil)
                #expect(try await client.bot("chronicle/delete", ["guild_id": "900"]).status == .ok)
                #expect(try await client.bot("chronicle/delete", [:]).status == .badRequest)
            }
        }
    }
}
