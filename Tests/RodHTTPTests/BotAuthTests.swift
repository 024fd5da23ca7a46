import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RodApp
import RodCore
import RodHTTP
import RodTestSupport
import Testing

/// Every bot route, taken from the router itself, refuses requests without the key.
@Suite struct BotAuthTests {
    @Test func theRouterServesTheOriginals33BotRoutesAndNoClash() async throws {
        try await World.with { world in
            let router = world.router
            try router.validate()
            let posts = Set(
                router.routes.filter { $0.method == .post && $0.path.description.hasPrefix("/bot/") }.map(\.path.description))
            #expect(posts.count == 33, "\(posts.sorted())")
            #expect(posts.contains("/bot/member/get") && posts.contains("/bot/chronicle/member/get"))
        }
    }

    @Test func everyBotRouteRefusesAMissingOrWrongKeyWith404AndWritesNothing() async throws {
        try await World.with { world in
            let paths = world.router.routes
                .filter { $0.method == .post && $0.path.description.hasPrefix("/bot/") }.map(\.path.description)
            // A body that would succeed on most routes with the right key.
            let body: JSON = [
                "guild": ["id": "900", "name": "A", "bot": "500"], "guild_id": "900", "user_id": "1001", "channel_id": "777",
                "role_id": "55", "chronicle_id": "900", "tracker": ["round": 1],
                "user": ["id": "1001", "username": "u", "create": true],
                "level": 3, "bot": ["id": "500", "username": "RoD"], "command": "/roll", "bot_id": "500",
                "character": ["name": "Vlad", "user": "1001", "splat": "vampire5th"], "ids": [1], "disconnect": false,
            ]
            let before = try await world.store.rowCounts()
            try await world.test { client in
                for path in paths {
                    #expect(try await client.raw(path, body: []).status == .notFound, "\(path) without a body")
                    for key in [nil, "wrong", ""] as [String?] {
                        let response = try await client.bot(String(path.dropFirst("/bot/".count)), body, key: key)
                        #expect(response.status == .notFound, "\(path)")
                        #expect(response.json == ["detail": "Not found."], "\(path)")
                    }
                }
            }
            // Every table of the database, as its schema lists them, holds what it held.
            #expect(try await world.store.rowCounts() == before)
            // The same body with the key writes (so the comparison above could see a write).
            try await world.test { client in
                let created = try await client.bot("character/new", body)
                #expect(created.status == .created)
            }
            #expect(try await world.store.rowCounts() != before)
        }
    }
}
