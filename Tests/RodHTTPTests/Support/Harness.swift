import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import RodApp
import RodCore
import RodHTTP
import RodServices
import RodSplats
import RodStore
import RodStoreSQLite
import RodTestSupport
import Synchronization
import Testing

extension World {
    /// Drives the app in memory, without sockets: the application `rod serve` runs, on this world's store.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await assembly.application(managingStore: false).test(.router) { client in try await body(client) }
    }

    /// Runs the whole application on a loopback port (HTTP and the WebSocket gateway), as `rod serve` does.
    func live(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await assembly.application(managingStore: false).test(.live) { client in try await body(client) }
    }

    /// The router every face is mounted on.
    var router: Router<RodRequestContext> { assembly.faces.router() }
}

extension TestClientProtocol {
    /// POSTs a JSON body to `bot/<path>` with the API key added, as the Discord bot does.
    func bot(_ path: String, _ body: JSON, key: String? = HTTPConfiguration.developmentAPIKey) async throws -> TestResponse {
        var object = body.objectValue ?? JSONObject()
        if let key { object["APIKey"] = .string(key) }
        return try await raw("/bot/" + path, body: JSON.object(object).serialized())
    }

    func raw(_ uri: String, method: HTTPRequest.Method = .post, body: [UInt8]) async throws -> TestResponse {
        try await execute(uri: uri, method: method, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
    }
}

extension TestResponse {
    /// The body parsed as JSON; records an issue when it is not JSON.
    var json: JSON {
        do {
            return try JSON.parse(body.readableBytesView)
        } catch {
            Issue.record("not JSON: \(String(buffer: body))")
            return .null
        }
    }

    var text: String { String(buffer: body) }
}

/// What the bot sends for a new character of each splat, and what it sends on a later save
/// (the payloads of the bot's `serialize()`; see spec section 9.6).
struct BotFixture: Sendable, CustomTestStringConvertible {
    let splat: String
    let traits: JSONObject
    let changes: JSONObject

    var testDescription: String { splat }

    static let common: [(String, JSON)] = [
        ("id", nil), ("user", "1001"), ("chronicle", nil), ("theme", "#8a0303"), ("avatar", ""), ("exp_total", 10),
        ("exp_current", 4),
    ]
    static let fifth: [(String, JSON)] = [
        ("willpower_total", 5), ("willpower_superficial", 1), ("willpower_aggravated", 0), ("health_total", 6),
        ("health_superficial", 2), ("health_aggravated", 1),
    ]
    static let twentieth: [(String, JSON)] = [
        ("willpower_total", 6), ("willpower_current", 5), ("health_total", 7), ("health_bashing", 1), ("health_lethal", 1),
        ("health_aggravated", 0),
    ]

    init(_ splat: String, _ traits: [(String, JSON)], changes: [(String, JSON)]) {
        self.splat = splat
        let edition = splat.hasSuffix("5th") ? Self.fifth : Self.twentieth
        self.traits = JSONObject(
            [("name", .string("Test \(splat)")), ("splat", .string(splat))] + Self.common + edition + traits)
        self.changes = JSONObject([("exp_current", 6), ("willpower_total", 7)] + changes)
    }

    /// The payload of `character/new`.
    var newPayload: JSON { ["character": .object(traits)] }

    /// The payload of `character/save` for the stored character `id`: the bot sends every trait again.
    func savePayload(id: Int64) -> JSON {
        var character = traits
        character["id"] = .int(id)
        for (key, value) in changes { character[key] = value }
        return ["character": .object(character)]
    }

    static let all: [BotFixture] = [
        BotFixture("vampire5th", [("hunger", 2), ("humanity", 7), ("stains", 1)], changes: [("hunger", 4), ("stains", 3)]),
        BotFixture("human5th", [("humanity", 6), ("stains", 2)], changes: [("stains", 4)]),
        BotFixture("ghoul5th", [("humanity", 8), ("stains", 0)], changes: [("humanity", 7), ("stains", 1)]),
        BotFixture(
            "werewolf5th", [("rage", 3), ("harano", 1), ("hauglosk", 0), ("form", "Crinos")],
            changes: [("rage", 5), ("form", "Lupus")]),
        BotFixture(
            "hunter5th", [("desperation", 2), ("danger", 3), ("despair", true)], changes: [("danger", 4), ("despair", false)]),
        BotFixture(
            "vampire20th",
            [("morality_name", "Path of Night"), ("morality_value", 5), ("blood_total", 12), ("blood_current", 8)],
            changes: [("blood_current", 11)]),
        BotFixture(
            "werewolf20th", [("rage_total", 4), ("rage_current", 2), ("gnosis_total", 5), ("gnosis_current", 3)],
            changes: [("rage_current", 6)]),
        BotFixture(
            "mage20th", [("arete", 3), ("quintessence", 5), ("paradox", 2)], changes: [("paradox", 4), ("quintessence", 9)]),
        BotFixture(
            "changeling20th",
            [
                ("glamour_total", 5), ("glamour_current", 3), ("banality_total", 4), ("banality_current", 2), ("nightmare", 1),
                ("imbalance", 2), ("chimerical_total", 7), ("chimerical_bashing", 1), ("chimerical_lethal", 0),
                ("chimerical_aggravated", 0),
            ], changes: [("glamour_current", 5), ("chimerical_lethal", 2)]),
        BotFixture("wraith20th", [("corpus_total", 10), ("corpus_current", 8), ("pathos", 5)], changes: [("pathos", 2)]),
        BotFixture("human20th", [("humanity", 6), ("blood", 10)], changes: [("blood", 7)]),
        BotFixture("ghoul20th", [("humanity", 6), ("blood", 10), ("vitae", 3)], changes: [("vitae", 5)]),
        BotFixture(
            "demon20th", [("faith_total", 5), ("faith_current", 3), ("torment_permanent", 4), ("torment_temporary", 2)],
            changes: [("torment_temporary", 6)]),
    ]
}

/// Where a flat trait key shows in the full sheet: top-level, or inside its group.
func sheetValue(_ sheet: JSON, key: String, splat: Splat) -> JSON? {
    guard let group = splat.group(of: key) else { return sheet[key] }
    switch group.view {
    case .tracker: return sheet[group.key]?[group.memberName(of: key)]
    case .values: return sheet[group.key]?[key]
    case .ratings: return sheet[group.key]?[key]?["value"]
    }
}

/// Checks that every trait the payload sent reads back, through the sheet, as sent.
func expectSheet(
    _ sheet: JSON, shows payload: JSONObject, splat: Splat, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    for (key, value) in payload where splat.trait(key) != nil {
        #expect(sheetValue(sheet, key: key, splat: splat) == value, "\(splat.slug).\(key)", sourceLocation: sourceLocation)
    }
}
