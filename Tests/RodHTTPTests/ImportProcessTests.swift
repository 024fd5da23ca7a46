import AsyncHTTPClient
import Foundation
import RodCore
import RodTestSupport
import Testing

/// `rod import` as an operator runs it: the original's SQLite file, then `rod serve` on the same data folder.
extension ServerProcessTests {
    @Test func anImportedDatabaseIsServedToTheBotAndTheWeb() async throws {
        let importer = try RodProcess(["import", OriginalFixture.path("db.sqlite3")])
        #expect(try await importer.waitForExit() == 0, "\(importer.standardError)")
        #expect(importer.standardOutput.contains("characters: 47"))
        let data = ["ROD_DATA_DIR": importer.folder.appendingPathComponent("data").path]
        let again = try RodProcess(["import", OriginalFixture.path("dumpdata.json")], environment: data)
        #expect(try await again.waitForExit() == 1)
        #expect(again.standardError.contains("already holds data") && again.standardError.contains("--replace"))

        let rod = try RodProcess(["serve", "--port", "0"], environment: data)
        let port = try await rod.waitUntilServing()
        let mint = try RodProcess(["session", "mint", "643812623650353347"], environment: data)
        #expect(try await mint.waitForExit() == 0)
        let cookie = mint.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        try await withHTTPClient { client in
            let tracker = try await send(
                client, port: port, .POST, "/bot/character/get", body: Array(#"{"APIKey":"dev-api-key","pk":20}"#.utf8))
            #expect(tracker.status == 200)
            #expect(try JSON.parse(tracker.body)["splat"] == "demon20th")
            let sheet = try await send(client, port: port, .GET, "/api/character/get/v5?id=61", headers: [("Cookie", cookie)])
            #expect(sheet.status == 200)
            #expect(try JSON.parse(sheet.body)["name"] == "Severin Jarrow")
        }
    }
}
