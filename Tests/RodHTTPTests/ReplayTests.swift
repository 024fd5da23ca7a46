import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import RodApp
import RodCore
import RodSchema
import RodServices
import RodStore
import RodTestSupport
import Synchronization
import Testing

@testable import RodHTTP

/// A recorded conversation that must not change: `Tests/Fixtures/replay/requests.json` (written by
/// `scripts/replay-requests.py`) is replayed in order against the imported fixture `original-A` with a clock that
/// never moves, and every answer (status, content type, ETag, body) must equal, byte for byte, the one recorded in
/// `answers.json`. It guards refactorings: the answers were recorded before the store, the routes and the views
/// were restructured (issue 14). `ROD_RECORD_REPLAY=1 swift test --filter ReplayTests` records them again, which is
/// only right when a change of an answer is intended and said in the commit.
@Suite struct ReplayTests {
    static let folder = packageRoot.appendingPathComponent("Tests/Fixtures/replay")
    /// Noon UTC on the fixture's day, after everything it holds.
    static let noon: Double = 1_796_040_000

    @Test(arguments: StoreKind.allCases)
    func recordedAnswersAreUnchanged(_ store: StoreKind) async throws {
        let file = try JSON.parse(Array(try Data(contentsOf: Self.folder.appendingPathComponent("requests.json"))))
        let requests = try #require(file.arrayValue)
        let answers = try await Self.replay(requests, postgres: store == .postgresql)
        let answersFile = Self.folder.appendingPathComponent("answers.json")
        if ProcessInfo.processInfo.environment["ROD_RECORD_REPLAY"] == "1", store == .sqlite {
            try Data((JSON.array(answers).prettyPrinted() + "\n").utf8).write(to: answersFile)
            return
        }
        let recorded = try #require(try JSON.parse(Array(try Data(contentsOf: answersFile))).arrayValue)
        try #require(recorded.count == answers.count, "\(answers.count) answers, \(recorded.count) recorded")
        var differing = 0
        for (index, (answer, expected)) in zip(answers, recorded).enumerated() where answer != expected {
            differing += 1
            if differing <= 10 {
                Issue.record(
                    "request \(index) (\(requests[index]["path"]?.stringValue ?? "")): \(answer.serializedString()) ≠ recorded \(expected.serializedString())"
                )
            }
        }
        #expect(differing == 0, "\(differing) of \(answers.count) answers differ")
    }

    /// Routes and their documentation agree beyond their paths: every status an operation answered in the recorded
    /// conversation is among the statuses the OpenAPI document lists for it.
    @Test func everyRecordedStatusIsDocumented() throws {
        let requests = try #require(
            try JSON.parse(Array(try Data(contentsOf: Self.folder.appendingPathComponent("requests.json")))).arrayValue)
        let answers = try #require(
            try JSON.parse(Array(try Data(contentsOf: Self.folder.appendingPathComponent("answers.json")))).arrayValue)
        let operations = HTTPFaces.operations(registry)
        func operation(_ method: String, _ path: String) -> RodSchema.Operation? {
            let segments = path.split(separator: "?").first.map { $0.split(separator: "/") } ?? []
            return operations.first { operation in
                let template = operation.path.split(separator: "/")
                return operation.method == method && template.count == segments.count
                    && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }
        }
        var undocumented: [String] = []
        var checked = 0
        for (request, answer) in zip(requests, answers) {
            let bot = request["face"]?.stringValue == "bot"
            let method = bot ? "POST" : request["method"]?.stringValue ?? "GET"
            let path = (bot ? "/bot/" : "") + (request["path"]?.stringValue ?? "").replacingOccurrences(of: "$new", with: "1")
            guard let status = answer["status"]?.intValue, let found = operation(method, path) else {
                // `character/fly`: an unknown route, answered by the error middleware.
                continue
            }
            checked += 1
            if !found.responses.contains(where: { $0.status == Int(status) }) {
                undocumented.append("\(method) \(path): \(status)")
            }
        }
        #expect(checked > 400)
        #expect(Array(Set(undocumented)).sorted() == [], "answered but not documented")
    }

    static func replay(_ requests: [JSON], postgres: Bool) async throws -> [JSON] {
        let clock = TestClock(noon)
        var answers: [JSON] = []
        try await World.with(clock: clock, postgres: postgres) { world in
            try await OriginalFixture.importInto(world, "db.sqlite3")
            var browsers: [String: Browser] = [:]
            for request in requests {
                if let user = request["as"]?.stringValue, browsers[user] == nil, let id = Int64(user) {
                    let minted = try await SessionService(store: world.store, clock: world.clock).mint(userID: id)
                    browsers[user] = Browser(
                        cookie: "sessionid=\(minted.token); csrftoken=\(minted.csrfToken)", csrf: minted.csrfToken)
                }
            }
            let sessions = browsers
            let collected = try await world.collectReplay(requests, browsers: sessions)
            answers = collected
        }
        return answers
    }
}

extension World {
    fileprivate func collectReplay(_ requests: [JSON], browsers: [String: Browser]) async throws -> [JSON] {
        let answers = Mutex<[JSON]>([])
        try await test { client in
            var created: JSON = nil
            for request in requests {
                let response = try await client.replay(request, created: created, browsers: browsers)
                let body = response.text
                // The bot's `character/new` answers 201 without a body: the new character is found by its name.
                if request["path"]?.stringValue?.contains("character/new") == true, response.status.code < 300 {
                    if let id = (try? JSON.parse(Array(body.utf8)))?["id"] {
                        created = id
                    } else if let sent = request["body"]?["character"], let user = sent["user"]?.stringValue.flatMap(Int64.init),
                        let name = sent["name"]?.stringValue,
                        let found = try await store.characterSummaries(CharacterQuery(userID: user, name: name)).first
                    {
                        created = .int(found.id)
                    }
                }
                var answer: JSONObject = ["status": .int(Int64(response.status.code)), "body": .string(body)]
                if let type = response.headers[.contentType] { answer["content_type"] = .string(type) }
                if let tag = response.headers[.eTag] { answer["etag"] = .string(tag) }
                let recorded = JSON.object(answer)
                answers.withLock { $0.append(recorded) }
            }
        }
        return answers.withLock { $0 }
    }
}

extension TestClientProtocol {
    /// Sends one recorded request; `"$new"` in its path or body becomes `created`.
    fileprivate func replay(_ request: JSON, created: JSON, browsers: [String: Browser]) async throws -> TestResponse {
        let newID = created.intValue.map(String.init) ?? "0"
        func substitute(_ value: JSON) -> JSON {
            switch value {
            case .string("$new"): created
            case .array(let items): .array(items.map(substitute))
            case .object(let members): .object(JSONObject(members.map { ($0.key, substitute($0.value)) }))
            default: value
            }
        }
        let path = (request["path"]?.stringValue ?? "").replacingOccurrences(of: "$new", with: newID)
        let body = substitute(request["body"] ?? nil)
        if request["face"]?.stringValue == "bot" {
            switch request["key"] ?? true {
            case .bool(true): return try await bot(path, body)
            case .string(let key): return try await bot(path, body, key: key)
            default: return try await bot(path, body, key: nil)
            }
        }
        let method = HTTPRequest.Method(request["method"]?.stringValue ?? "GET") ?? .get
        let browser = request["as"]?.stringValue.flatMap { browsers[$0] }
        let bytes = body == .null ? nil : body.serialized()
        return try await web(method, path, as: browser, body: bytes, csrf: request["csrf"]?.boolValue ?? true)
    }
}
