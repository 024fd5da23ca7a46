import RodCore

/// Patreon's deliveries and the events they carried.
extension SQLStore {
    public func record(_ event: PatreonEvent) async throws {
        try await execute(.insert(into: "patreon_events", try SQLRecord(event)))
    }

    public func patreonEvents() async throws -> [PatreonEvent] {
        try await records("SELECT * FROM patreon_events ORDER BY id")
    }

    public func patreonDeliveryExists(hash: String) async throws -> Bool {
        try await database.read { db in
            try await db.row("SELECT 1 FROM patreon_events WHERE delivery_hash = \(hash) LIMIT 1") != nil
        }
    }

    public func lastAppliedPatreonEvent(patron: String) async throws -> PatreonEvent? {
        try await record(
            """
            SELECT * FROM patreon_events WHERE patron = \(patron) AND outcome = 'applied'
            ORDER BY event_time DESC NULLS LAST, id DESC LIMIT 1
            """)
    }
}
