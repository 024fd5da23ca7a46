import Logging
import RodServices
import RodStore
import ServiceLifecycle

/// The server's housekeeping, run in the background while it serves: every `interval`, expired sessions and login
/// states are removed from the store (each anonymous login start writes a state; sessions last two weeks), and every
/// `historyEvery` intervals characters' history is pruned by the retention rule.
struct Maintenance: NamedService {
    let sessions: SessionService
    let interval: Duration
    var history: (retention: HistoryRetention, store: any CharacterStore, media: MediaStore, every: Int)?
    let clock: @Sendable () -> Double
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // The first purge waits an interval: the store may still be migrating when the services start.
            var ticks = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                ticks += 1
                do {
                    try await sessions.purgeExpired()
                } catch {
                    logger.warning("cannot purge expired sessions and login states", metadata: ["error": "\(error)"])
                }
                if let history, ticks % history.every == 1 % history.every {
                    await prune(history.retention, history.store, history.media)
                }
            }
        }
    }

    func prune(_ retention: HistoryRetention, _ store: any CharacterStore, _ media: MediaStore) async {
        do {
            let outcome = try await retention.prune(store, media: media, now: clock(), logger: logger)
            if outcome != HistoryRetention.Outcome() {
                logger.info(
                    "history pruned",
                    metadata: [
                        "characters": "\(outcome.characters)", "rows": "\(outcome.rows)",
                        "deleted_characters": "\(outcome.deletedCharacters)",
                    ])
            }
        } catch {
            logger.warning("cannot prune the history", metadata: ["error": "\(error)"])
        }
    }
}

/// Once the server runs, logs (as a warning) the stored keys no splat declares, so that a trait renamed without
/// `renamed_from` never hides what characters stored in silence.
struct UndeclaredKeysReport: NamedService {
    let migration: SplatMigration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            // After the schema is migrated (the server migrates before it listens).
            try? await Task.sleep(for: .seconds(2))
            guard !Task.isCancelled else { return }
            do {
                for line in SplatMigration.describe(try await migration.undeclaredKeys()) {
                    logger.warning("\(line)")
                }
            } catch {
                logger.warning("cannot list the stored keys no splat declares", metadata: ["error": "\(error)"])
            }
        }
        // A service that returns ends the server's service group: this one waits for the shutdown.
        try? await gracefulShutdown()
    }
}
