import RodStore
import Synchronization

/// The web API's daily request counts of a server that runs alone, kept in its memory so that a read writes nothing
/// durable: a user's stored count for the day is read once (the process may have restarted), then each request adds
/// one in memory, and `flush` writes what was counted since the last flush, every few seconds (`QuotaFlush`). A crash
/// loses at most the counts since the last flush; a user's data is never in them. Several processes share the store's
/// count instead (`QuotaService` without counts): each would otherwise allow the whole quota.
public final class QuotaCounts: Sendable {
    struct Key: Hashable {
        let user: Int64
        let day: Int64
    }

    private struct State {
        /// The day's count as the store had it when first read, plus what was counted here since.
        var counts: [Key: Int] = [:]
        /// Counted here and not written yet.
        var pending: [Key: Int] = [:]
        /// The latest day counted: when it changes, the counts of the days before the day before are forgotten.
        var latestDay: Int64 = .min
    }

    let store: any SessionStore
    private let state = Mutex(State())

    public init(store: any SessionStore) {
        self.store = store
    }

    /// Counts one more request of the user on the day and answers the day's count.
    public func count(userID: Int64, day: Int64) async throws -> Int {
        let key = Key(user: userID, day: day)
        try await load(key)
        return state.withLock { state in
            state.counts[key, default: 0] += 1
            state.pending[key, default: 0] += 1
            return state.counts[key, default: 0]
        }
    }

    /// The user's count of the day so far.
    public func current(userID: Int64, day: Int64) async throws -> Int {
        let key = Key(user: userID, day: day)
        try await load(key)
        return state.withLock { $0.counts[key, default: 0] }
    }

    /// Reads the stored count of a user's day the first time it is needed; the days before the day before are
    /// forgotten.
    private func load(_ key: Key) async throws {
        guard state.withLock({ $0.counts[key] == nil }) else { return }
        let stored = try await store.apiRequests(userID: key.user, day: key.day)
        state.withLock { state in
            guard state.counts[key] == nil else { return }
            state.counts[key] = stored + (state.pending[key] ?? 0)
            if key.day > state.latestDay {
                state.latestDay = key.day
                state.counts = state.counts.filter { $0.key.day >= key.day - 1 }
            }
        }
    }

    /// Forgets the user's counts, written or not (their erasure).
    public func forget(userID: Int64) {
        state.withLock { state in
            state.counts = state.counts.filter { $0.key.user != userID }
            state.pending = state.pending.filter { $0.key.user != userID }
        }
    }

    /// Writes what was counted since the last flush, in one transaction; kept for the next flush when the store
    /// refuses. Answers how many requests were written.
    @discardableResult
    public func flush() async throws -> Int {
        let pending = state.withLock { state in
            defer { state.pending = [:] }
            return state.pending
        }
        guard !pending.isEmpty else { return 0 }
        do {
            try await store.addAPIRequests(pending.map { ($0.key.user, $0.key.day, $0.value) })
        } catch {
            state.withLock { state in
                for (key, count) in pending { state.pending[key, default: 0] += count }
            }
            throw error
        }
        return pending.values.reduce(0, +)
    }
}
