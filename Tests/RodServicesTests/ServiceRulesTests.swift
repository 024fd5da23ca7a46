import Foundation
import Logging
import RodChannels
import RodCore
import RodStore
import RodTestSupport
import Testing

@testable import RodServices

/// The services of one store, as the assembly wires them, without HTTP.
struct Services {
    let store: SQLStore
    let characters: CharacterService
    let chronicles: ChronicleService
    let quotas: QuotaService

    static let owner: Int64 = 1001
    static let storyteller: Int64 = 1002
    static let stranger: Int64 = 1003
    static let chronicle: Int64 = 900

    static func with(
        clock: @escaping @Sendable () -> Double = { 1_000_000 }, countsInMemory: Bool = false,
        _ body: (Services) async throws -> Void
    ) async throws {
        try await StoreKind.sqlite.withStore { store in
            var logger = Logger(label: "services")
            logger.logLevel = .critical
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-media-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let broadcaster = Broadcaster(layer: InProcessChannelLayer(), registry: registry, store: store, logger: logger)
            let services = Services(
                store: store,
                characters: CharacterService(
                    registry: registry, store: store, media: MediaStore(root: folder), broadcaster: broadcaster,
                    logger: logger, clock: clock),
                chronicles: ChronicleService(store: store, broadcaster: broadcaster, clock: clock),
                quotas: QuotaService(store: store, counts: countsInMemory ? QuotaCounts(store: store) : nil, clock: clock))
            try await body(services)
        }
    }

    /// The owner's Vampire sheet in the chronicle, where the storyteller runs the game and the stranger is a player.
    func sheet(locked: Bool = false) async throws -> CharacterRecord {
        for id in [Self.owner, Self.storyteller, Self.stranger] { _ = try await store.ensureUser(id: id, now: 0) }
        try await store.save(Chronicle(id: Self.chronicle, name: "Chronicle", createdAt: 0))
        for id in [Self.owner, Self.stranger] {
            _ = try await store.ensureMember(chronicleID: Self.chronicle, userID: id, now: 0)
        }
        var storyteller = try await store.ensureMember(chronicleID: Self.chronicle, userID: Self.storyteller, now: 0)
        storyteller.storyteller = true
        _ = try await store.save(storyteller)
        let splat = try #require(registry.splat("vampire5th"))
        var values = splat.defaults()
        values["name"] = "Vlad"
        values["is_sheet"] = true
        values["st_lock"] = .bool(locked)
        return try await store.insert(
            CharacterRecord(
                id: 0, splat: splat.slug, userID: Self.owner, chronicleID: Self.chronicle, values: values, createdAt: 0,
                lastUpdated: 0),
            change: CharacterChange(operation: .create, face: .web, actorID: Self.owner, changes: .null, at: 0))
    }

    func user(_ id: Int64) async throws -> User { try await store.ensureUser(id: id, now: 0) }

    func update(_ sheet: CharacterRecord, _ input: JSONObject, by id: Int64, revision: Int64? = nil)
        async throws(CharacterWriteError) -> CharacterRecord
    {
        let user: User
        do { user = try await self.user(id) } catch { throw .store("\(error)") }
        return try await characters.updateSheet(
            id: sheet.id, splat: registry.splat("vampire5th")!, input: input, by: user, expectedRevision: revision)
    }
}

/// What the services decide, without HTTP: who may write a character, what the storyteller's lock leaves a player,
/// stale writes, the tiers' limits, the day's quota, default characters. The HTTP tests check how the faces say it.
@Suite struct ServiceRulesTests {
    @Test func theOwnerAndTheChroniclesStaffWriteASheetAndNobodyElse() async throws {
        try await Services.with { services in
            let sheet = try await services.sheet()
            #expect(try await services.update(sheet, ["hunger": 2], by: Services.owner).values["hunger"] == 2)
            #expect(try await services.update(sheet, ["hunger": 3], by: Services.storyteller).values["hunger"] == 3)
            do {
                _ = try await services.update(sheet, ["hunger": 4], by: Services.stranger)
                Issue.record("a stranger wrote the sheet")
            } catch CharacterWriteError.forbidden {
            } catch {
                Issue.record("a stranger's write was refused as \(error), not forbidden")
            }
        }
    }

    @Test func theStorytellersLockLeavesThePlayerTheTrackerAndOnlyStaffLiftIt() async throws {
        try await Services.with { services in
            let sheet = try await services.sheet(locked: true)
            #expect(try await services.update(sheet, ["hunger": 2], by: Services.owner).values["hunger"] == 2)
            for input: JSONObject in [["strength": 3], ["st_lock": false]] {
                do {
                    _ = try await services.update(sheet, input, by: Services.owner)
                    Issue.record("the player wrote \(input) under the lock")
                } catch CharacterWriteError.locked, CharacterWriteError.invalid {
                } catch {
                    Issue.record("\(input) was refused as \(error)")
                }
            }
            #expect(try await services.update(sheet, ["strength": 3], by: Services.storyteller).values["strength"] == 3)
            #expect(try await services.update(sheet, ["st_lock": false], by: Services.storyteller).storytellerLock == false)
        }
    }

    @Test func aWriteMadeAgainstAnOlderRevisionIsStale() async throws {
        try await Services.with { services in
            let sheet = try await services.sheet()
            let saved = try await services.update(sheet, ["hunger": 2], by: Services.owner, revision: sheet.revision)
            do {
                _ = try await services.update(sheet, ["hunger": 3], by: Services.owner, revision: sheet.revision)
                Issue.record("a write on revision \(sheet.revision) applied over \(saved.revision)")
            } catch CharacterWriteError.stale(let current) {
                #expect(current.revision == saved.revision && current.values["hunger"] == 2)
            } catch {
                Issue.record("refused as \(error)")
            }
        }
    }

    @Test func aFieldUpdateOnATrackerIsRefused() async throws {
        try await Services.with { services in
            let tracker = try await services.characters.createForBot(
                ["user": .string(String(Services.owner)), "name": "Tracker", "splat": "vampire5th"], avatar: nil)
            do {
                _ = try await services.characters.updateField(
                    id: tracker.id, field: "hunger", edit: .set(2), revision: tracker.revision,
                    by: try await services.user(Services.owner))
                Issue.record("a tracker took a field update")
            } catch CharacterWriteError.notASheet {
            } catch {
                Issue.record("refused as \(error)")
            }
        }
    }

    @Test func theWebsSheetsStopAtTheTiersLimit() async throws {
        try await Services.with { services in
            let splat = try #require(registry.splat("human5th"))
            var user = try await services.user(Services.owner)
            for name in ["One", "Two"] { _ = try await services.characters.createSheet(splat: splat, name: name, owner: user) }
            do {
                _ = try await services.characters.createSheet(splat: splat, name: "Three", owner: user)
                Issue.record("a third active sheet on the base tier")
            } catch CharacterWriteError.sheetLimit {
            } catch {
                Issue.record("refused as \(error)")
            }
            user.supporter = 1
            #expect(try await services.characters.createSheet(splat: splat, name: "Three", owner: user).name == "Three")
        }
    }

    @Test(arguments: [false, true])
    func theDaysQuotaFollowsTheTierAndEndsAtMidnight(countsInMemory: Bool) async throws {
        // 100 seconds before midnight UTC.
        let now = 86_400.0 * 20_000 - 100
        let clock: @Sendable () -> Double = { now }
        try await Services.with(clock: clock, countsInMemory: countsInMemory) { services in
            let user = try await services.user(Services.owner)
            for _ in 0..<user.tier.dailyRequests { #expect(try await services.quotas.admit(user) == nil) }
            #expect(try await services.quotas.admit(user) == 100)
            var admin = user
            admin.admin = true
            #expect(try await services.quotas.admit(admin) == nil)
        }
    }

    @Test func aLoneServerCountsInMemoryAndWritesTheCountsWhenItFlushes() async throws {
        let day: Int64 = 20_000
        let clock: @Sendable () -> Double = { Double(day) * 86_400 + 60 }
        try await Services.with(clock: clock, countsInMemory: true) { services in
            let user = try await services.user(Services.owner)
            // Counted before this process started (a restart): read once, then counted on.
            for _ in 0..<5 { _ = try await services.store.countAPIRequest(userID: user.id, day: day) }
            let counts = try #require(services.quotas.counts)
            for _ in 0..<3 { #expect(try await services.quotas.admit(user) == nil) }
            #expect(try await services.quotas.used(userID: user.id) == 8)
            // A request writes nothing durable; the flush writes what was counted, once.
            #expect(try await services.store.apiRequests(userID: user.id, day: day) == 5)
            #expect(try await counts.flush() == 3)
            #expect(try await counts.flush() == 0)
            #expect(try await services.store.apiRequests(userID: user.id, day: day) == 8)
            // Another process started after the flush (a restart) goes on from the stored count.
            #expect(try await QuotaCounts(store: services.store).current(userID: user.id, day: day) == 8)
        }
    }

    @Test func aMembersDefaultCharacterMustBeTheirOwn() async throws {
        try await Services.with { services in
            let sheet = try await services.sheet()
            let saved = try await services.chronicles.setDefault(
                chronicleID: Services.chronicle, userID: Services.owner, characterID: sheet.id, autoHunger: true)
            #expect(saved.defaultCharacterID == sheet.id)
            await #expect(throws: CommunityError.self) {
                _ = try await services.chronicles.setDefault(
                    chronicleID: Services.chronicle, userID: Services.stranger, characterID: sheet.id, autoHunger: false)
            }
        }
    }
}
