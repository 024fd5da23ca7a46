import Foundation
import Metrics
import RodCore

/// The store, written once for every engine: each domain step is SQL both engines take, run through the engine's
/// `SQLDatabase` (`RodStoreSQLite`, `RodStorePostgres`). Where the engines really differ, `SQLDialect` says how.
/// The conformance tests (`Tests/RodStoreTests`) run against both engines.
public final class SQLStore: Store {
    public let database: any SQLDatabase
    var dialect: SQLDialect { database.dialect }

    public init(_ database: any SQLDatabase) {
        self.database = database
    }

    public func migrate() async throws { try await database.migrate(StoreSchema.migrations) }
    public func appliedMigrations() async throws -> [String] { try await database.appliedMigrations() }
    public func close() async { await database.close() }

    public func ping() async throws {
        _ = try await database.read { db in try await db.execute("SELECT 1") }
    }

    /// Reads one record, or nil.
    func record<T: Decodable>(_ statement: SQL, as type: T.Type = T.self) async throws -> T? {
        try await database.rows(statement).first?.decode(T.self)
    }

    /// Reads every matching record.
    func records<T: Decodable>(_ statement: SQL, as type: T.Type = T.self) async throws -> [T] {
        try await database.rows(statement).map { try $0.decode(T.self) }
    }

    /// Runs one write statement and returns how many rows it changed.
    @discardableResult
    func execute(_ statement: SQL) async throws -> Int {
        try await database.write(transaction: false) { db in try await db.execute(statement) }
    }

    /// Runs `body`, its errors as the store's (the methods whose callers switch on them).
    static func mapping<T>(_ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch {
            throw StoreError(error)
        }
    }
}

/// How long reads and writes take, per engine: `rod_store_duration_seconds{engine, access}` in /metrics. Made when
/// an engine opens, after `rod serve` has chosen its metrics backend.
public struct StoreTimers: Sendable {
    public let read: Metrics.Timer
    public let write: Metrics.Timer

    public init(engine: SQLDialect.Engine) {
        read = Metrics.Timer(label: "rod_store_duration_seconds", dimensions: [("engine", engine.rawValue), ("access", "read")])
        write = Metrics.Timer(
            label: "rod_store_duration_seconds", dimensions: [("engine", engine.rawValue), ("access", "write")])
    }

    /// Times `body` as a read or a write.
    public func time<T>(write: Bool, _ body: () async throws -> T) async rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let elapsed = Int64(DispatchTime.now().uptimeNanoseconds - start)
            (write ? self.write : read).recordNanoseconds(elapsed)
        }
        return try await body()
    }
}
