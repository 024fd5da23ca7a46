import Foundation
import Logging
import RodChannels
import RodCore
import RodSplats
import RodStore
import RodStoreSQLite
import Testing

@testable import RodServices

let registry: Registry = {
    let splats = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("splats").path
    do {
        return try Registry.load(directory: splats, modules: splatModules)
    } catch {
        fatalError("splats/ does not load:\n\(error)")
    }
}()

func withService(_ body: (CharacterService) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-service-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = SQLStore(try SQLiteDatabase(path: folder.appendingPathComponent("db.sqlite3").path))
    try await store.migrate()
    let broadcaster = Broadcaster(layer: InProcessChannelLayer(), registry: registry, store: store, logger: Logger(label: "test"))
    let service = CharacterService(
        registry: registry, store: store, media: MediaStore(root: folder.appendingPathComponent("media")),
        broadcaster: broadcaster, logger: Logger(label: "test"))
    try await body(service)
}

@Suite struct CharacterServiceTests {
    static let skills = [
        "athletics", "brawl", "craft", "drive", "firearms", "larceny", "melee", "stealth", "survival", "insight",
    ]

    @Test func concurrentSavesOfOneCharacterNeverLoseAnUpdate() async throws {
        try await withService { service in
            let created = try await service.createForBot(["name": "Vlad", "user": "1001", "splat": "vampire5th"], avatar: nil)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, skill) in Self.skills.enumerated() {
                    group.addTask {
                        let input = JSONObject([("id", .int(created.id)), ("user", "1001"), (skill, .int(Int64(index % 5 + 1)))])
                        _ = try await service.saveForBot(input, avatar: nil)
                    }
                }
                try await group.waitForAll()
            }
            let final = try #require(try await service.store.character(id: created.id))
            for (index, skill) in Self.skills.enumerated() {
                #expect(final.values[skill] == .int(Int64(index % 5 + 1)), "\(skill) was lost")
            }
            #expect(final.revision == Int64(1 + Self.skills.count))
            #expect(try await service.store.history(characterID: created.id).count == 1 + Self.skills.count)
        }
    }

    @Test func concurrentCreationsCannotPassTheCharacterLimitTogether() async throws {
        try await withService { service in
            for index in 0..<49 {
                _ = try await service.createForBot(
                    ["name": .string("C\(index)"), "user": "1001", "splat": "human5th"], avatar: nil)
            }
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<5 {
                    group.addTask {
                        do {
                            _ = try await service.createForBot(
                                ["name": .string("Late \(index)"), "user": "1001", "splat": "human5th"], avatar: nil)
                            return true
                        } catch CharacterWriteError.characterLimit {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await service.store.characterCounts(userID: 1001, chronicleID: nil).total == 50)
        }
    }

    @Test func aSheetBecomingActiveMustFitTheSheetLimit() async throws {
        try await withService { service in
            let now = Date().timeIntervalSince1970
            _ = try await service.store.ensureUser(id: 7, now: now)
            for name in ["A", "B", "C"] {
                var values = registry.splat("human5th")!.defaults()
                values["name"] = .string(name)
                values["is_sheet"] = true
                values["status"] = name == "C" ? 5 : 1
                let sheet = CharacterRecord(id: 0, splat: "human5th", userID: 7, values: values, createdAt: now, lastUpdated: now)
                _ = try await service.store.insert(
                    sheet, change: CharacterChange(operation: .create, face: .web, actorID: 7, changes: nil, at: now))
            }
            let archived = try #require(try await service.store.characters(CharacterQuery(userID: 7, name: "C")).first)
            // Two active sheets fill the base tier; reviving a third is refused with the original's message.
            do {
                _ = try await service.saveForBot(["id": .int(archived.id), "user": "7", "status": 1], avatar: nil)
                Issue.record("reviving a third sheet was accepted")
            } catch let CharacterWriteError.invalid(errors) {
                #expect(
                    errors.messages(for: ValidationErrors.nonField) == [
                        .status(
                            304,
                            "You have 2 active sheets and your current limit is 2.\nTo increase your limit please look at our supporter tiers."
                        )
                    ])
            }
            // Editing an active sheet while at the limit is fine (the original refused it).
            let active = try #require(try await service.store.characters(CharacterQuery(userID: 7, name: "A")).first)
            _ = try await service.saveForBot(["id": .int(active.id), "user": "7", "humanity": 6], avatar: nil)
        }
    }
}
