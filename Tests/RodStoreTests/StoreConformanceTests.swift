import Foundation
import GRDB
import Logging
import RodTestSupport
import Testing

@testable import RodCore
@testable import RodStore
@testable import RodStoreSQLite

func change(_ operation: CharacterChange.Operation = .update, at: Double = 100, actor: Int64? = 1) -> CharacterChange {
    CharacterChange(operation: operation, face: .bot, actorID: actor, changes: ["hunger": [1, 2]], at: at)
}

func draft(_ name: String, user: Int64 = 1, splat: String = "vampire5th", values: [String: JSON] = [:]) -> CharacterRecord {
    var document: [String: JSON] = ["name": .string(name), "hunger": 1, "disciplines": ["Auspex": ["value": 2]]]
    for (key, value) in values { document[key] = value }
    return CharacterRecord(id: 0, splat: splat, userID: user, values: document, createdAt: 0, lastUpdated: 0)
}

@Suite struct StoreConformanceTests {
    /// Says in the test report when the PostgreSQL half of this suite did not run, and why.
    @Test(.enabled(if: TestPostgres.isConfigured, Comment(rawValue: TestPostgres.skipReason)))
    func postgresqlConformanceRuns() async throws {
        try await withPostgresStore { store in
            let applied = try await store.appliedMigrations()
            #expect(applied == StoreSchema.migrations.map(\.name))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentUpdatesOfOneRevisionApplyExactlyOnce(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            let first = try await store.insert(draft("Vlad"), change: change(.create))
            let applied = try await withThrowingTaskGroup(of: Bool.self) { group in
                for hunger in 0..<8 {
                    var edit = first
                    edit.values["hunger"] = .int(Int64(hunger))
                    group.addTask { try await store.update(edit, change: change()) != nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(applied == 1)
            #expect(try await store.character(id: first.id)?.revision == 2)
            #expect(try await store.history(characterID: first.id).map(\.revision) == [1, 2])
        }
    }

    /// A stamp says what the reads decide on without the document, the same on both engines (`is_sheet` is an integer on
    /// one, a boolean on the other).
    @Test(arguments: StoreKind.allCases)
    func stampsCarryWhatReadsDecideOn(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            let sheet = try await store.insert(draft("Sheet", values: ["is_sheet": true]), change: change(.create, at: 5))
            let tracker = try await store.insert(draft("Tracker"), change: change(.create, at: 6))
            let stamps = try await store.characterStamps(CharacterQuery(ids: [sheet.id, tracker.id]))
            #expect(
                stamps == [
                    CharacterStamp(
                        id: sheet.id, userID: 1, chronicleID: nil, splat: "vampire5th", revision: 1, lastUpdated: 5,
                        isSheet: true),
                    CharacterStamp(
                        id: tracker.id, userID: 1, chronicleID: nil, splat: "vampire5th", revision: 1, lastUpdated: 6,
                        isSheet: false),
                ])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func migratingTwiceChangesNothing(kind: StoreKind) async throws {
        try await kind.withStore { store in
            // What the store holds when a deploy migrates it again: the data, the migrations applied, the rows of every
            // table (the schema itself is compared in SchemaTests).
            _ = try await store.ensureUser(id: 1, now: 0)
            let vlad = try await store.insert(draft("Vlad"), change: change(.create))
            let applied = try await store.appliedMigrations()
            let counts = try await store.rowCounts()
            try await store.migrate()
            try await store.migrate()
            #expect(try await store.appliedMigrations() == applied && applied == StoreSchema.migrations.map(\.name))
            #expect(try await store.rowCounts() == counts && counts["characters"] == 1)
            #expect(try await store.character(id: vlad.id) == vlad)
        }
    }

    /// A write reads its character with the writer's role in its chronicle, in one read.
    @Test(arguments: StoreKind.allCases)
    func aCharacterIsReadWithWhetherTheViewerRunsItsChronicle(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for id: Int64 in [1, 2, 3] { _ = try await store.ensureUser(id: id, now: 0) }
            try await store.save(Chronicle(id: 900, name: "Chronicle", createdAt: 0))
            var member = try await store.ensureMember(chronicleID: 900, userID: 2, now: 0)
            var inChronicle = draft("In")
            inChronicle.chronicleID = 900
            let character = try await store.insert(inChronicle, change: change(.create))
            let alone = try await store.insert(draft("Alone"), change: change(.create))
            #expect(try await store.character(id: character.id, viewer: 2)?.viewerIsStaff == false)
            member.storyteller = true
            _ = try await store.save(member)
            let read = try await store.character(id: character.id, viewer: 2)
            #expect(read?.character == character && read?.viewerIsStaff == true)
            #expect(try await store.character(id: character.id, viewer: 3)?.viewerIsStaff == false)
            #expect(try await store.character(id: alone.id, viewer: 2)?.viewerIsStaff == false)
            #expect(try await store.character(id: 9_999, viewer: 2) == nil)
        }
    }

    /// Issue 27: the room a tier gives is the store's to hold. Twelve creations at once for a user with room for five
    /// more: exactly five are written (PostgreSQL on a connection each), the others refused with `noRoom`; an active
    /// sheet also meets the sheets' limit, a tracker does not.
    @Test(arguments: StoreKind.allCases)
    func concurrentCreationsStopAtTheUsersRoom(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            _ = try await store.insert(draft("First"), change: change(.create))
            let room = CharacterRoom(characters: 6)
            let written = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await store.insert(draft("Racer \(index)"), change: change(.create), room: room)
                            return true
                        } catch StoreError.noRoom {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(written == 5)
            #expect(try await store.characterCounts(userID: 1, chronicleID: nil).total == 6)
            // Characters of every status count; active sheets have a limit of their own.
            let sheets = CharacterRoom(characters: 100, activeSheets: 1)
            var sheet = draft("Sheet", values: ["is_sheet": true, "status": 3])
            _ = try await store.insert(sheet, change: change(.create), room: sheets)
            sheet.values["name"] = "Second sheet"
            await #expect(throws: StoreError.noRoom) { try await store.insert(sheet, change: change(.create), room: sheets) }
            #expect(try await store.insert(draft("Tracker"), change: change(.create), room: sheets).id > 0)
            #expect(try await store.characterCounts(userID: 1, chronicleID: nil).total == 8)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func usersAreCreatedOnceAndUpdated(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stub = try await store.ensureUser(id: 42, now: 10)
            #expect(stub == User(id: 42, createdAt: 10))
            #expect(try await store.ensureUser(id: 42, now: 99).createdAt == 10)
            var user = stub
            user.username = "mirai"
            user.supporter = 3
            user.email = "m@example.com"
            try await store.save(user)
            #expect(try await store.user(id: 42) == user)
            _ = try await store.ensureUser(id: 7, now: 0)
            #expect(try await store.supporters() == [Supporter(userID: 42, level: 3)])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func membershipsNeedAnExistingChronicle(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            await #expect(throws: StoreError.missingReference) {
                try await store.ensureMember(chronicleID: 77, userID: 1, now: 0)
            }
            try await store.save(Chronicle(id: 77, name: "Camarilla", createdAt: 0))
            let member = try await store.ensureMember(chronicleID: 77, userID: 1, now: 5)
            #expect(member.chronicleID == 77 && member.userID == 1 && !member.isStaff)
            #expect(try await store.ensureMember(chronicleID: 77, userID: 1, now: 6).id == member.id)
            var staff = member
            staff.storyteller = true
            _ = try await store.save(staff)
            #expect(try await store.members(userID: 1).map(\.isStaff) == [true])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func charactersRoundTripTheirDocument(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            let stored = try await store.insert(
                draft("Vlad", values: ["theme": "#fff", "exp_total": 5, "is_sheet": true]), change: change(.create))
            #expect(stored.id > 0)
            #expect(stored.revision == 1)
            #expect(stored.createdAt == 100)
            let read = try #require(try await store.character(id: stored.id))
            #expect(read == stored)
            #expect(read.values["disciplines"]?.objectValue?.keys == ["Auspex"])
            #expect(read.isSheet)
            #expect(read.values["exp_total"] == 5)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func namesAreUniquePerUserRegardlessOfCase(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            _ = try await store.ensureUser(id: 2, now: 0)
            _ = try await store.insert(draft("Élise"), change: change(.create))
            await #expect(throws: StoreError.duplicateName) { try await store.insert(draft("éLISE"), change: change(.create)) }
            _ = try await store.insert(draft("Élise", user: 2), change: change(.create))
            #expect(try await store.characters(CharacterQuery(userID: 1, name: "ÉLISE")).count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anUpdateAppliesOnlyOnTheRevisionItRead(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            let first = try await store.insert(draft("Vlad"), change: change(.create))
            var edit = first
            edit.values["hunger"] = 3
            let second = try #require(try await store.update(edit, change: change(at: 200)))
            #expect(second.revision == 2)
            #expect(second.lastUpdated == 200)

            var stale = first
            stale.values["hunger"] = 5
            #expect(try await store.update(stale, change: change()) == nil)
            #expect(try await store.character(id: first.id)?.values["hunger"] == 3)
            #expect(try await store.character(id: first.id)?.revision == 2)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func historyRecordsEveryChangeAndOutlivesTheCharacter(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            let first = try await store.insert(draft("Vlad"), change: change(.create, at: 1))
            var edit = first
            edit.values["hunger"] = 2
            _ = try await store.update(edit, change: change(at: 2))
            let deleted = try await store.deleteCharacters(ids: [first.id, 999], change: change(.delete, at: 3, actor: nil))
            #expect(deleted.map(\.name) == ["Vlad"])
            #expect(try await store.character(id: first.id) == nil)
            let history = try await store.history(characterID: first.id)
            #expect(history.map(\.revision) == [1, 2, 3])
            #expect(history.map(\.change.operation) == [.create, .update, .delete])
            #expect(history[1].change.changes == ["hunger": [1, 2]])
            #expect(history[2].change.changes["hunger"] == 2)
            #expect(history[2].change.actorID == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func queriesFilterAndCount(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            try await store.save(Chronicle(id: 9, name: "Anarchs", createdAt: 0))
            let member = try await store.ensureMember(chronicleID: 9, userID: 1, now: 0)
            var inChronicle = draft("A", values: ["is_sheet": true])
            inChronicle.chronicleID = 9
            inChronicle.memberID = member.id
            _ = try await store.insert(inChronicle, change: change(.create))
            _ = try await store.insert(draft("B", values: ["is_sheet": true, "status": 5]), change: change(.create))
            _ = try await store.insert(draft("C", splat: "mage20th"), change: change(.create))

            #expect(try await store.characterSummaries(CharacterQuery(userID: 1)).map(\.name) == ["A", "B", "C"])
            #expect(try await store.characterSummaries(CharacterQuery(userID: 1, chronicle: .none)).map(\.name) == ["B", "C"])
            #expect(try await store.characterSummaries(CharacterQuery(userID: 1, chronicle: .id(9))).map(\.name) == ["A"])
            #expect(
                try await store.characterSummaries(CharacterQuery(userID: 1, splats: ["mage20th"])).map(\.splat) == ["mage20th"])
            #expect(try await store.characterSummaries(CharacterQuery(userID: 1, splats: [])).isEmpty)
            #expect(try await store.characterSummaries(CharacterQuery(userID: 1, isSheet: true, limit: 1)).map(\.name) == ["A"])
            #expect(
                try await store.characterCounts(userID: 1, chronicleID: nil)
                    == CharacterCounts(sheets: 2, trackers: 1, activeSheets: 1))
            #expect(
                try await store.characterCounts(userID: 1, chronicleID: 9)
                    == CharacterCounts(sheets: 1, trackers: 0, activeSheets: 1))
            #expect(try await store.characterCounts(userID: 2, chronicleID: nil) == CharacterCounts())
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deletingACharacterClearsMemberDefaults(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ensureUser(id: 1, now: 0)
            try await store.save(Chronicle(id: 9, name: "Anarchs", createdAt: 0))
            let character = try await store.insert(draft("A"), change: change(.create))
            var member = try await store.ensureMember(chronicleID: 9, userID: 1, now: 0)
            member.defaultCharacterID = character.id
            _ = try await store.save(member)
            _ = try await store.deleteCharacters(ids: [character.id], change: change(.delete))
            #expect(try await store.member(chronicleID: 9, userID: 1)?.defaultCharacterID == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aCharacterOfAnUnknownUserIsRefused(kind: StoreKind) async throws {
        try await kind.withStore { store in
            await #expect(throws: StoreError.missingReference) {
                try await store.insert(draft("Orphan", user: 404), change: change(.create))
            }
        }
    }
}

@Suite struct SQLiteStoreTests {
    @Test(arguments: SQLiteDatabase.Synchronous.allCases)
    func opensInWALModeWithTheConfiguredSynchronousSetting(setting: SQLiteDatabase.Synchronous) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("db.sqlite3").path, synchronous: setting)
        let store = SQLStore(database)
        try await store.migrate()
        let (mode, synchronous, foreignKeys) = try await database.pool.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode")!, try Int.fetchOne(db, sql: "PRAGMA synchronous")!,
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys")!
            )
        }
        #expect(mode == "wal")
        #expect(synchronous == (setting == .normal ? 1 : 2))
        #expect(foreignKeys == 1)
        #expect(
            try await store.appliedMigrations() == [
                "1-users-chronicles-characters", "2-bots-roles-stats-initiative", "3-sessions-quotas-patreon",
                "4-patreon-deliveries", "5-history-restores", "6-user-preferences", "7-deleted-character-avatars",
            ])
    }

    @Test func keepsTraitsOutsideTheColumnsInTheDocument() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("db.sqlite3").path)
        let store = SQLStore(database)
        try await store.migrate()
        _ = try await store.ensureUser(id: 1, now: 0)
        let stored = try await store.insert(draft("Vlad", values: ["theme": "#abc"]), change: change(.create))
        let (name, theme, document) = try await database.pool.read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT name, theme, traits FROM characters WHERE id = ?", arguments: [stored.id])!
            return (row[0] as String, row[1] as String, row[2] as String)
        }
        #expect(name == "Vlad")
        #expect(theme == "#abc")
        let parsed = try JSON.parse(document)
        #expect(parsed["name"] == nil)
        #expect(parsed["hunger"] == 1)
    }
}
