import Logging
import PostgresNIO
import RodStore
import Synchronization

/// How long a call may wait for PostgreSQL. postgres-nio's pool holds a request for a connection until one is free,
/// however long that takes: while the server is away, every request would wait for the whole outage and be applied
/// after its client gave up. Here a call waits at most `Endpoint.wait`, and at most `Endpoint.maximumWaiting` calls
/// wait at once; past either it fails with `StoreError.unavailable` before anything reached the server, so a request
/// answered 503 is never applied later. A call that holds a connection is not cut short: its statements are already
/// on their way, and cancelling them could not say whether they committed.
extension PostgresDatabase {
    /// Leases a connection within the wait and runs `body` on it.
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard waiting.enter(limit: endpoint.maximumWaiting) else {
            throw unavailable("\(endpoint.maximumWaiting) requests are already waiting for a connection")
        }
        let lease = LeaseRace()
        defer { if lease.settle() { waiting.leave() } }
        let result = ResultSlot<T>()
        let client = client
        let wait = endpoint.wait
        let waiting = waiting
        let logger = logger
        do {
            // The body runs in a child task so that the lease can be cancelled when the wait ends first; the group
            // awaits it before returning, so it does not outlive this call.
            try await withoutActuallyEscaping(body) { body in
                nonisolated(unsafe) let body = body
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        try await client.withConnection { connection in
                            // Lost the race to the deadline: give the connection back untouched.
                            guard lease.claim() else { throw CancellationError() }
                            waiting.leave()
                            waiting.recovered(logger: logger)
                            result.value = try await body(connection)
                        }
                        return true
                    }
                    group.addTask {
                        try? await Task.sleep(for: wait)
                        if !Task.isCancelled, lease.expire() { throw WaitExpired() }
                        return false
                    }
                    while let bodyFinished = try await group.next() {
                        if bodyFinished {
                            group.cancelAll()
                            return
                        }
                    }
                }
            }
        } catch is WaitExpired {
            waiting.leave()
            throw unavailable("no connection to PostgreSQL within \(wait)")
        }
        guard let value = result.value else { throw CancellationError() }
        return value
    }

    /// `StoreError.unavailable`, noting the outage (logged once, at its start).
    func unavailable(_ reason: String) -> StoreError {
        waiting.failed(reason, logger: logger, endpoint: endpoint)
        let seconds = endpoint.wait.components.seconds + (endpoint.wait.components.attoseconds > 0 ? 1 : 0)
        return .unavailable(retryAfter: max(1, Int(seconds)))
    }
}

/// The calls waiting for a connection, and the outage in progress: logged at `error` when it starts and at `warning`
/// when a connection is leased again, with how long it lasted, so that an outage is two lines however many requests
/// it failed.
final class ConnectionWait: Sendable {
    private let count = Atomic<Int>(0)
    private let down = Atomic<Bool>(false)
    private let since = Mutex<ContinuousClock.Instant?>(nil)

    /// Counts a call in; false when `limit` calls are already waiting.
    func enter(limit: Int) -> Bool {
        if count.wrappingAdd(1, ordering: .relaxed).newValue > limit {
            count.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func leave() { count.wrappingSubtract(1, ordering: .relaxed) }

    /// Calls waiting now.
    var current: Int { count.load(ordering: .relaxed) }

    /// Whether an outage is in progress.
    var isDown: Bool { down.load(ordering: .relaxed) }

    func failed(_ reason: String, logger: Logger, endpoint: PostgresDatabase.Endpoint) {
        let started = since.withLock { since in
            guard since == nil else { return false }
            since = .now
            return true
        }
        guard started else { return }
        down.store(true, ordering: .relaxed)
        logger.error(
            "PostgreSQL unavailable: requests answer 503 until it returns",
            metadata: [
                "database": "\(endpoint.description)", "reason": "\(reason)", "wait": "\(endpoint.wait)",
                "max_waiting": "\(endpoint.maximumWaiting)",
            ])
    }

    /// A connection was leased: ends the outage, if one was in progress.
    func recovered(logger: Logger) {
        guard down.load(ordering: .relaxed) else { return }
        let started = since.withLock { since in
            defer { since = nil }
            return since
        }
        down.store(false, ordering: .relaxed)
        guard let started else { return }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        logger.warning("PostgreSQL available again", metadata: ["outage_seconds": "\((seconds * 10).rounded() / 10)"])
    }
}

/// Who ended a call's wait for a connection: the lease, the deadline, or the call itself (failing before either).
/// Exactly one of `claim`, `expire` and `settle` wins; the waiting count is left by the winner.
final class LeaseRace: Sendable {
    private static let waiting = 0, leased = 1, expired = 2, settled = 3
    private let state = Atomic<Int>(LeaseRace.waiting)

    func claim() -> Bool { take(Self.leased) }
    func expire() -> Bool { take(Self.expired) }
    /// At the end of the call: true when neither the lease nor the deadline settled it (the lease failed).
    func settle() -> Bool { take(Self.settled) }

    private func take(_ outcome: Int) -> Bool {
        state.compareExchange(expected: Self.waiting, desired: outcome, ordering: .acquiringAndReleasing).exchanged
    }
}

/// The body's result, written by the child task that ran it and read after the group has ended.
final class ResultSlot<T>: @unchecked Sendable {
    var value: T?
}

struct WaitExpired: Error {}
