import Logging
import RodServices
import ServiceLifecycle

/// Writes the web API's request counts kept in memory (`QuotaCounts`) to the store every `interval`, and once more at
/// shutdown, so that a crash loses at most an interval's counts.
struct QuotaFlush: Service {
    let counts: QuotaCounts
    var interval: Duration = .seconds(5)
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await flush()
            }
        }
        await flush()
    }

    private func flush() async {
        do {
            try await counts.flush()
        } catch {
            logger.warning("cannot write the day's request counts; kept for the next try", metadata: ["error": "\(error)"])
        }
    }
}
