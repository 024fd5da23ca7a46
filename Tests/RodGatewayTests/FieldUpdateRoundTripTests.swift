import Foundation
import Logging
import RodChannels
import RodCore
import RodServices
import RodStore
import RodStoreSQLite
import RodTestSupport
import Synchronization
import Testing

@testable import RodGateway

/// Counts what reaches the database: each read and each write (a transaction is one write).
final class CountingDatabase: SQLDatabase {
    let base: any SQLDatabase
    private let counts = Mutex((reads: 0, writes: 0))

    init(_ base: any SQLDatabase) { self.base = base }

    var dialect: SQLDialect { base.dialect }
    var reads: Int { counts.withLock { $0.reads } }
    var writes: Int { counts.withLock { $0.writes } }
    func reset() { counts.withLock { $0 = (0, 0) } }

    func read<T>(_ body: (any SQLExecutor) async throws -> T) async throws -> T {
        counts.withLock { $0.reads += 1 }
        return try await base.read(body)
    }

    func rows(_ statement: SQL) async throws -> [SQLRow] {
        counts.withLock { $0.reads += 1 }
        return try await base.rows(statement)
    }

    func write<T>(transaction: Bool, _ body: (any SQLExecutor) async throws -> T) async throws -> T {
        counts.withLock { $0.writes += 1 }
        return try await base.write(transaction: transaction, body)
    }

    func writeBatch(_ statements: [SQL]) async throws -> [[SQLRow]] {
        counts.withLock { $0.writes += 1 }
        return try await base.writeBatch(statements)
    }

    func migrate(_ migrations: [SchemaChange]) async throws { try await base.migrate(migrations) }
    func appliedMigrations() async throws -> [String] { try await base.appliedMigrations() }
    func close() async { await base.close() }
}

/// A server's services over a SQLite store in a new folder whose database counts its calls; the folder is removed
/// afterwards.
struct CountedServer {
    let database: CountingDatabase
    let store: SQLStore
    let layer: InProcessChannelLayer
    let broadcaster: Broadcaster
    let characters: CharacterService
    let logger: Logger

    static func with(_ body: (CountedServer) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rod-counted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = CountingDatabase(try SQLiteDatabase(path: folder.appendingPathComponent("db.sqlite3").path))
        let store = SQLStore(database)
        try await store.migrate()
        var logger = Logger(label: "counted")
        logger.logLevel = .critical
        let layer = InProcessChannelLayer()
        let broadcaster = Broadcaster(layer: layer, registry: registry, store: store, logger: logger)
        let characters = CharacterService(
            registry: registry, store: store, media: MediaStore(root: folder), broadcaster: broadcaster, logger: logger)
        try await body(
            CountedServer(
                database: database, store: store, layer: layer, broadcaster: broadcaster, characters: characters,
                logger: logger))
    }

    /// The gateway's backend, counting the quota in the store unless given counts, checking sessions in the store
    /// unless given the web's sessions.
    func gateway(
        counts: QuotaCounts? = nil, trackerCache: RenderingCache = RenderingCache(), sessions: SessionService? = nil
    ) -> GatewayService {
        GatewayService(
            registry: registry, store: store, characters: characters, quotas: QuotaService(store: store, counts: counts),
            trackerCache: trackerCache, sessions: sessions, logger: logger)
    }
}

/// What one field update costs the store, from the gateway's admission to its write: the figure
/// `docs/performance.md` records. A player's edit of their own character in a chronicle, the common case.
@Suite struct FieldUpdateRoundTripTests {
    @Test func aFieldUpdateReadsOnceOrTwiceAndWritesOnceOrTwice() async throws {
        try await CountedServer.with { server in
            let (database, store) = (server.database, server.store)
            let gateway = server.gateway()

            let user = try await store.ensureUser(id: 1001, now: 0)
            try await store.save(Chronicle(id: 900, name: "Chronicle", ownerID: 1001, createdAt: 0, lastUpdated: 0))
            _ = try await store.ensureMember(chronicleID: 900, userID: 1001, now: 0)
            let session = Session(tokenHash: "token", userID: 1001, csrfToken: "csrf", createdAt: 0, expiresAt: 4e9)
            try await store.save(session)
            let splat = try #require(registry.splat("vampire5th"))
            var values = splat.defaults()
            values["name"] = "Vlad"
            values["is_sheet"] = true
            let character = try await store.insert(
                CharacterRecord(
                    id: 0, splat: splat.slug, userID: 1001, chronicleID: 900, values: values, createdAt: 0, lastUpdated: 0),
                change: CharacterChange(operation: .create, face: .web, actorID: 1001, changes: .null, at: 0))

            database.reset()
            #expect(await gateway.admit(user, session: session) == .admitted)
            let request = FieldUpdateRequest(nonce: 1, characterID: character.id, field: "hunger", revision: 1, edit: .set(2))
            #expect(await gateway.updateField(request, by: user) == .stored(revision: 2, value: 2))
            // Counting in the store (several processes): the session (read), the day's quota (a write), the character
            // with the writer's staff role in its chronicle (one read), and the write with its history row.
            #expect(database.reads == 2)
            #expect(database.writes == 2)

            // A server alone counts the quota in memory and keeps the session read in the last seconds
            // (`SessionCache`): once the user's stored count and the session were read, a field update reads the
            // character and writes it, nothing else.
            let sessions = SessionService(store: store, broadcaster: server.broadcaster, cache: SessionCache(layer: server.layer))
            let alone = server.gateway(counts: QuotaCounts(store: store), sessions: sessions)
            _ = await alone.admit(user, session: session)
            database.reset()
            #expect(await alone.admit(user, session: session) == .admitted)
            let next = FieldUpdateRequest(nonce: 2, characterID: character.id, field: "hunger", revision: 2, edit: .set(3))
            #expect(await alone.updateField(next, by: user) == .stored(revision: 3, value: 3))
            #expect(database.reads == 1)
            #expect(database.writes == 1)
        }
    }

    /// The session kept for a socket's writes is dropped as soon as it ends: the next write is refused.
    @Test func aWriteAfterTheSessionEndedIsRefusedAtOnce() async throws {
        try await CountedServer.with { server in
            let user = try await server.store.ensureUser(id: 1002, now: 0)
            let sessions = SessionService(
                store: server.store, broadcaster: server.broadcaster, cache: SessionCache(layer: server.layer))
            let minted = try await sessions.mint(userID: 1002)
            let session = try #require(try await sessions.authenticate(token: minted.token)).session
            let gateway = server.gateway(counts: QuotaCounts(store: server.store), sessions: sessions)
            #expect(await gateway.admit(user, session: session) == .admitted)
            try await sessions.revoke(token: minted.token)
            #expect(await gateway.admit(user, session: session) == .signedOut)
        }
    }
}
