import Foundation
import HTTPTypes
import HummingbirdTesting
import RodCore
import RodStore
import RodTestSupport
import Testing

@Suite struct BotUserTests {
    /// 2025-01-01T12:00:00Z
    static let noon: Double = 1_735_732_800

    static func update(create: Bool = true, username: String = "mirai", member: JSON = nil) -> JSON {
        [
            "user": [
                "id": "1001", "username": .string(username), "discriminator": "0",
                "avatar_url": "https://cdn.discordapp.com/a.png",
                "create": .bool(create), "member": member,
            ]
        ]
    }

    static func member(admin: Bool = false, storyteller: Bool = false, guild: String = "900") -> JSON {
        [
            "nickname": "Mirai", "guild_id": .string(guild), "avatar_url": "", "admin": .bool(admin),
            "storyteller": .bool(storyteller),
        ]
    }

    @Test func updateCreatesOnlyWhenAskedAndRefreshesKnownUsers() async throws {
        let clock = TestClock(Self.noon)
        try await World.with(clock: clock) { world in
            try await world.test { client in
                let unknown = try await client.bot("user/update", Self.update(create: false))
                #expect(unknown.status == .noContent && unknown.isPlainEmpty)
                #expect(try await world.store.user(id: 1001) == nil)

                let created = try await client.bot("user/update", Self.update())
                #expect(created.status == .ok && created.isPlainEmpty)
                let user = try #require(try await world.store.user(id: 1001))
                #expect(user.username == "mirai" && !user.registered && user.createdAt == Self.noon)
                // The original dropped the avatar of users created here (it read `avatarURL`).
                #expect(user.avatarURL == "https://cdn.discordapp.com/a.png")

                // The same payload within 3 seconds is dropped.
                #expect(try await client.bot("user/update", Self.update(username: "renamed")).status == .ok)
                #expect(try await client.bot("user/update", Self.update(username: "renamed")).status == .noContent)
                clock.advance(by: 3)
                #expect(try await client.bot("user/update", Self.update(username: "renamed")).status == .ok)
                #expect(try await world.store.user(id: 1001)?.username == "renamed")
            }
        }
    }

    @Test func updateSavesTheMembershipAndTellsWhenStaffStatusChanges() async throws {
        let clock = TestClock(Self.noon)
        try await World.with(clock: clock) { world in
            try await world.test { client in
                let noGuild = try await client.bot("user/update", Self.update(member: Self.member()))
                #expect(noGuild.status == .noContent)
                #expect(try await world.store.user(id: 1001) != nil)
                #expect(try await world.store.members(userID: 1001).isEmpty)

                try await world.store.save(Chronicle(id: 900, name: "Camarilla", createdAt: 0))
                clock.advance(by: 5)
                #expect(try await client.bot("user/update", Self.update(member: Self.member())).status == .ok)
                let member = try #require(try await world.store.member(chronicleID: 900, userID: 1001))
                #expect(member.nickname == "Mirai" && !member.isStaff)
                clock.advance(by: 5)
                #expect(try await client.bot("user/update", Self.update(member: Self.member(storyteller: true))).status == .ok)
                let promoted = try #require(try await world.store.member(chronicleID: 900, userID: 1001))
                #expect(promoted.id == member.id && promoted.storyteller)
            }
        }
    }

    @Test func updateRefusesInvalidFieldsWithoutSavingAnything() async throws {
        try await World.with { world in
            try await world.store.save(Chronicle(id: 900, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                let blank = try await client.bot("user/update", Self.update(username: ""))
                #expect(blank.status == .badRequest)
                #expect(blank.text == #"{"username": ["This field may not be blank."]}"#)
                var badMember = Self.member().objectValue!
                badMember["avatar_url"] = "nope"
                badMember["nickname"] = .string(String(repeating: "n", count: 101))
                let invalid = try await client.bot("user/update", Self.update(member: .object(badMember)))
                #expect(invalid.status == .badRequest)
                #expect(
                    invalid.json == [
                        "nickname": ["Ensure this field has no more than 100 characters."], "avatar_url": ["Enter a valid URL."],
                    ])
                #expect(try await client.bot("user/update", ["user": "1001"]).status == .badRequest)
            }
            #expect(try await world.store.user(id: 1001) == nil)
        }
    }

    @Test func getAnswersTheUserAsDRFDoes() async throws {
        try await World.with { world in
            try await world.store.save(User(id: 1001, username: "mirai", supporter: 2, createdAt: Self.noon))
            try await world.test { client in
                let response = try await client.bot("user/get", ["user_id": "1001"])
                #expect(
                    response.text.hasPrefix(#"{"id":"1001","username":"mirai","discriminator":"0","avatar_url":"","email":null,"#)
                )
                #expect(response.json["created_at"] == "2025-01-01T12:00:00Z")
                #expect(response.json["supporter"] == 2)
                let unknown = try await client.bot("user/get", ["user_id": "1002"])
                #expect(unknown.status == .notFound && unknown.json == ["error": "User not found"])
                #expect(try await client.bot("user/get", [:]).json == ["error": "user_id is required"])
            }
        }
    }

    @Test func supporterLevelsAreReadSetAndListed() async throws {
        try await World.with { world in
            try await world.test { client in
                #expect(try await client.bot("user/supporter/get", ["user_id": "1001"]).status == .noContent)
                let user: JSON = ["id": "1001", "username": "mirai", "discriminator": "0"]
                #expect(try await client.bot("user/supporter/set", ["user": user, "level": 0]).status == .noContent)
                #expect(try await world.store.user(id: 1001) == nil)
                let set = try await client.bot("user/supporter/set", ["user": user, "level": "3"])
                #expect(set.status == .ok && set.isPlainEmpty)
                #expect(try await world.store.user(id: 1001)?.supporter == 3)
                #expect(try await client.bot("user/supporter/get", ["user_id": "1001"]).text == #"{"level": 3}"#)
                try await world.store.save(User(id: 1002, username: "b", supporter: 7, createdAt: 0))
                #expect(
                    try await client.bot("user/supporter/get_all", [:]).text
                        == #"[{"user_id":"1001","level":3},{"user_id":"1002","level":7}]"#)
                #expect(try await client.bot("user/supporter/set", ["user": user, "level": "high"]).status == .badRequest)
                #expect(try await client.bot("user/supporter/set", ["user": user, "level": 0]).status == .ok)
                #expect(try await world.store.user(id: 1001)?.supporter == 0)
            }
        }
    }

    @Test func initiativeTrackersAreStoredAndReturnedAsSent() async throws {
        let clock = TestClock(Self.noon)
        try await World.with(clock: clock) { world in
            try await world.store.save(Chronicle(id: 900, name: "Camarilla", createdAt: 0))
            try await world.test { client in
                let tracker = try JSON.parse(
                    #"{"phase":1,"channel_id":"777","characters":[{"member_id":"1001","name":"Vlad","d10":7,"extraActions":0}],"tag":null}"#
                )
                let set = try await client.bot(
                    "initiative/set", ["channel_id": "777", "chronicle_id": "900", "tracker": tracker])
                #expect(
                    set.text == #"{"id": 777, "chronicle": 900, "data": "# + tracker.serializedString(.python)
                        + #", "last_updated": "2025-01-01T12:00:00Z"}"#)
                let got = try await client.bot("initiative/get", ["channel_id": "777"])
                #expect(got.json["tracker"]?.serializedString() == tracker.serializedString())
                let unknown = try await client.bot(
                    "initiative/set", ["channel_id": "778", "chronicle_id": "9", "tracker": tracker])
                #expect(unknown.status == .badRequest)
                #expect(unknown.text == #"{"chronicle": ["Invalid pk \"9\" - object does not exist."]}"#)
                #expect(
                    try await client.bot("initiative/set", ["channel_id": "778", "chronicle_id": "900"]).status == .badRequest)
                let deleted = try await client.bot("initiative/delete", ["channel_id": "777"])
                #expect(deleted.status == .ok && deleted.isPlainEmpty)
                #expect(try await client.bot("initiative/delete", ["channel_id": "777"]).status == .noContent)
                #expect(try await client.bot("initiative/get", ["channel_id": "777"]).status == .noContent)
            }
        }
    }

    @Test func commandUsesAreCountedWithTrimmedNames() async throws {
        let clock = TestClock(Self.noon)
        try await World.with(clock: clock) { world in
            try await world.store.save(User(id: 1001, username: "mirai", createdAt: 0))
            try await world.store.save(Bot(id: 500, username: "RoD"))
            try await world.test { client in
                let first = try await client.bot(
                    "stats/command/update", ["user_id": "1001", "bot_id": "500", "command": "/roll "])
                #expect(
                    first.text == #"{"id":1,"user":1001,"bot":500,"command":"/roll","used":1,"last_used":"2025-01-01T12:00:00Z"}"#
                )
                let second = try await client.bot(
                    "stats/command/update", ["user_id": "1001", "bot_id": "500", "command": "/roll"])
                #expect(second.json["used"] == 2)
                #expect(try await world.store.user(id: 1001)?.lastActive == Self.noon)

                let missing = try await client.bot("stats/command/update", ["user_id": "1001", "bot_id": "500", "command": "  "])
                #expect(missing.json == ["error": "user_id, command, and bot_id are required"])
                let unknownBot = try await client.bot(
                    "stats/command/update", ["user_id": "1001", "bot_id": "9", "command": "/roll"])
                #expect(unknownBot.status == .notFound)
                #expect(unknownBot.json == ["error": "User or Bot not found: Bot matching query does not exist."])
                let unknownUser = try await client.bot(
                    "stats/command/update", ["user_id": "9", "bot_id": "500", "command": "/roll"])
                #expect(unknownUser.json == ["error": "User or Bot not found: User matching query does not exist."])
                let long = try await client.bot(
                    "stats/command/update",
                    ["user_id": "1001", "bot_id": "500", "command": .string(String(repeating: "x", count: 101))])
                #expect(long.status == .badRequest)
                #expect(long.json == ["command": ["Ensure this field has no more than 100 characters."]])
            }
        }
    }

    @Test func statisticsSummariseTheLastThirtyDays() async throws {
        let clock = TestClock(Self.noon)
        try await World.with(clock: clock) { world in
            try await world.store.save(Bot(id: 500, username: "RoD"))
            try await world.test { client in
                #expect(try await client.bot("user/update", Self.update()).status == .ok)
                _ = try await client.bot("stats/command/update", ["user_id": "1001", "bot_id": "500", "command": "/roll"])
                #expect(try await client.bot("character/new", BotCharacterTests.vampire("Vlad")).status == .created)
                let stats = try await client.bot("stats/get", [:])
                #expect(
                    stats.json == [
                        "users": ["total": "1", "30days": "1", "14days": "1"],
                        "characters": [["count": 1, "splat": "vampire5th"]], "sheets": [],
                        "all_time_characters": [["count": 1, "splat": "vampire5th"]],
                        "command_stats": [
                            ["bot__username": "RoD", "command": "Total Users", "count": 1],
                            ["command": "/roll", "bot__username": "RoD", "count": 1],
                        ],
                    ])
                clock.advance(by: 40 * 86_400)
                let later = try await client.bot("stats/get", [:])
                #expect(later.json["users"] == ["total": "1", "30days": "0", "14days": "0"])
                #expect(later.json["characters"] == [])
                #expect(later.json["all_time_characters"] == [["count": 1, "splat": "vampire5th"]])
            }
        }
    }

    @Test func botDataIsCreatedThenUpdated() async throws {
        try await World.with { world in
            try await world.test { client in
                let bot: JSON = [
                    "id": "500", "username": "RoD", "discriminator": "1234", "avatar_url": "https://cdn.discordapp.com/b.png",
                    "shard_count": 2,
                ]
                let created = try await client.bot("data/set", ["bot": bot])
                #expect(
                    created.text
                        == #"{"id": 500, "username": "RoD", "discriminator": "1234", "avatar_url": "https://cdn.discordapp.com/b.png", "shard_count": 2}"#
                )
                let updated = try await client.bot("data/set", ["bot": ["id": "500", "shard_count": 3]])
                #expect(updated.json["username"] == "RoD" && updated.json["shard_count"] == 3)
                let invalid = try await client.bot(
                    "data/set", ["bot": ["id": "501", "username": "X", "discriminator": "123456"]])
                #expect(invalid.status == .badRequest)
                #expect(invalid.json == ["discriminator": ["Ensure this field has no more than 5 characters."]])
                #expect(try await world.store.bot(id: 501) == nil)
            }
            #expect(try await world.store.bot(id: 500)?.shardCount == 3)
        }
    }

    @Test(arguments: ["stats/get", "stats/command/update", "user/supporter/get_all"])
    func theRoutesTheOriginalLeftOpenNeedTheKey(path: String) async throws {
        try await World.with { world in
            try await world.test { client in
                let response = try await client.bot(path, ["user_id": "1", "bot_id": "1", "command": "/x"], key: nil)
                #expect(response.status == .notFound)
                #expect(response.json == ["detail": "Not found."])
            }
        }
    }
}
