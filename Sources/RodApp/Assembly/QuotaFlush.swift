import Logging
import RodServices
import ServiceLifecycle

/// Writes the web API's request counts kept in memory (`QuotaCounts`) to the store every `interval`, and once more at
/// shutdown, so that a crash loses at most an interval's counts. While the store refuses, the counts are kept and the
/// failure is logged once, not at every interval.
struct QuotaFlush: NamedService {
    let counts: QuotaCounts
    var interval: Duration = .seconds(5)
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var failing = false
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                failing = await flush(failing: failing)
            }
        }
        // The last flush runs even when the server is cancelled rather than shut down gracefully: a task of its own
        // does not inherit the cancellation, and the database refuses a cancelled task's statements.
        _ = await Task { await flush(failing: false) }.value
    }

    /// Flushes; answers whether it failed.
    private func flush(failing: Bool) async -> Bool {
        do {
            try await counts.flush()
            if failing { logger.notice("the day's request counts are written again") }
            return false
        } catch {
            if !failing {
                logger.warning(
                    "cannot write the day's request counts; they are kept until the database takes them",
                    metadata: ["error": "\(error)"])
            }
            return true
        }
    }
}
