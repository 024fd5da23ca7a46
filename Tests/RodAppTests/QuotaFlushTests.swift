import Logging
import RodCore
import RodServices
import RodStore
import RodTestSupport
import ServiceLifecycle
import Testing

@testable import RodApp

/// The counts a lone server keeps in memory reach the store while it runs and when it stops.
@Suite struct QuotaFlushTests {
    @Test func countsAreWrittenEveryIntervalAndAtShutdown() async throws {
        try await StoreKind.sqlite.withStore { store in
            _ = try await store.ensureUser(id: 7, now: 0)
            let counts = QuotaCounts(store: store)
            // Every interval: written by the next flush, not by the count.
            try await running(QuotaFlush(counts: counts, interval: .milliseconds(50), logger: Self.logger), logger: Self.logger) {
                _ = try await counts.count(userID: 7, day: 20_000)
                try await waitUntil("the count written") { try await store.apiRequests(userID: 7, day: 20_000) == 1 }
            }
            // At shutdown: an interval that never comes.
            try await running(QuotaFlush(counts: counts, interval: .seconds(3600), logger: Self.logger), logger: Self.logger) {
                _ = try await counts.count(userID: 7, day: 20_000)
                #expect(try await store.apiRequests(userID: 7, day: 20_000) == 1)
            }
            #expect(try await store.apiRequests(userID: 7, day: 20_000) == 2)
            #expect(try await counts.flush() == 0)
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "quota")
        logger.logLevel = .critical
        return logger
    }
}
