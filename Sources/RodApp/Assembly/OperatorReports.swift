import Logging
import RodHTTP
import RodServices
import ServiceLifecycle

/// Sends the operators' Discord reports while the server runs (`DiscordReporter.run`).
struct ReporterService: NamedService {
    let reporter: DiscordReporter

    func run() async throws {
        await cancelWhenGracefulShutdown { await reporter.run() }
    }
}

/// Watches what the server depends on, the database and (when configured) Redis, and tells the operators once when
/// one becomes unavailable and once when it is back: a line in the log and a report to Discord.
struct AvailabilityWatch: NamedService {
    struct Check: Sendable {
        /// What is checked, as a report names it: `The database`.
        let name: String
        /// Nil when it answers, else why not.
        let problem: @Sendable () async -> String?
    }

    let checks: [Check]
    let interval: Duration
    let reporter: DiscordReporter
    let logger: Logger

    /// The checks of a serving process, every ten seconds.
    static func serving(_ assembly: Assembly) -> AvailabilityWatch {
        let (store, channels) = (assembly.store, assembly.services.channels)
        var checks = [
            Check(name: "The database") { await ObservabilityRoutes.storeProblem(store, within: .seconds(2)) }
        ]
        if assembly.configuration.channels.redis != nil {
            checks.append(Check(name: "Redis") { channels.problem })
        }
        return AvailabilityWatch(
            checks: checks, interval: .seconds(10), reporter: assembly.services.reporter, logger: assembly.logger)
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { await watch() }
    }

    /// Checks every `interval`, the first time one interval after the start: the channel layer subscribes to Redis
    /// as the server starts, and is not unavailable meanwhile.
    func watch() async {
        var since: [String: ContinuousClock.Instant] = [:]
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            for check in checks where !Task.isCancelled {
                let problem = await check.problem()
                switch (problem, since[check.name]) {
                case (let problem?, nil):
                    since[check.name] = .now
                    logger.warning("unavailable", metadata: ["what": "\(check.name)", "error": "\(problem)"])
                    reporter.report("\(check.name) is unavailable: \(problem)")
                case (nil, let start?):
                    since[check.name] = nil
                    let seconds = Int((ContinuousClock.now - start) / .seconds(1))
                    logger.notice("available again", metadata: ["what": "\(check.name)", "after_s": "\(seconds)"])
                    reporter.report("\(check.name) is back, after about \(seconds) s")
                default:
                    break
                }
            }
        }
    }
}
