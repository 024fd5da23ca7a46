import ArgumentParser
import Foundation
import RodCore
import RodSplats
import RodStore
import RodStoreSQLite

/// What recording characters' history costs on SQLite: saves per second of the real `SQLStore.update` (the character
/// and its history row, one pass on the writer), and of the same UPDATE batched with and without the history's INSERT;
/// then the bytes each save's history row takes. A bot-like save changes two tracker traits of a full Vampire 5th
/// sheet. Prints a Markdown table for docs/performance.md.
struct HistoryBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The cost of characters' history: saves per second with and without it, bytes per save."
    )

    @Option(help: "The splat files.") var splats = "splats"
    @Option(help: "Characters saved in turn.") var characters = 200
    @Option(help: "Saves per measurement.") var saves = 20_000
    @Option(help: "SQLite's synchronous setting: normal or full.") var synchronous = "normal"

    func run() async throws {
        let registry = try Registry.load(directory: splats, modules: splatModules)
        guard let splat = registry.splat("vampire5th"), let mode = SQLiteDatabase.Synchronous(rawValue: synchronous) else {
            throw ValidationError("needs splats/vampire5th.yaml and synchronous normal or full")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("bench.sqlite3").path, synchronous: mode)
        let store = SQLStore(database)
        try await store.migrate()
        var sheets = try await Self.sheets(characters, of: splat, in: store)
        print("Vampire 5th sheets of \(sheets[0].documentBytes) bytes, SQLite synchronous=\(synchronous), \(saves) saves each:")
        print()
        print("| save | saves/s |")
        print("|---|---|")

        // Each save changes two tracker traits of the next sheet in turn.
        var round = 0
        func nextSave() -> (index: Int, next: CharacterRecord) {
            let index = round % sheets.count
            round += 1
            var next = sheets[index]
            next.values["hunger"] = .int(Int64(round % 6))
            next.values["willpower_superficial"] = .int(Int64(round % 4))
            return (index, next)
        }
        // The real path: SQLStore.update, the character and its history row.
        let real = try await Self.rate(saves) {
            let (index, next) = nextSave()
            let change = CharacterChange(
                operation: .update, face: .bot, actorID: 1001, changes: sheets[index].changes(to: next), at: Double(round))
            guard let stored = try await store.update(next, change: change) else { throw ValidationError("a save missed") }
            sheets[index] = stored
        }
        print("| `SQLStore.update`: the character and its history row | \(Int(real)) |")

        // The same UPDATE, batched with the history's INSERT and alone.
        for withHistory in [true, false] {
            let rate = try await Self.rate(saves) {
                var (index, next) = nextSave()
                let traits = JSON.object(JSONObject(next.values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
                var statements: [SQL] = [
                    """
                    UPDATE characters SET traits = \(traits.serializedString()), revision = revision + 1,
                    last_updated = \(Double(round)) WHERE id = \(next.id) AND revision = \(next.revision)
                    """
                ]
                if withHistory {
                    statements.append(
                        """
                        INSERT INTO character_history (character_id, revision, operation, face, actor_id, changes, at)
                        VALUES (\(next.id), \(next.revision + 1), 'update', 'bot', \(Int64(1001)),
                        \(sheets[index].changes(to: next).serializedString()), \(Double(round)))
                        """)
                }
                _ = try await database.writeBatch(statements)
                next.revision += 1
                sheets[index] = next
            }
            print(
                "| the same UPDATE \(withHistory ? "and the history's INSERT, one batch" : "alone, no history") | \(Int(rate)) |")
        }
        try await Self.reportHistory(of: database)
    }

    /// `count` full sheets of `splat`, owned by user 1001.
    static func sheets(_ count: Int, of splat: Splat, in store: SQLStore) async throws -> [CharacterRecord] {
        _ = try await store.ensureUser(id: 1001, now: 0)
        var sheets: [CharacterRecord] = []
        for index in 0..<count {
            var values = splat.defaults()
            values["name"] = .string("Sheet \(index)")
            values["is_sheet"] = true
            let character = CharacterRecord(
                id: 0, splat: splat.slug, userID: 1001, values: values, createdAt: 0, lastUpdated: 0)
            sheets.append(
                try await store.insert(
                    character,
                    change: CharacterChange(operation: .create, face: .bot, actorID: 1001, changes: character.snapshot, at: 0)))
        }
        return sheets
    }

    /// How many history rows the saves wrote, their size, and the database's.
    static func reportHistory(of database: SQLiteDatabase) async throws {
        let rows = try await database.rows(
            "SELECT COUNT(*) AS n, AVG(LENGTH(changes)) AS changes FROM character_history WHERE operation = 'update'")
        let count: Int64 = try rows[0]["n"]
        let average: Double = try rows[0]["changes"]
        let pages: Int64 = try await database.rows("PRAGMA page_count")[0]["page_count"]
        print()
        print(
            "History: \(count) update rows, their `changes` \(String(format: "%.0f", average)) bytes on average; the whole database \(pages * 4096 / 1024) KiB."
        )
    }

    /// Calls per second of `body`, `count` times.
    static func rate(_ count: Int, _ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        for _ in 0..<count { try await body() }
        let elapsed = ContinuousClock.now - start
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
