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
    ///
    /// The lease runs in a task of its own and hands the connection over, so that a wait that ends first returns at
    /// once, whatever the pool then does with the cancelled request; a connection that arrives after that is given
    /// back untouched. `body` runs in the caller's task.
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        guard waiting.enter(limit: endpoint.maximumWaiting) else {
            throw unavailable("\(endpoint.maximumWaiting) requests are already waiting for a connection")
        }
        let asked = ContinuousClock.now
        let handoff = ConnectionHandoff()
        let client = client
        let leasing = Task {
            do {
                try await client.withConnection { connection in try await handoff.lend(connection) }
            } catch {
                handoff.fail(error)
            }
        }
        let wait = endpoint.wait
        let timer = Task {
            try? await Task.sleep(for: wait)
            if !Task.isCancelled { handoff.expire() }
        }
        let connection: PostgresConnection
        do {
            connection = try await withTaskCancellationHandler {
                try await handoff.connection()
            } onCancel: {
                handoff.fail(CancellationError())
            }
        } catch {
            waiting.leave()
            timer.cancel()
            leasing.cancel()
            if error is WaitExpired { throw unavailable("no connection to PostgreSQL within \(wait)") }
            throw error
        }
        waiting.leave()
        timer.cancel()
        defer { handoff.giveBack() }
        let value = try await body(connection)
        waiting.recovered(asked: asked, logger: logger)
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

    /// A call asked at `asked` succeeded: ends the outage, if one was in progress and the call began after it (a
    /// call already under way when the server went away proves nothing).
    func recovered(asked: ContinuousClock.Instant, logger: Logger) {
        guard down.load(ordering: .relaxed) else { return }
        let started = since.withLock { since -> ContinuousClock.Instant? in
            guard let started = since, started < asked else { return nil }
            since = nil
            return started
        }
        guard let started else { return }
        down.store(false, ordering: .relaxed)
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        logger.warning("PostgreSQL available again", metadata: ["outage_seconds": "\((seconds * 10).rounded() / 10)"])
    }
}

/// A connection passed from the task that leases it to the call that uses it. Whichever comes first of the
/// connection, the deadline (`expire`) and a failure (`fail`) decides: a connection that comes after the deadline is
/// given back at once; one that was handed over is given back when the call is done (`giveBack`), which ends the
/// lease.
final class ConnectionHandoff: Sendable {
    private enum State {
        case waiting
        /// The call waits for the connection.
        case asked(CheckedContinuation<PostgresConnection, any Error>)
        /// The connection came before the call asked.
        case lent(PostgresConnection, release: CheckedContinuation<Void, any Error>)
        /// The call has the connection; the lease ends when it gives it back.
        case inUse(release: CheckedContinuation<Void, any Error>)
        case ended(any Error)
        case returned
    }

    private let state = Mutex(State.waiting)

    /// The lease's side: hands the connection over and holds the lease until it is given back. Throws (giving it
    /// back at once) when the call no longer wants it.
    func lend(_ connection: PostgresConnection) async throws {
        try await withCheckedThrowingContinuation { (release: CheckedContinuation<Void, any Error>) in
            let asked = state.withLock { state -> Result<CheckedContinuation<PostgresConnection, any Error>?, any Error> in
                switch state {
                case .waiting:
                    state = .lent(connection, release: release)
                    return .success(nil)
                case .asked(let call):
                    state = .inUse(release: release)
                    return .success(call)
                case .ended(let error): return .failure(error)
                case .lent, .inUse, .returned: return .failure(CancellationError())
                }
            }
            switch asked {
            case .success(let call): call?.resume(returning: connection)
            case .failure(let error): release.resume(throwing: error)
            }
        }
    }

    /// The call's side: the connection, or why there is none.
    func connection() async throws -> PostgresConnection {
        try await withCheckedThrowingContinuation { (call: CheckedContinuation<PostgresConnection, any Error>) in
            let outcome = state.withLock { state -> Result<PostgresConnection, any Error>? in
                switch state {
                case .waiting:
                    state = .asked(call)
                    return nil
                case .lent(let connection, let release):
                    state = .inUse(release: release)
                    return .success(connection)
                case .ended(let error): return .failure(error)
                case .asked, .inUse, .returned: return .failure(CancellationError())
                }
            }
            if let outcome { call.resume(with: outcome) }
        }
    }

    /// The wait is over: a call still waiting fails with `WaitExpired`.
    func expire() { fail(WaitExpired()) }

    /// Ends the wait with `error`, unless the connection was already handed over.
    func fail(_ error: any Error) {
        let call = state.withLock { state -> CheckedContinuation<PostgresConnection, any Error>? in
            switch state {
            case .waiting:
                state = .ended(error)
                return nil
            case .asked(let call):
                state = .ended(error)
                return call
            case .lent, .inUse, .ended, .returned: return nil
            }
        }
        call?.resume(throwing: error)
    }

    /// The call is done with the connection: the lease ends.
    func giveBack() {
        let release = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard case .inUse(let release) = state else { return nil }
            state = .returned
            return release
        }
        release?.resume()
    }
}

struct WaitExpired: Error {}
