import Foundation
import HTTPTypes
import HummingbirdTesting
import RodCore
import RodStore
import RodTestSupport
import Testing

extension TestResponse {
    /// The `Set-Cookie` lines, by cookie name.
    var setCookies: [String: String] {
        Dictionary(
            headers[values: .setCookie].map { (String($0.prefix { $0 != "=" }), $0) }, uniquingKeysWith: { $1 })
    }

    /// A cookie's value as set by this response.
    func cookie(_ name: String) -> String? {
        setCookies[name].map { line in String(line.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }
}

@Suite struct AuthTests {
    static func loginWorld(
        environment: String = "development", _ body: @escaping @Sendable (World, FakeDiscord) async throws -> Void
    ) async throws {
        try await FakeDiscord.run { discord in
            try await World.with(configure: { settings in
                settings.services.discordAppID = FakeDiscord.appID
                settings.services.discordAppSecret = FakeDiscord.appSecret
                settings.services.discordAPIURL = discord.apiURL
                if environment == "production" {
                    settings.environment = .production
                    settings.http.publicURL = "http://localhost:8080"
                }
            }) { world in
                try await body(world, discord)
            }
        }
    }

    /// Starts a login and returns the state the browser was given.
    static func startLogin(_ client: any TestClientProtocol) async throws -> String {
        let response = try await client.execute(uri: "/auth/login/", method: .get)
        return try #require(response.cookie("rod_oauth_state"))
    }

    static func callback(_ client: any TestClientProtocol, code: String, state: String, cookieState: String?) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [:]
        if let cookieState { headers[.cookie] = "rod_oauth_state=\(cookieState)" }
        return try await client.execute(uri: "/auth/login/success/?code=\(code)&state=\(state)", method: .get, headers: headers)
    }

    @Test func loginRedirectsToDiscordWithAStateBoundToTheBrowser() async throws {
        try await Self.loginWorld { world, discord in
            try await world.test { client in
                let response = try await client.execute(uri: "/auth/login/", method: .get)
                #expect(response.status == .found)
                let state = try #require(response.cookie("rod_oauth_state"))
                #expect(state.count == 64)
                #expect(
                    response.headers[.location] == discord.apiURL + "/oauth2/authorize?client_id=rod-app"
                        + "&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fauth%2Flogin%2Fsuccess%2F&response_type=code"
                        + "&scope=identify%20email%20guilds&prompt=none&state=\(state)")
                let line = try #require(response.setCookies["rod_oauth_state"])
                #expect(line.contains("HttpOnly") && line.contains("SameSite=Lax") && line.contains("Path=/auth/"))
                let second = try await client.execute(uri: "/auth/login/", method: .get)
                #expect(second.cookie("rod_oauth_state") != state)
            }
        }
    }

    @Test func aSuccessfulLoginCreatesTheUserSyncsMembershipsAndOpensASession() async throws {
        try await Self.loginWorld { world, discord in
            try await world.store.save(Chronicle(id: 900, name: "Camarilla", createdAt: 0))
            try await world.store.save(Chronicle(id: 901, name: "Anarchs", createdAt: 0))
            try await world.store.save(Chronicle(id: 902, name: "Left", createdAt: 0))
            _ = try await world.store.ensureUser(id: 1001, now: 0)
            _ = try await world.store.ensureMember(chronicleID: 902, userID: 1001, now: 0)
            try await world.test { client in
                let state = try await Self.startLogin(client)
                let response = try await Self.callback(client, code: "good", state: state, cookieState: state)
                #expect(response.status == .found)
                #expect(response.headers[.location] == "http://localhost:3000/")
                let session = try #require(response.cookie("sessionid"))
                let csrf = try #require(response.cookie("csrftoken"))
                let sessionLine = try #require(response.setCookies["sessionid"])
                #expect(
                    sessionLine.contains("HttpOnly") && sessionLine.contains("SameSite=Lax") && !sessionLine.contains("Secure"))
                #expect(try #require(response.setCookies["csrftoken"]).contains("HttpOnly") == false)
                #expect(response.cookie("rod_oauth_state") == "")

                let user = try #require(try await world.store.user(id: 1001))
                #expect(user.username == "mirai" && user.registered && user.verified && user.email == "mirai@example.com")
                #expect(user.avatarURL == "https://cdn.discordapp.com/avatars/1001/abc123.png")
                let memberships = try await world.store.members(userID: 1001).sorted { $0.chronicleID < $1.chronicleID }
                #expect(memberships.map(\.chronicleID) == [900, 901])
                #expect(memberships.map(\.admin) == [true, false])

                let browser = Browser(cookie: "sessionid=\(session); csrftoken=\(csrf)", csrf: csrf)
                let created = try await client.web(.get, "/api/character/new/v5?name=Vlad", as: browser)
                #expect(created.status == .ok)
                #expect(discord.requests == ["POST /api/oauth2/token", "GET /api/users/@me", "GET /api/users/@me/guilds"])
            }
        }
    }

    @Test func aStateIsSingleUseAndMustBeThisBrowsers() async throws {
        try await Self.loginWorld { world, _ in
            try await world.test { client in
                let state = try await Self.startLogin(client)
                let foreign = try await Self.callback(client, code: "good", state: state, cookieState: "someone-else")
                #expect(foreign.status == .found && foreign.cookie("sessionid") == nil)
                let noCookie = try await Self.callback(client, code: "good", state: state, cookieState: nil)
                #expect(noCookie.cookie("sessionid") == nil)
                let invented = try await Self.callback(client, code: "good", state: "a1b2", cookieState: "a1b2")
                #expect(invented.cookie("sessionid") == nil)
                #expect(
                    try await Self.callback(client, code: "good", state: state, cookieState: state).cookie("sessionid") != nil)
                let replayed = try await Self.callback(client, code: "good", state: state, cookieState: state)
                #expect(replayed.status == .found && replayed.cookie("sessionid") == nil)
            }
        }
    }

    @Test func discordRefusingTheCodeEndsWithoutASession() async throws {
        try await Self.loginWorld { world, _ in
            try await world.test { client in
                let state = try await Self.startLogin(client)
                let response = try await Self.callback(client, code: "stolen", state: state, cookieState: state)
                #expect(response.status == .found)
                #expect(response.headers[.location] == "http://localhost:3000/?login=failed")
                #expect(response.cookie("sessionid") == nil)
            }
            #expect(try await world.store.user(id: 1001) == nil)
        }
    }

    @Test func cookiesAreSecureOutsideDevelopment() async throws {
        try await Self.loginWorld(environment: "production") { world, _ in
            try await world.test { client in
                let state = try await Self.startLogin(client)
                let response = try await Self.callback(client, code: "good", state: state, cookieState: state)
                #expect(response.headers[.location] == "https://realmofdarkness.app/")
                #expect(try #require(response.setCookies["sessionid"]).contains("Secure"))
                #expect(try #require(response.setCookies["csrftoken"]).contains("Secure"))
            }
        }
    }

    @Test func logoutRevokesTheSessionAndClearsItsCookies() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: 1001)
            try await world.test { client in
                #expect(try await client.web(.get, "/api/character/get/v5?id=1", as: browser).status == .notFound)
                let response = try await client.web(.get, "/auth/logout/", as: browser)
                #expect(response.status == .found && response.headers[.location] == "http://localhost:3000/")
                #expect(try #require(response.setCookies["sessionid"]).contains("Max-Age=0"))
                #expect(response.cookie("sessionid") == "")
                let after = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                #expect(after.status == .forbidden)
            }
        }
    }
}
