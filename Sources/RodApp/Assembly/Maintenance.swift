import Logging
import RodServices
import ServiceLifecycle

/// The server's housekeeping, run in the background while it serves: every `interval`, expired sessions and login
/// states are removed from the store (each anonymous login start writes a state; sessions last two weeks).
struct Maintenance: Service {
    let sessions: SessionService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // The first purge waits an interval: the store may still be migrating when the services start.
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                do {
                    try await sessions.purgeExpired()
                } catch {
                    logger.warning("cannot purge expired sessions and login states", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
