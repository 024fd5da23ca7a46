import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RodApp
import RodCore
import RodServices
import RodStore
import RodTestSupport
import Testing

@testable import RodHTTP

/// A signed-in browser: its Cookie header and CSRF token.
struct Browser: Sendable {
    let cookie: String
    let csrf: String

    static func signIn(_ world: World, user: Int64, supporter: Int64 = 0, admin: Bool = false) async throws -> Browser {
        var account = try await world.store.ensureUser(id: user, now: 0)
        account.supporter = supporter
        account.admin = admin
        try await world.store.save(account)
        let minted = try await SessionService(store: world.store, clock: world.clock).mint(userID: user)
        return Browser(cookie: "sessionid=\(minted.token); csrftoken=\(minted.csrfToken)", csrf: minted.csrfToken)
    }
}

extension World {
    /// Chronicle `id` ("Camarilla") with a player, a storyteller and an admin as members.
    func chronicle(_ id: Int64, player: Int64, storyteller: Int64, admin: Int64) async throws {
        try await store.save(Chronicle(id: id, name: "Camarilla", createdAt: 0))
        for (user, isAdmin, isStoryteller) in [(player, false, false), (storyteller, false, true), (admin, true, false)] {
            var member = try await store.ensureMember(chronicleID: id, userID: user, now: 0)
            member.admin = isAdmin
            member.storyteller = isStoryteller
            _ = try await store.save(member)
        }
    }
}

extension TestClientProtocol {
    func web(
        _ method: HTTPRequest.Method, _ uri: String, as browser: Browser?, body: [UInt8]? = nil, csrf: Bool = true,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let browser {
            headers[.cookie] = browser.cookie
            if csrf { headers[HTTPField.Name("X-CSRFToken")!] = browser.csrf }
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
    }

    func update(_ path: String, id: Int64, _ body: JSON, as browser: Browser?, ifMatch: String? = nil) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return try await web(.put, "/api/character/update/\(path)/\(id)", as: browser, body: body.serialized(), headers: headers)
    }
}

@Suite struct WebCharacterTests {
    static let owner: Int64 = 1001
    static let storyteller: Int64 = 1002
    static let admin: Int64 = 1003
    static let stranger: Int64 = 1004

    /// Owner's sheet `Vlad` (vampire5th) in chronicle 900, where 1002 is a storyteller and 1003 an admin.
    static func seed(_ world: World) async throws -> (
        owner: Browser, storyteller: Browser, admin: Browser, stranger: Browser, id: Int64
    ) {
        let owner = try await Browser.signIn(world, user: Self.owner)
        let storyteller = try await Browser.signIn(world, user: Self.storyteller)
        let admin = try await Browser.signIn(world, user: Self.admin)
        let stranger = try await Browser.signIn(world, user: Self.stranger)
        try await world.chronicle(900, player: Self.owner, storyteller: Self.storyteller, admin: Self.admin)
        let characters = world.services.characters
        let sheet = try await characters.createSheet(
            splat: registry.splat("vampire5th")!, name: "Vlad", owner: try #require(try await world.store.user(id: Self.owner)))
        var joined = sheet
        joined.chronicleID = 900
        joined.memberID = try await world.store.member(chronicleID: 900, userID: Self.owner)?.id
        _ = try await world.store.update(
            joined, change: CharacterChange(operation: .update, face: .system, actorID: nil, changes: nil, at: 1))
        return (owner, storyteller, admin, stranger, sheet.id)
    }

    // MARK: Every splat

    @Test(arguments: originalSplatSlugs)
    func everySplatIsServedOnTheWeb(slug: String) async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            try await world.test { client in
                let created = try await client.web(.get, "/api/character/new/\(slug)?name=Sheet%20One", as: browser)
                #expect(created.status == .ok)
                let id = try #require(created.json["id"]?.intValue)
                let got = try await client.web(.get, "/api/character/get/\(slug)?id=\(id)&sheet=true", as: browser)
                #expect(got.status == .ok)
                #expect(got.headers[.eTag] == "\"1\"")
                #expect(got.json["splat"] == .string(slug) && got.json["is_sheet"] == true && got.json["name"] == "Sheet One")

                let splat = try #require(registry.splat(slug))
                let change: JSON = ["history": "Born in the dark", "exp_total": 12, "strength": 3]
                let updated = try await client.update(slug, id: id, change, as: browser)
                #expect(updated.status == .ok)
                #expect(updated.headers[.eTag] == "\"2\"")
                let again = try await client.web(.get, "/api/character/get/\(slug)?id=\(id)", as: browser)
                expectSheet(again.json, shows: change.objectValue!, splat: splat)

                let deleted = try await client.web(.delete, "/api/character/delete?id=\(id)", as: browser)
                #expect(deleted.status == .ok)
                #expect(try await world.store.character(id: id) == nil)
            }
        }
    }

    @Test func theOriginalsV5RoutesServeVampire5th() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            try await world.test { client in
                let created = try await client.web(.get, "/api/character/new/v5?name=Vlad", as: browser)
                let id = try #require(created.json["id"]?.intValue)
                #expect(try await world.store.character(id: id)?.splat == "vampire5th")
                #expect(try await client.web(.get, "/api/character/get/v5?id=\(id)", as: browser).json["clan"] == "")
                #expect(try await client.update("v5", id: id, ["hunger": 3], as: browser).status == .ok)
                // A sheet of another splat is not found under another splat's routes.
                #expect(try await client.web(.get, "/api/character/get/mage20th?id=\(id)", as: browser).status == .notFound)
            }
        }
    }

    // MARK: Permissions

    @Test func whoMayReadAndEdit() async throws {
        try await World.with { world in
            let (owner, storyteller, admin, stranger, id) = try await Self.seed(world)
            try await world.test { client in
                for browser in [owner, storyteller, admin] {
                    #expect(try await client.web(.get, "/api/character/get/v5?id=\(id)", as: browser).status == .ok)
                    #expect(try await client.update("v5", id: id, ["hunger": 2], as: browser).status == .ok)
                }
                let view = try await client.web(.get, "/api/character/get/v5?id=\(id)", as: stranger)
                #expect(view.status == .forbidden && view.json == "You do not have permission to view this character")
                let edit = try await client.update("v5", id: id, ["hunger": 4], as: stranger)
                #expect(edit.status == .forbidden && edit.json == "You do not have permission to edit this character")
                let anonymous = try await client.web(.get, "/api/character/get/v5?id=\(id)", as: nil)
                #expect(
                    anonymous.status == .forbidden
                        && anonymous.json == ["detail": "Authentication credentials were not provided."])
                #expect(try await world.store.character(id: id)?.values["hunger"] == 2)
            }
        }
    }

    @Test func onlyTheOwnerRenamesAndOnlyStaffLock() async throws {
        try await World.with { world in
            let (owner, storyteller, _, _, id) = try await Self.seed(world)
            try await world.test { client in
                let rename = try await client.update("v5", id: id, ["name": "Dracula"], as: storyteller)
                #expect(rename.json == ["name": ["This field can only be changed by the Owner"]])
                let selfLock = try await client.update("v5", id: id, ["st_lock": true], as: owner)
                #expect(selfLock.json == ["st_lock": ["This field can only be changed by the ST"]])
                #expect(try await client.update("v5", id: id, ["st_lock": true], as: storyteller).status == .ok)
            }
        }
    }

    @Test func aLockedSheetTakesOnlyTrackerChangesFromItsPlayer() async throws {
        try await World.with { world in
            let (owner, storyteller, _, _, id) = try await Self.seed(world)
            try await world.test { client in
                #expect(try await client.update("v5", id: id, ["st_lock": true], as: storyteller).status == .ok)
                let locked = try await client.update("v5", id: id, ["strength": 4, "history": "x", "hunger": 3], as: owner)
                #expect(locked.status == .badRequest)
                #expect(
                    locked.json == [
                        "strength": ["This sheet is locked by its storyteller."],
                        "history": ["This sheet is locked by its storyteller."],
                    ])
                // Tracker traits (hunger, damage, experience, ...) stay the player's to change.
                #expect(
                    try await client.update("v5", id: id, ["hunger": 3, "willpower_superficial": 1, "exp_total": 5], as: owner)
                        .status == .ok)
                #expect(try await client.update("v5", id: id, ["strength": 4], as: storyteller).status == .ok)
                let stored = try #require(try await world.store.character(id: id))
                #expect(stored.values["strength"] == 4 && stored.values["hunger"] == 3 && stored.values["history"] == "")
            }
        }
    }

    @Test func deleteByTheOwnerRemovesAndByStaffUnlinks() async throws {
        try await World.with { world in
            let (owner, storyteller, _, stranger, id) = try await Self.seed(world)
            try await world.test { client in
                let refused = try await client.web(.delete, "/api/character/delete?id=\(id)", as: stranger)
                #expect(refused.status == .forbidden && refused.json == "Invalid Permission")
                let unlinked = try await client.web(.delete, "/api/character/delete?id=\(id)", as: storyteller)
                #expect(unlinked.status == .ok)
                let kept = try #require(try await world.store.character(id: id))
                #expect(kept.chronicleID == nil && kept.memberID == nil)
                #expect(try await client.web(.delete, "/api/character/delete?id=\(id)", as: owner).status == .ok)
                #expect(try await client.web(.delete, "/api/character/delete?id=\(id)", as: owner).status == .noContent)
                #expect(try await client.web(.delete, "/api/character/delete?id=abc", as: owner).status == .notFound)
            }
        }
    }

    // MARK: Reads and writes

    @Test func createRefusesMissingNamesDuplicatesAndTheSheetLimit() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            try await world.test { client in
                let noName = try await client.web(.get, "/api/character/new/v5", as: browser)
                #expect(noName.status == .forbidden && noName.body.readableBytes == 0)
                #expect(try await client.web(.get, "/api/character/new/v5?name=Vlad", as: browser).status == .ok)
                let duplicate = try await client.web(.get, "/api/character/new/v5?name=VLAD", as: browser)
                #expect(duplicate.status == .conflict && duplicate.json == "You already have a character with this name")
                let tilde = try await client.web(.get, "/api/character/new/v5?name=~Vlad", as: browser)
                #expect(tilde.status == .badRequest && tilde.json == ["name": ["Character name cannot start with '~'."]])
                #expect(try await client.web(.get, "/api/character/new/v5?name=Anna", as: browser).status == .ok)
                let third = try await client.web(.get, "/api/character/new/v5?name=Third", as: browser)
                #expect(third.status == .forbidden && third.json == WebCharacterRoutes.sheetLimitMessage)
            }
            #expect(try await world.store.characterCounts(userID: Self.owner, chronicleID: nil).sheets == 2)
        }
    }

    @Test func getAnswersTheOriginalsErrors() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            try await world.test { client in
                for query in ["", "?id=abc", "?id=99"] {
                    let response = try await client.web(.get, "/api/character/get/v5\(query)", as: browser)
                    #expect(response.status == .notFound && response.json == "Character does not exist!")
                }
                #expect(try await client.bot("character/new", BotCharacterTests.vampire("Tracker")).status == .created)
                let tracker = try #require(try await world.character(named: "Tracker"))
                let asSheet = try await client.web(.get, "/api/character/get/v5?id=\(tracker.id)&sheet=1", as: browser)
                #expect(asSheet.status == .notAcceptable && asSheet.json == "This is not a Sheet")
                #expect(
                    try await client.web(.get, "/api/character/get/v5?id=\(tracker.id)&sheet=false", as: browser).status == .ok)
                #expect(try await client.update("v5", id: tracker.id, ["hunger": 2], as: browser).status == .notAcceptable)
                let missing = try await client.update("v5", id: 99, ["hunger": 2], as: browser)
                #expect(missing.status == .notFound && missing.json == ["message": ["Character not found"]])
            }
        }
    }

    @Test func updatesValidateAndAreConditionalOnIfMatch() async throws {
        try await World.with { world in
            let (owner, _, _, _, id) = try await Self.seed(world)
            try await world.test { client in
                let invalid = try await client.update("v5", id: id, ["hunger": 9, "clan": "Baali"], as: owner)
                #expect(invalid.status == .badRequest)
                #expect(
                    invalid.json == [
                        "hunger": ["Ensure this value is less than or equal to 5."], "clan": ["\"Baali\" is not a valid choice."],
                    ])
                let stains = try await client.update("v5", id: id, ["stains": 4, "humanity": 8], as: owner)
                #expect(stains.json == ["non_field_errors": ["Too many stains"]])
                let revision = try #require(try await world.store.character(id: id)?.revision)
                let fresh = try await client.update("v5", id: id, ["hunger": 2], as: owner, ifMatch: "\"\(revision)\"")
                #expect(fresh.status == .ok && fresh.headers[.eTag] == "\"\(revision + 1)\"")
                let stale = try await client.update("v5", id: id, ["hunger": 4], as: owner, ifMatch: "\"\(revision)\"")
                #expect(stale.status == .preconditionFailed)
                #expect(stale.json["hunger"] == 2 && stale.headers[.eTag] == "\"\(revision + 1)\"")
                let broken = try await client.web(.put, "/api/character/update/v5/\(id)", as: owner, body: Array("{nope".utf8))
                #expect(broken.status == .badRequest)
                #expect(try await world.store.character(id: id)?.values["hunger"] == 2)
            }
        }
    }

    // MARK: CSRF and quotas

    @Test func unsafeMethodsNeedTheSessionsCSRFToken() async throws {
        try await World.with { world in
            let (owner, _, _, _, id) = try await Self.seed(world)
            try await world.test { client in
                let missing = try await client.update("v5", id: id, ["hunger": 3], as: Browser(cookie: owner.cookie, csrf: ""))
                #expect(missing.json == ["detail": "CSRF Failed: CSRF token incorrect."])
                let without = try await client.web(
                    .put, "/api/character/update/v5/\(id)", as: owner, body: Array(#"{"hunger":3}"#.utf8), csrf: false)
                #expect(without.status == .forbidden && without.json == ["detail": "CSRF Failed: CSRF token missing."])
                let other = try await Browser.signIn(world, user: Self.stranger)
                let wrong = try await client.update(
                    "v5", id: id, ["hunger": 3], as: Browser(cookie: owner.cookie, csrf: other.csrf))
                #expect(wrong.json == ["detail": "CSRF Failed: CSRF token incorrect."])
                #expect(try await world.store.character(id: id)?.values["hunger"] == 1)
            }
        }
    }

    @Test func requestsCountAgainstTheDailyQuotaOfTheTier() async throws {
        let clock = TestClock(1_735_732_800)  // 2025-01-01T12:00:00Z
        try await World.with(clock: clock) { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            let admin = try await Browser.signIn(world, user: Self.admin, admin: true)
            let owner = User(id: Self.owner, createdAt: 0)
            for _ in 0..<1999 { _ = try await world.services.quotas.admit(owner) }
            try await world.test { client in
                let response1 = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                #expect(response1.status == .notFound)
                let throttled = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.headers[.retryAfter] == "43200")
                #expect(throttled.json == ["detail": "Request was throttled. Expected available in 43200 seconds."])
                let response2 = try await client.web(.get, "/api/character/get/v5?id=1", as: admin)
                #expect(response2.status == .notFound)
                clock.advance(by: 43_200)
                let response3 = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                #expect(response3.status == .notFound)
            }
        }
    }

    /// Every tier's quota, to the request: the last allowed one, the first refused, and the next day again.
    @Test(arguments: SupporterTier.all.map(\.level) + [9])
    func eachTierGetsItsDailyQuota(level: Int64) async throws {
        let noon: Double = 1_735_732_800  // 2025-01-01T12:00:00Z
        let clock = TestClock(noon)
        try await World.with(clock: clock) { world in
            let browser = try await Browser.signIn(world, user: Self.owner, supporter: level)
            let limit = SupporterTier.of(level: level).dailyRequests
            #expect(limit == (level >= 3 ? 10_000 : level >= 1 ? 5_000 : 2_000))
            // The day's count so far: one short of the limit.
            let store = try #require(world.store as? SQLStore)
            let day = Int64(noon / 86_400)
            _ = try await store.database.write { db in
                try await db.execute(
                    "INSERT INTO api_usage (user_id, day, requests) VALUES (\(Self.owner), \(day), \(limit - 1))")
            }
            try await world.test { client in
                let last = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                let refused = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                clock.advance(by: 43_200)
                let nextDay = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                #expect([last.status, refused.status, nextDay.status] == [.notFound, .tooManyRequests, .notFound])
            }
        }
    }

    @Test func anExpiredOrRevokedSessionIsAnonymous() async throws {
        let clock = TestClock(1_000_000)
        try await World.with(clock: clock) { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            try await world.test { client in
                let response5 = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                #expect(response5.status == .notFound)
                clock.advance(by: SessionService.lifetime)
                let response6 = try await client.web(.get, "/api/character/get/v5?id=1", as: browser)
                #expect(response6.status == .forbidden)
            }
            let other = try await Browser.signIn(world, user: Self.stranger)
            try await world.store.deleteSessions(userID: Self.stranger)
            try await world.test { client in
                let response7 = try await client.web(.get, "/api/character/get/v5?id=1", as: other)
                #expect(response7.status == .forbidden)
            }
        }
    }

    // MARK: Avatars

    @Test func avatarsAreUploadedCheckedReplacedAndServed() async throws {
        try await World.with { world in
            let (owner, _, _, stranger, id) = try await Self.seed(world)
            try await world.test { client in
                let uploaded = try await client.web(.put, "/api/character/avatar/\(id)", as: owner, body: Images.png)
                #expect(uploaded.status == .ok)
                let first = try #require(uploaded.json["faceclaim"]?.stringValue)
                #expect(first.hasPrefix("/media/char_avatars/") && first.hasSuffix(".png"))
                let replaced = try await client.web(.put, "/api/character/avatar/\(id)", as: owner, body: Images.gif)
                let second = try #require(replaced.json["faceclaim"]?.stringValue)
                #expect(second.hasSuffix(".gif"))
                let folder = URL(fileURLWithPath: world.configuration.mediaDirectory).appendingPathComponent("char_avatars")
                #expect(
                    try FileManager.default.contentsOfDirectory(atPath: folder.path) == [
                        String(second.split(separator: "/").last!)
                    ])

                let notImage = try await client.web(.put, "/api/character/avatar/\(id)", as: owner, body: Array("<html>".utf8))
                #expect(notImage.status == .unsupportedMediaType)
                let tooLarge = try await client.web(.put, "/api/character/avatar/\(id)", as: owner, body: Images.huge)
                #expect(tooLarge.status == .contentTooLarge)
                #expect(
                    try await client.web(.put, "/api/character/avatar/\(id)", as: stranger, body: Images.png).status == .forbidden
                )
                #expect(try await world.store.character(id: id)?.avatar == String(second.dropFirst("/media/".count)))

                let removed = try await client.web(.delete, "/api/character/avatar/\(id)", as: owner)
                #expect(removed.json == ["faceclaim": nil])
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
            }
        }
    }
}

/// The slugs of the splats the registry serves.
let originalSplatSlugs = registry.slugs
