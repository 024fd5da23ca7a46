import Logging
import RodTestSupport
import ServiceLifecycle

/// Runs the service while `body` runs, then shuts it down gracefully.
func running(_ service: some Service, logger: Logger, _ body: () async throws -> Void) async throws {
    let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        try await body()
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

/// Waits until `condition` holds, 30 s at most.
func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw SupportError("\(what): not within 30 s") }
        try await Task.sleep(for: .milliseconds(20))
    }
}
