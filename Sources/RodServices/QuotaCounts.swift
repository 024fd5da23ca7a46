import RodChannels
import RodStore
import Synchronization

/// The web API's daily request counts, kept so that a read writes nothing durable.
///
/// - A server alone keeps them in its memory: a user's stored count for the day is read once (the process may have
///   restarted), then each request adds one in memory.
/// - Several processes (with Redis) share one count per user and day in Redis (`RedisCounter`: an atomic addition, the
///   key expiring the day after). A key Redis does not hold yet (the day's first request, or a Redis that lost its
///   data) starts from the stored count. While Redis cannot be reached, each request is counted in the store, durably
///   and atomically, as every process then shares it.
///
/// Either way `flush` writes what this process counted since the last flush, every few seconds (`QuotaFlush`), so the
/// store holds the day's counts within seconds: a crash loses at most the counts since the last flush, never a user's
/// data.
public final class QuotaCounts: Sendable {
    struct Key: Hashable {
        let user: Int64
        let day: Int64

        /// The key's name in Redis.
        var shared: String { "quota:\(day):\(user)" }
    }

    private struct State {
        /// The day's count as the store had it when first read, plus what was counted here since (alone only).
        var counts: [Key: Int] = [:]
        /// Counted here and not written yet.
        var pending: [Key: Int] = [:]
        /// The latest day counted: when it changes, the counts of the days before the day before are forgotten.
        var latestDay: Int64 = .min
    }

    let store: any SessionStore
    /// Where several processes count together; nil for a server alone.
    let shared: RedisCounter?
    private let state = Mutex(State())

    public init(store: any SessionStore, shared: RedisCounter? = nil) {
        self.store = store
        self.shared = shared
    }

    /// Counts one more request of the user on the day and answers the day's count.
    public func count(userID: Int64, day: Int64) async throws -> Int {
        let key = Key(user: userID, day: day)
        guard let shared else {
            try await load(key)
            return state.withLock { state in
                state.counts[key, default: 0] += 1
                state.pending[key, default: 0] += 1
                return state.counts[key, default: 0]
            }
        }
        do {
            let expiresAt = (day + 2) * 86_400
            var count = try await shared.add(1, to: key.shared, expiresAt: expiresAt)
            if count == 1 {
                let earlier = try await store.apiRequests(userID: userID, day: day) + pending(key)
                if earlier > 0 { count = try await shared.add(earlier, to: key.shared, expiresAt: expiresAt) }
            }
            state.withLock { $0.pending[key, default: 0] += 1 }
            return count
        } catch is RedisFailure {
            return try await store.countAPIRequest(userID: userID, day: day) + pending(key)
        }
    }

    /// The user's count of the day so far.
    public func current(userID: Int64, day: Int64) async throws -> Int {
        let key = Key(user: userID, day: day)
        guard let shared else {
            try await load(key)
            return state.withLock { $0.counts[key, default: 0] }
        }
        if let count = try? await shared.value(of: key.shared) { return count }
        return try await store.apiRequests(userID: userID, day: day) + pending(key)
    }

    private func pending(_ key: Key) -> Int { state.withLock { $0.pending[key] ?? 0 } }

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

    /// Forgets the user's counts, written or not, here and in Redis (their erasure): `today`'s and the day before's.
    public func forget(userID: Int64, today: Int64) async {
        state.withLock { state in
            state.counts = state.counts.filter { $0.key.user != userID }
            state.pending = state.pending.filter { $0.key.user != userID }
        }
        try? await shared?.remove([today, today - 1].map { Key(user: userID, day: $0).shared })
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
