import Foundation
import HummingbirdTesting
import RodCore
import RodStore
import RodTestSupport
import Testing

/// What the Discord bot does over a server's life, replayed request by request as the bot sends them, with
/// the store checked after each step.
@Suite struct BotScenarioTests {
    static let bot: Int64 = 500
    static let guild: Int64 = 900
    static let storyteller: Int64 = 1001
    static let player: Int64 = 1002
    static let channel: Int64 = 777
    static let role: Int64 = 55

    static func user(_ id: Int64, name: String, admin: Bool, storyteller: Bool) -> JSON {
        [
            "user": [
                "id": .string(String(id)), "username": .string(name), "discriminator": "0",
                "avatar_url": .string("https://cdn.discordapp.com/avatars/\(id)/a.png"), "create": true,
                "member": [
                    "nickname": .string(name.capitalized), "guild_id": .string(String(guild)),
                    "avatar_url": .string("https://cdn.discordapp.com/avatars/\(id)/a.png"), "admin": .bool(admin),
                    "storyteller": .bool(storyteller),
                ],
            ]
        ]
    }

    /// Every command starts with these (the bot's `commandDatabaseUpdate`).
    static func commandPreamble(
        _ client: any TestClientProtocol, user: Int64, name: String, admin: Bool, storyteller: Bool, command: String
    ) async throws {
        let guildPayload: JSON = [
            "guild": [
                "id": .string(String(guild)), "name": "The Camarilla", "owner_id": .string(String(Self.storyteller)),
                "bot": .string(String(bot)), "shard": 0, "icon_url": "",
            ]
        ]
        #expect(try await client.bot("chronicle/set", guildPayload).status == .ok)
        let updated = try await client.bot("user/update", Self.user(user, name: name, admin: admin, storyteller: storyteller))
        #expect([200, 204].contains(updated.status.code))
        let stat = try await client.bot(
            "stats/command/update",
            ["user_id": .string(String(user)), "bot_id": .string(String(bot)), "command": .string(command + " ")])
        #expect(stat.status == .ok)
    }

    @Test func aServerFromTheBotJoiningItToItsRemoval() async throws {
        let clock = TestClock(1_735_732_800)
        try await World.with(clock: clock) { world in
            let store = world.store
            try await world.test { client in
                // The bot starts and reports itself.
                let bot: JSON = [
                    "bot": [
                        "id": "500", "username": "Realm of Darkness", "discriminator": "0", "avatar_url": "", "shard_count": 1,
                    ]
                ]
                #expect(try await client.bot("data/set", bot).status == .ok)
                #expect(try await store.bot(id: Self.bot)?.username == "Realm of Darkness")

                // It joins the server: the storyteller (the guild's admin) runs its first command.
                try await Self.commandPreamble(
                    client, user: Self.storyteller, name: "mirai", admin: true, storyteller: false, command: "/help")
                #expect(try await store.chronicle(id: Self.guild)?.name == "The Camarilla")
                #expect(try await store.botIDs(chronicleID: Self.guild) == [Self.bot])
                #expect(try await store.members(chronicleID: Self.guild).map(\.userID) == [Self.storyteller])
                #expect(try await store.member(chronicleID: Self.guild, userID: Self.storyteller)?.admin == true)

                // The storyteller names the storyteller role and the tracker channel.
                clock.advance(by: 10)
                try await Self.commandPreamble(
                    client, user: Self.storyteller, name: "mirai", admin: true, storyteller: false, command: "/server")
                let roles = try await client.bot("chronicle/storyteller/roles/set", ["guild_id": "900", "role_id": "55"])
                #expect(roles.json == ["roleIds": ["55"]])
                #expect(try await store.storytellerRoles(chronicleID: Self.guild) == [Self.role])
                let channel = try await client.bot("chronicle/channel/set", ["guild_id": "900", "channel_id": "777"])
                #expect(channel.json == ["channel_id": "777"])
                #expect(try await store.chronicle(id: Self.guild)?.trackerChannel == "777")
                // The bot now sees the storyteller role on them.
                clock.advance(by: 10)
                try await Self.commandPreamble(
                    client, user: Self.storyteller, name: "mirai", admin: true, storyteller: true, command: "/server")
                #expect(try await store.member(chronicleID: Self.guild, userID: Self.storyteller)?.storyteller == true)
                let staff = try await client.bot("chronicle/storytellers/get", ["guild_id": "900"])
                #expect(staff.json["members"] == ["1001"])

                // A player registers by running a command, and creates a character in the server.
                clock.advance(by: 10)
                try await Self.commandPreamble(
                    client, user: Self.player, name: "anna", admin: false, storyteller: false, command: "/vampire new")
                let playerMember = try #require(try await store.member(chronicleID: Self.guild, userID: Self.player))
                #expect(!playerMember.isStaff)
                let character: JSON = [
                    "character": [
                        "name": "Lucita", "id": nil, "user": "1002", "chronicle": "900", "splat": "vampire5th",
                        "theme": "#8a0303",
                        "avatar": "", "exp_total": 0, "exp_current": 0, "willpower_total": 5, "willpower_superficial": 0,
                        "willpower_aggravated": 0, "health_total": 6, "health_superficial": 0, "health_aggravated": 0,
                        "hunger": 1,
                        "humanity": 7, "stains": 0,
                    ]
                ]
                #expect(try await client.bot("character/new", character).status == .created)
                let lucita = try #require(try await store.characters(CharacterQuery(userID: Self.player, name: "Lucita")).first)
                #expect(lucita.chronicleID == Self.guild && lucita.memberID == playerMember.id)
                #expect(
                    try await client.bot("character/count", ["user_id": "1002", "guild_id": "900"]).json["chronicle"]?["total"]
                        == 1)

                // The storyteller runs initiative in the tracker channel, round after round.
                clock.advance(by: 10)
                try await Self.commandPreamble(
                    client, user: Self.storyteller, name: "mirai", admin: true, storyteller: true, command: "/initiative start")
                for round in 1...2 {
                    let tracker: JSON = [
                        "phase": 1, "channel_id": "777", "guild_id": "900", "round": .int(Int64(round)),
                        "characters": [
                            ["member_id": "1002", "name": "Lucita", "joined_round": 1, "d10": 7, "modifier": 2, "initiative": 9]
                        ],
                    ]
                    let set = try await client.bot(
                        "initiative/set", ["channel_id": "777", "chronicle_id": "900", "tracker": tracker])
                    #expect(set.status == .ok)
                    #expect(try await store.initiativeTracker(channelID: Self.channel)?.data["round"] == .int(Int64(round)))
                }
                #expect(try await client.bot("initiative/get", ["channel_id": "777"]).json["tracker"]?["round"] == 2)
                #expect(try await client.bot("initiative/delete", ["channel_id": "777"]).status == .ok)
                #expect(try await store.initiativeTracker(channelID: Self.channel) == nil)
                _ = try await client.bot("initiative/set", ["channel_id": "777", "chronicle_id": "900", "tracker": ["round": 3]])

                let stats = try await client.bot("stats/get", [:])
                #expect(stats.json["users"]?["total"] == "2")
                #expect(
                    stats.json["command_stats"]?.arrayValue?.first == [
                        "bot__username": "Realm of Darkness", "command": "Total Users", "count": 2,
                    ])

                // The server removes the bot.
                clock.advance(by: 10)
                #expect(try await client.bot("chronicle/delete", ["guild_id": "900"]).status == .ok)
                #expect(try await store.chronicle(id: Self.guild) == nil)
                #expect(try await store.members(chronicleID: Self.guild).isEmpty)
                #expect(try await store.storytellerRoles(chronicleID: Self.guild).isEmpty)
                #expect(try await store.initiativeTracker(channelID: Self.channel) == nil)
                let kept = try #require(try await store.character(id: lucita.id))
                #expect(kept.chronicleID == nil && kept.memberID == nil && kept.revision == lucita.revision + 1)
                #expect(try await store.history(characterID: lucita.id).last?.change.changes["chronicle"] == [900, nil])
                #expect(try await store.user(id: Self.player) != nil)
                #expect(try await store.user(id: Self.storyteller) != nil)
                #expect(try await store.bot(id: Self.bot) != nil)
                #expect(try await client.bot("chronicle/get", ["guild_id": "900"]).status == .notFound)
            }
        }
    }
}
