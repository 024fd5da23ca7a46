import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOWebSocket
import RodCore
import RodGateway
import RodServices
import RodStore
import RodTestSupport
import Testing

@testable import RodApp
@testable import RodHTTP

/// Issue 12: each request an outside review showed going wrong, sent again. Every test here failed before its fix.
@Suite struct HardeningTests {
    static let owner: Int64 = 1001

    // MARK: 1. Query strings are forms

    @Test func aPlusInAQueryStringIsASpace() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            try await world.test { client in
                let created = try await client.web(.get, "/api/character/new/v5?name=Sheet+b23c21", as: browser)
                let id = try #require(created.json["id"]?.intValue)
                #expect(try await world.store.character(id: id)?.name == "Sheet b23c21")
                let other = try await client.web(.get, "/api/character/new/mage20th?name=Ada%20Lovelace%2B1", as: browser)
                let second = try #require(other.json["id"]?.intValue)
                #expect(try await world.store.character(id: second)?.name == "Ada Lovelace+1")
                let read = try await client.web(.get, "/api/character/get/v5?id=\(id)&sheet=+", as: browser)
                #expect(read.status == .ok && read.json["name"] == "Sheet b23c21")
            }
        }
    }

    @Test func queryStringsDecodeAsDjangosQueryDict() {
        let query = FormQuery("name=Sheet+b23c21&x=%41%zz&empty=&flag&name=last&a%2Bb=c+d")
        #expect(query["name"] == "last")
        #expect(query["x"] == "A%zz" || query["x"] == "%41%zz")
        #expect(query["empty"] == "" && query["flag"] == "" && query["missing"] == nil)
        #expect(query["a+b"] == "c d")
        #expect(FormQuery(nil)["name"] == nil)
        #expect(FormQuery("id=12&name=plain")["id"] == "12" && FormQuery("id=12&name=plain")["name"] == "plain")
    }

    /// The session cookie is found as Hummingbird's parser finds it: the first of that name across every `Cookie`
    /// header, its value up to the next `;`, names compared exactly.
    @Test func cookiesAreReadAsHummingbirdReadsThem() {
        let headers: [[String]] = [
            ["sessionid=abc; csrftoken=x"], ["csrftoken=x;sessionid=abc"], ["csrftoken=x;  \tsessionid=abc=def; other"],
            ["a=1", "sessionid=second; sessionid=third"], ["SESSIONID=upper", "xsessionid=no; sessionidx=no"],
            ["sessionid"], ["sessionid=;x=1"], [], ["sessionid=é∂ü; x"],
        ]
        for values in headers {
            var fields = HTTPFields()
            for value in values { fields.append(HTTPField(name: .cookie, value: value)) }
            let request = Request(
                head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/", headerFields: fields),
                body: .init(buffer: ByteBuffer()))
            for name in ["sessionid", "csrftoken", "missing"] {
                #expect(request.cookie(name) == request.cookies[name]?.value, "\(values) \(name)")
            }
        }
    }

    // MARK: 2. Bounded growth

    /// A discipline whose name is 60 KB, the demonstrated frame: refused, and the character and its history stay small.
    @Test func aDisciplineNameOver50CharactersIsRefused() async throws {
        try await Cast.with { cast in
            let socket = try await cast.identified(cast.player)
            let name = String(repeating: "A", count: 60_000)
            let discipline: JSON = ["name": "Auspex", "custom": 0, "value": 1, "powers": [:]]
            let answer = try await socket.fieldUpdate([
                "id": .string(String(cast.sheet.id)), "key": "disciplines", "revision": .int(cast.sheet.revision),
                "entry": ["name": .string(name), "value": discipline],
            ])
            #expect(answer["t"] == "FIELD_ERROR" && answer["d"]?["reason"] == "invalid")
            #expect(answer["d"]?["errors"]?["disciplines"] == ["Ensure every name has between 1 and 50 characters."])
            let stored = try #require(try await cast.world.store.character(id: cast.sheet.id))
            #expect(stored.revision == cast.sheet.revision)
        }
    }

    /// Adding 40 disciplines one at a time, each with 3 KB of description: each history row holds the one discipline
    /// added, so the history grows with the character (it grew with its square when rows held the whole object).
    @Test func historyRowsHoldTheEntryThatChangedAndStillRebuildEveryState() async throws {
        let burst: (inout Configuration) -> Void = { $0.gateway.limits.messageBurst = 100 }
        try await Cast.with(configure: burst) { cast in
            let socket = try await cast.identified(cast.player)
            var revision = cast.sheet.revision
            let description = String(repeating: "d", count: 3000)
            for index in 0..<40 {
                let entry: JSON = [
                    "name": .string("Discipline \(index)"), "custom": 0, "value": 1, "description": [.string(description)],
                    "powers": [:],
                ]
                let answer = try await socket.fieldUpdate([
                    "id": .string(String(cast.sheet.id)), "key": "disciplines", "revision": .int(revision),
                    "entry": ["name": .string("Discipline \(index)"), "value": entry],
                ])
                #expect(answer["t"] == "FIELD_UPDATED", "\(answer)")
                revision = answer["d"]?["revision"]?.intValue ?? revision
            }
            let history = try await cast.world.store.history(characterID: cast.sheet.id)
            let added = history.suffix(40)
            let largest = added.map { $0.change.changes.serialized().count }.max() ?? 0
            #expect(largest < 4_000, "a row holds one discipline, not all of them: \(largest) bytes")
            // Every state can still be rebuilt: the last equals the character as stored.
            let states = try CharacterHistory.states(history)
            let stored = try #require(try await cast.world.store.character(id: cast.sheet.id))
            #expect(states.last?.revision == stored.revision)
            #expect(states.last?.values["disciplines"] == stored.values["disciplines"])
            #expect(states.last?.values["disciplines"]?.objectValue?.count == 40)
        }
    }

    @Test func listsAndObjectsHoldABoundedNumberOfEntries() async throws {
        try await Cast.with { cast in
            let merit: JSON = ["name": "Merit", "description": "", "notes": "", "rating": 1, "flaw": false, "modifier": 0]
            let splat = try #require(registry.splat("vampire5th"))
            do throws(CharacterWriteError) {
                _ = try await cast.characters.updateSheet(
                    id: cast.sheet.id, splat: splat, input: ["merits": .array(Array(repeating: merit, count: 101))],
                    by: cast.player, expectedRevision: nil)
                Issue.record("101 merits were accepted")
            } catch .invalid(let errors) {
                #expect(errors.messages(for: "merits").map(\.message) == ["Ensure this field has no more than 100 elements."])
            } catch {
                Issue.record("refused for another reason: \(error)")
            }
            let hundred = try await cast.characters.updateSheet(
                id: cast.sheet.id, splat: splat, input: ["merits": .array(Array(repeating: merit, count: 100))],
                by: cast.player, expectedRevision: nil)
            #expect(hundred.values["merits"]?.arrayValue?.count == 100)
        }
    }

    /// Texts and lists within their bounds can still add up; the whole character has a bound (256 KiB).
    @Test func aCharacterLargerThanTheDocumentBoundIsRefused() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            try await world.test { client in
                let created = try await client.web(.get, "/api/character/new/v5?name=Vlad", as: browser)
                let id = try #require(created.json["id"]?.intValue)
                let text = String(repeating: "x", count: 1000)
                let advantage: JSON = [
                    "name": "A", "description": .string(text), "notes": .string(text), "rating": 1, "flaw": false, "modifier": 0,
                ]
                let list = JSON.array(Array(repeating: advantage, count: 45))
                let large: JSON = ["merits": list, "flaws": list, "backgrounds": list]
                let refused = try await client.update("v5", id: id, large, as: browser)
                #expect(refused.status == .badRequest)
                let message = refused.json[ValidationErrors.nonField]?.arrayValue?.first?.stringValue ?? ""
                #expect(message.hasPrefix("This character would be too large"), "\(message)")
                let fits = try await client.update("v5", id: id, ["merits": list, "flaws": list], as: browser)
                #expect(fits.status == .ok)
                let stored = try #require(try await world.store.character(id: id))
                #expect(stored.documentBytes <= CharacterRecord.maximumDocumentBytes && stored.revision == 2)
            }
        }
    }

    @Test func fieldUpdatesCountAgainstTheDailyQuota() async throws {
        let clock = TestClock(1_735_732_800)  // 2025-01-01T12:00:00Z
        try await Cast.with(clock: clock) { cast in
            let socket = try await cast.identified(cast.player)
            let quotas = cast.world.services.quotas
            // Each field update counts one request of the day's quota, refused or not.
            let counted = try await quotas.used(userID: Cast.player)
            let applied = try await socket.fieldUpdate([
                "id": .string(String(cast.sheet.id)), "key": "hunger", "revision": .int(cast.sheet.revision), "value": 2,
            ])
            #expect(applied["t"] == "FIELD_UPDATED")
            let invalid = try await socket.fieldUpdate([
                "id": .string(String(cast.sheet.id)), "key": "hunger", "revision": .int(cast.sheet.revision + 1), "value": 9,
            ])
            #expect(invalid["t"] == "FIELD_ERROR")
            #expect(try await quotas.used(userID: Cast.player) == counted + 2)
            let player = User(id: Cast.player, createdAt: 0)
            while try await quotas.used(userID: Cast.player) < 2000 { _ = try await quotas.admit(player) }
            let answer = try await socket.fieldUpdate([
                "id": .string(String(cast.sheet.id)), "key": "hunger", "revision": .int(cast.sheet.revision + 1), "value": 3,
            ])
            #expect(answer["t"] == "FIELD_ERROR" && answer["d"]?["reason"] == "throttled")
            #expect(try await cast.world.store.character(id: cast.sheet.id)?.values["hunger"] == 2)
        }
    }

    @Test func aSocketSendingFasterThanItsRateIsRefused() async throws {
        let slow: (inout Configuration) -> Void = {
            $0.gateway.limits.messagesPerSecond = 1
            $0.gateway.limits.messageBurst = 3
        }
        try await Cast.with(configure: slow) { cast in
            let socket = try await cast.identified(cast.player)  // the identify took one token
            for nonce in 0..<6 {
                socket.send([
                    "op": 1, "t": "field_update",
                    "d": [
                        "nonce": .int(Int64(nonce)), "id": .string(String(cast.sheet.id)), "key": "exp_total", "revision": 0,
                        "value": 1,
                    ],
                ])
            }
            var reasons: [String] = []
            for _ in 0..<6 {
                let frame = try await socket.frames.take(where: { $0["t"] == "FIELD_ERROR" })
                reasons.append(frame["d"]?["reason"]?.stringValue ?? "")
            }
            #expect(reasons.filter { $0 == "rate_limited" }.count >= 3, "\(reasons)")
            #expect(reasons.contains("stale"))  // those within the rate were handled (at a wrong revision)
        }
    }

    // MARK: 3. The storyteller lock

    @Test func theLockCannotBeWalkedAroundByLeavingTheChronicle() async throws {
        try await World.with { world in
            let (owner, storyteller, _, _, id) = try await WebCharacterTests.seed(world)
            try await world.test { client in
                #expect(try await client.update("v5", id: id, ["st_lock": true], as: storyteller).status == .ok)
                let leave = try await client.update("v5", id: id, ["chronicle": nil], as: owner)
                #expect(leave.status == .badRequest && leave.json == ["chronicle": ["This sheet is locked by its storyteller."]])
                let edit = try await client.update("v5", id: id, ["strength": 5], as: owner)
                #expect(edit.status == .badRequest)
                let back = try await client.update("v5", id: id, ["chronicle": "900"], as: owner)
                #expect(back.status == .ok)  // the chronicle it is in: no change
                let moved = try await client.update("v5", id: id, ["chronicle": ""], as: owner)
                #expect(moved.status == .badRequest)
            }
            let after = try #require(try await world.store.character(id: id))
            #expect(after.chronicleID == 900 && after.storytellerLock && after.values["strength"] == 1)
        }
    }

    // MARK: 4. Logout closes the sockets

    @Test func logoutClosesTheSessionsSocketsAndARevokedSessionCannotWrite() async throws {
        try await Cast.with { cast in
            let minted = try await cast.world.services.sessions.mint(userID: Cast.player)
            let session = try #require(try await cast.world.store.session(tokenHash: SessionService.hash(minted.token), now: 0))
            let socket = FakeSocket(cast.gateway, user: cast.player, session: session)
            _ = try await socket.identify()
            let browser = Browser(cookie: "sessionid=\(minted.token); csrftoken=\(minted.csrfToken)", csrf: minted.csrfToken)
            try await cast.world.test { client in
                let logout = try await client.web(.post, "/auth/logout/", as: browser)
                #expect(logout.status == .found)
            }
            #expect(await socket.close() == .signedOut)

            // A session ended where no event can reach this process (another process, Redis away): the next write
            // finds it gone, is refused and closes the socket.
            let second = try await cast.world.services.sessions.mint(userID: Cast.player)
            let live = try #require(try await cast.world.store.session(tokenHash: SessionService.hash(second.token), now: 0))
            let other = FakeSocket(cast.gateway, user: cast.player, session: live)
            _ = try await other.identify()
            try await cast.world.store.deleteSession(tokenHash: live.tokenHash)
            let answer = try await other.fieldUpdate([
                "id": .string(String(cast.sheet.id)), "key": "hunger", "revision": .int(cast.sheet.revision), "value": 3,
            ])
            #expect(answer["t"] == "FIELD_ERROR" && answer["d"]?["reason"] == "signed_out")
            #expect(await other.close() == .signedOut)
            #expect(try await cast.world.store.character(id: cast.sheet.id)?.values["hunger"] == 1)
        }
    }

    @Test func anExpiredSessionsSocketCloses() async throws {
        let clock = TestClock(1_000_000)
        try await Cast.with(clock: clock) { cast in
            let minted = try await cast.world.services.sessions.mint(userID: Cast.player)
            let session = try #require(
                try await cast.world.store.session(tokenHash: SessionService.hash(minted.token), now: clock.now))
            let socket = FakeSocket(cast.gateway, user: cast.player, session: session)
            _ = try await socket.identify()
            clock.advance(by: SessionService.lifetime + 1)
            socket.send(["op": 2, "d": nil, "t": nil])
            #expect(await socket.close() == .signedOut)
        }
    }

    // MARK: 5. One character limit on both faces

    @Test func webCreationStopsAtTheTiersCharacterLimit() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            let limit = SupporterTier.of(level: 0).characterLimit
            for index in 0..<limit {
                var values = registry.splat("mage20th")!.defaults()
                values["name"] = .string("Tracker \(index)")
                _ = try await world.store.insert(
                    CharacterRecord(id: 0, splat: "mage20th", userID: Self.owner, values: values, createdAt: 0, lastUpdated: 0),
                    change: CharacterChange(operation: .create, face: .bot, actorID: Self.owner, changes: nil, at: 0))
            }
            try await world.test { client in
                let refused = try await client.web(.get, "/api/character/new/v5?name=One+more", as: browser)
                #expect(refused.status == .forbidden && refused.json == WebCharacterRoutes.sheetLimitMessage)
                let bot = try await client.bot("character/new", BotCharacterTests.vampire("Another"))
                #expect(bot.status == .conflict)
            }
            #expect(try await world.count() == limit)
        }
    }

    // MARK: 6. CSRF on the GETs that act

    @Test func creatingASheetAndLoggingOutNeedTheTokenOrASameOriginFetch() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            let crossSite: HTTPFields = [CSRFCheck.fetchSite: "cross-site"]
            try await world.test { client in
                let forged = try await client.web(
                    .get, "/api/character/new/v5?name=Forged", as: browser, csrf: false, headers: crossSite)
                #expect(forged.status == .forbidden && forged.json == ["detail": "CSRF Failed: CSRF token missing."])
                let bare = try await client.web(.get, "/api/character/new/v5?name=Forged", as: browser, csrf: false)
                #expect(bare.status == .forbidden)
                #expect(try await world.character(named: "Forged") == nil)
                let sameOrigin = try await client.web(
                    .get, "/api/character/new/v5?name=Typed", as: browser, csrf: false,
                    headers: [CSRFCheck.fetchSite: "same-origin"])
                #expect(sameOrigin.status == .ok)
                let withToken = try await client.web(.get, "/api/character/new/v5?name=Clicked", as: browser)
                #expect(withToken.status == .ok)

                for method in [HTTPRequest.Method.get, .post] {
                    let logout = try await client.web(method, "/auth/logout/", as: browser, csrf: false, headers: crossSite)
                    #expect(logout.status == .forbidden)
                }
                #expect(try await client.web(.get, "/api/character/get/v5?id=1", as: browser).status != .forbidden)
                let typed = try await client.web(
                    .get, "/auth/logout/", as: browser, csrf: false, headers: [CSRFCheck.fetchSite: "none"])
                #expect(typed.status == .found)
                #expect(try await client.web(.get, "/api/character/get/v5?id=1", as: browser).status == .forbidden)
            }
        }
    }

    /// Issue 22: exactly the request the frontend's "new sheet" dialogue makes (`NewSheetDialogue.js`: a bare same-origin
    /// `fetch`, so the session cookie and the browser's fetch metadata, and no CSRF token) creates the sheet.
    @Test func theFrontendsNewSheetFetchCreatesTheSheet() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            let fetch: HTTPFields = [
                .cookie: browser.cookie, .accept: "*/*", CSRFCheck.fetchSite: "same-origin",
                HTTPField.Name("Sec-Fetch-Mode")!: "cors", HTTPField.Name("Sec-Fetch-Dest")!: "empty",
            ]
            try await world.test { client in
                let created = try await client.execute(
                    uri: "/api/character/new/vampire5th?name=Ada%20Lovelace", method: .get, headers: fetch)
                #expect(created.status == .ok && created.json["id"]?.intValue != nil, "\(created.status)")
                #expect(try await world.character(named: "Ada Lovelace")?.id == created.json["id"]?.intValue)
            }
        }
    }

    // MARK: 7. Anonymous sockets have their own bound

    @Test func anonymousSocketsNeverTakeASignedInUsersPlace() async throws {
        let limits: (inout Configuration) -> Void = {
            $0.gateway.limits.maxConnections = 10
            $0.gateway.limits.maxAnonymousConnections = 4
            $0.gateway.limits.maxAnonymousConnectionsPerAddress = 2
        }
        try await Cast.with(configure: limits) { cast in
            var open: [FakeSocket] = []
            for (address, expected) in [
                ("10.0.0.1", true), ("10.0.0.1", true), ("10.0.0.1", false),  // over the per-address bound
                ("10.0.0.2", true), ("10.0.0.2", true), ("10.0.0.3", false),  // over the anonymous bound
            ] {
                let socket = FakeSocket(cast.gateway, user: nil, address: address)
                let admitted = try await socket.admitted()
                #expect(admitted == expected, "\(address)")
                if expected { open.append(socket) } else { #expect(await socket.close() == .tooManyConnections) }
            }
            // The anonymous sockets are at their bound; a signed-in user still gets in.
            let player = cast.socket(cast.player)
            let admitted = try await player.admitted()
            #expect(admitted)
            #expect(await player.close() == nil)
            for socket in open { #expect(await socket.close() == nil) }
        }
    }

    // MARK: 9. Bodies over the limit

    @Test func bodiesOverTheLimitAnswer413() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: Self.owner)
            let body = [UInt8](repeating: UInt8(ascii: " "), count: 1024 * 1024 + 1)
            try await world.test { client in
                let bot = try await client.raw("/bot/character/get", body: body)
                #expect(bot.status == .contentTooLarge && bot.json == ["detail": "Request body is too large."])
                let web = try await client.web(.put, "/api/character/update/v5/1", as: browser, body: body)
                #expect(web.status == .contentTooLarge && web.json == ["detail": "Request body is too large."])
                let declared = try await client.execute(
                    uri: "/bot/character/get", method: .post, headers: [.contentLength: String(body.count)],
                    body: ByteBuffer(bytes: body))
                #expect(declared.status == .contentTooLarge)
            }
        }
    }

    // MARK: 11. Login states and sessions are purged, and login starts are bounded

    @Test func loginStartsAreBoundedPerAddress() async throws {
        let fiveAMinute: (inout Configuration) -> Void = { $0.http.loginStartsPerMinute = 5 }
        let clock = TestClock(1_735_732_800)  // the start of a minute: the five fall in one
        try await World.with(clock: clock, configure: fiveAMinute) { world in
            try await world.test { client in
                for _ in 0..<5 { #expect(try await client.execute(uri: "/auth/login/", method: .get).status == .found) }
                let refused = try await client.execute(uri: "/auth/login/", method: .get)
                #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] == "60")
                clock.advance(by: 60)
                #expect(try await client.execute(uri: "/auth/login/", method: .get).status == .found)
            }
        }
    }

    @Test func expiredLoginStatesAndSessionsArePurgedInTheBackground() async throws {
        let clock = TestClock(1_000_000)
        try await World.with(clock: clock) { world in
            let sessions = SessionService(store: world.store, clock: { clock.now })
            _ = try await world.store.ensureUser(id: Self.owner, now: 0)
            let expiring = try await sessions.mint(userID: Self.owner)
            try await world.store.saveOAuthState(hash: "old", at: clock.now)
            clock.advance(by: SessionService.lifetime + 1)
            try await world.store.saveOAuthState(hash: "new", at: clock.now)
            let live = try await sessions.mint(userID: Self.owner)
            let maintenance = Maintenance(
                sessions: sessions, interval: .milliseconds(10), clock: { clock.now }, logger: world.assembly.logger)
            let running = Task { try await maintenance.run() }
            let deadline = ContinuousClock.now + Wait.budget
            while try await world.store.session(tokenHash: SessionService.hash(expiring.token), now: 0) != nil,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            running.cancel()
            #expect(try await world.store.session(tokenHash: SessionService.hash(expiring.token), now: 0) == nil)
            #expect(try await world.store.session(tokenHash: SessionService.hash(live.token), now: 0) != nil)
            #expect(try await world.store.takeOAuthState(hash: "old", notBefore: 0) == false)
            #expect(try await world.store.takeOAuthState(hash: "new", notBefore: 0) == true)
        }
    }

    // MARK: 12. Patreon replays

    @Test func aReplayedPatreonDeliveryIsIgnored() async throws {
        try await PatreonTests.withWebhook { world in
            try await world.store.save(User(id: 1001, username: "mirai", createdAt: 0))
            try await world.test { client in
                let pledge = PatreonTests.payload()
                let deleted = PatreonTests.payload(tier: nil)
                for (body, event) in [
                    (pledge, "members:pledge:create"), (deleted, "members:pledge:delete"), (pledge, "members:pledge:create"),
                ] {
                    let response = try await PatreonTests.post(client, body, signature: PatreonTests.sign(body), event: event)
                    #expect(response.status == .ok)
                }
            }
            #expect(try await world.store.user(id: 1001)?.supporter == 0)
            #expect(try await world.store.patreonEvents().map(\.outcome) == ["applied", "applied"])
        }
    }

    @Test func aPatreonEventOlderThanTheLastAppliedIsIgnored() async throws {
        try await PatreonTests.withWebhook { world in
            try await world.test { client in
                let newer = PatreonTests.payload(tier: "8618838", lastCharge: "2026-11-01T10:00:00.000+00:00")
                let older = PatreonTests.payload(tier: "8618368", lastCharge: "2026-10-01T10:00:00.000+00:00")
                for body in [newer, older] {
                    let response = try await PatreonTests.post(
                        client, body, signature: PatreonTests.sign(body), event: "members:pledge:update")
                    #expect(response.status == .ok)
                }
                #expect(try await world.store.user(id: 1001)?.supporter == 5)
                // A deletion at the same time as the last pledge wins; a later pledge (a new pledge chain) applies again.
                let cancelled = PatreonTests.payload(tier: nil, lastCharge: "2026-11-01T10:00:00.000+00:00")
                let again = PatreonTests.payload(tier: "8618838", lastCharge: "2026-11-01T10:00:00.000+00:00", note: "again")
                let renewed = PatreonTests.payload(
                    tier: "8618737", lastCharge: "2026-11-01T10:00:00.000+00:00", start: "2026-11-20T09:00:00.000+00:00")
                for (body, event, level) in [
                    (cancelled, "members:pledge:delete", 0), (again, "members:pledge:update", 0),
                    (renewed, "members:pledge:create", 3),
                ] {
                    _ = try await PatreonTests.post(client, body, signature: PatreonTests.sign(body), event: event)
                    #expect(try await world.store.user(id: 1001)?.supporter == Int64(level), "\(event)")
                }
            }
            #expect(try await world.store.patreonEvents().map(\.outcome) == ["applied", "stale", "applied", "stale", "applied"])
        }
    }

    // MARK: 13. Media

    @Test func mediaIsServedAsWhatItIsAndNeverAsAPage() async throws {
        try await World.with { world in
            let (owner, _, _, _, id) = try await WebCharacterTests.seed(world)
            try await world.test { client in
                let page = Array("<html><script>alert(1)</script></html>".utf8)
                let disguised = try await client.web(
                    .put, "/api/character/avatar/\(id)", as: owner, body: Array(Images.png.prefix(33)) + page)
                #expect(disguised.status == .unsupportedMediaType)
                let uploaded = try await client.web(.put, "/api/character/avatar/\(id)", as: owner, body: Images.png)
                let path = try #require(uploaded.json["faceclaim"]?.stringValue)
                let served = try await client.execute(uri: path, method: .get)
                #expect(served.status == .ok && served.headers[.contentType] == "image/png")
                #expect(served.headers[NoSniffMiddleware<RodRequestContext>.name] == "nosniff")
                #expect(served.headers[MediaMiddleware.contentSecurityPolicy] == "default-src 'none'; sandbox")
            }
        }
    }

    /// Issue 22: `nosniff` on every answer, not only on served files: errors of each face, a missing file, an upgrade
    /// refused.
    @Test func everyAnswerIsMarkedNosniff() async throws {
        try await World.with { world in
            let (owner, _, _, _, id) = try await WebCharacterTests.seed(world)
            try await world.test { client in
                let answers = [
                    try await client.execute(uri: "/media/char_avatars/none.png", method: .get),
                    try await client.execute(uri: "/health", method: .get),
                    try await client.execute(uri: "/nowhere/at/all", method: .post),
                    try await client.raw("/bot/character/get", body: Array(#"{"APIKey":"wrong"}"#.utf8)),
                    try await client.raw("/bot/character/get", method: .get, body: []),
                    try await client.web(.get, "/api/character/get/v5?id=\(id)", as: nil),
                    try await client.web(.get, "/api/character/get/v5?id=\(id)", as: owner),
                    try await client.execute(uri: "/gateway/web/", method: .get),
                ]
                for answer in answers {
                    #expect(answer.headers[NoSniffMiddleware<RodRequestContext>.name] == "nosniff", "\(answer.status)")
                }
                #expect(answers.map(\.status.code) == [404, 200, 404, 404, 404, 403, 200, 403])
            }
        }
    }
}

/// Issue 12 over real sockets: what only a live server shows (connection timeouts, request heads, WebSocket frames).
@Suite struct HardeningLiveTests {
    /// A live world whose HTTP limits are small enough to see them act: a 8 KiB head, and the given timeouts (long
    /// unless a test is about them, so that a loaded machine never trips one by accident).
    func withLimits(
        headTimeout: Duration = .seconds(60), idleTimeout: Duration = .seconds(60),
        _ body: @escaping @Sendable (World, any TestClientProtocol, _ port: Int) async throws -> Void
    ) async throws {
        let short: (inout Configuration) -> Void = {
            $0.http.limits.headTimeout = headTimeout
            $0.http.limits.idleTimeout = idleTimeout
            $0.http.limits.maxHeadBytes = 8192
        }
        try await World.with(configure: short) { world in
            try await world.live { client in try await body(world, client, try #require(client.port)) }
        }
    }

    // MARK: 8. Timeouts and request heads

    @Test func headsThatNeverEndAreAnswered408AndClosed() async throws {
        try await withLimits(headTimeout: .seconds(1)) { _, _, port in
            var connections: [RawConnection] = []
            for _ in 0..<5 {
                let connection = try await RawConnection(port: port)
                await connection.send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                connections.append(connection)
            }
            for connection in connections {
                let answer = try await connection.untilClosed()
                #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(answer)")
                #expect(answer.contains("\r\nX-Content-Type-Options: nosniff\r\n"))
                #expect(answer.hasSuffix(#"{"detail":"The request head did not arrive in time."}"#))
            }
        }
    }

    @Test func oversizedHeadsAreAnswered431Or414AndClosed() async throws {
        try await withLimits { _, _, port in
            let header = try await RawConnection(port: port)
            await header.send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + String(repeating: "a", count: 100_000))
            #expect(try await header.untilClosed().hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
            let url = try await RawConnection(port: port)
            await url.send("GET /health?" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\n")
            #expect(try await url.untilClosed().hasPrefix("HTTP/1.1 414 URI Too Long\r\n"))
            // A later head of a kept-alive connection meets the parser's limit of the same size: 400, closed.
            let later = try await RawConnection(port: port)
            await later.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            await later.send(
                "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + String(repeating: "a", count: 20_000) + "\r\n\r\n")
            let answers = try await later.untilClosed()
            #expect(answers.hasPrefix("HTTP/1.1 200 OK\r\n") && answers.contains("HTTP/1.1 400 Bad Request\r\n"), "\(answers)")
        }
    }

    /// A kept-alive connection serves request after request while it is not idle, and is closed once it stays idle for
    /// the timeout, not before.
    @Test func idleKeptAliveConnectionsAreClosed() async throws {
        let idle = Duration.seconds(5)
        try await withLimits(idleTimeout: idle) { _, _, port in
            // On a loaded machine this test's task can wake up later than the idle time (CI saw 13 s between two
            // requests); the server then rightly closes between them. Such an attempt shows nothing, so it is made
            // again; a server that closes a connection used within the idle time fails the attempt at once.
            var served = false
            for _ in 1...4 where !served {
                served = try await Self.keptAliveThenClosed(port: port, idle: idle)
            }
            #expect(served, "every attempt was late by more than the idle time")
            // A body that stops arriving is the same: no bytes for the idle time, and the connection is closed.
            let slow = try await RawConnection(port: port)
            await slow.send("POST /bot/character/get HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{\"APIKey\"")
            _ = try await slow.untilClosed()
        }
    }

    /// Four requests on one connection, each a fraction of the idle time after the last, then none: true when all four
    /// were answered and the close came no sooner than the idle time after the last; false when this test was itself
    /// late by the idle time between two requests and the server closed there.
    private static func keptAliveThenClosed(port: Int, idle: Duration) async throws -> Bool {
        let connection = try await RawConnection(port: port)
        var lastSent = ContinuousClock.now
        for answered in 1...4 {
            if answered > 1 { try await Task.sleep(for: .milliseconds(300)) }
            let gap = ContinuousClock.now - lastSent
            lastSent = .now
            await connection.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
            do {
                try await connection.until(answered, of: #"{"status":"ok"}"#)
            } catch  where connection.isClosed {
                // The server saw the previous request no later than it was sent: a close within the idle time of
                // that is the server's fault, one after it this test's.
                #expect(gap >= idle, "closed while in use, \(gap) after the previous request")
                return false
            }
        }
        // Idle: closed once the timeout passed since the last request, which the server cannot have read before it
        // was sent (so this holds however late this test wakes up).
        let answer = try await connection.untilClosed()
        #expect(ContinuousClock.now - lastSent >= idle - .milliseconds(100))
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n") && answer.hasSuffix(#"{"status":"ok"}"#))
        #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count - 1 == 4)
        return true
    }

    // MARK: 10. The frontend's fallback never redirects off-site

    @Test func pathsThatNameAnotherHostAreNotRedirected() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-frontend-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<!doctype html>".write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let frontend: (inout Configuration) -> Void = { $0.media.frontendDirectory = folder.path }
        try await World.with(configure: frontend) { world in
            try await world.live { client in
                let port = try #require(client.port)
                for path in ["//evil.example", "/\\evil.example", "//evil.example/a/b", "/\\/evil.example"] {
                    let connection = try await RawConnection(port: port)
                    await connection.send("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    let answer = try await connection.untilClosed()
                    #expect(!answer.contains("Location:") && !answer.contains("location:"), "\(path): \(answer)")
                    #expect(answer.hasPrefix("HTTP/1.1 404") || answer.hasPrefix("HTTP/1.1 400"), "\(path): \(answer)")
                }
                let local = try await RawConnection(port: port)
                await local.send("GET /characters HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                let answer = try await local.untilClosed()
                #expect(answer.hasPrefix("HTTP/1.1 301") && answer.lowercased().contains("location: /characters/\r\n"))
            }
        }
    }

    // MARK: 4 and 14. The gateway's sockets

    @Test func logoutClosesAnOpenSocketWith1008() async throws {
        try await World.with { world in
            let browser = try await Browser.signIn(world, user: 1001)
            try await world.live { client in
                let socket = GatewayClient(port: try #require(client.port), cookie: browser.cookie)
                _ = try await socket.identify()
                let logout = try await client.web(.post, "/auth/logout/", as: browser)
                #expect(logout.status == .found)
                let closed = try await socket.closedByServer()
                #expect(closed?.closeCode == .policyViolation && closed?.reason == "signed out", "\(String(describing: closed))")
            }
        }
    }

    @Test func aTextFrameThatIsNotUTF8Closes1007() async throws {
        try await World.with { world in
            try await world.live { client in
                let socket = GatewayClient(port: try #require(client.port))
                _ = try await socket.frames.next()
                socket.send(frame: WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: [0x7B, 0xFF, 0xFE, 0x7D])))
                let closed = try await socket.closedByServer()
                #expect(closed?.closeCode == .dataInconsistentWithMessage)
            }
        }
    }
}
