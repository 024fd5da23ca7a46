/// Serializes work per key inside one process: writes to the same character wait their turn instead of
/// racing and retrying. Writers in other processes are still caught by the revision check.
actor KeyedLocks {
    private var waiters: [Int64: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` once no other holder of `key` is running, in arrival order.
    nonisolated func withLock<T: Sendable, E: Error>(
        _ key: Int64, _ body: () async throws(E) -> T
    ) async throws(E) -> T {
        await acquire(key)
        do {
            let result = try await body()
            await release(key)
            return result
        } catch {
            await release(key)
            throw error
        }
    }

    private func acquire(_ key: Int64) async {
        guard waiters[key] != nil else {
            waiters[key] = []
            return
        }
        await withCheckedContinuation { waiters[key]!.append($0) }
    }

    private func release(_ key: Int64) {
        guard var queue = waiters[key] else { return }
        if queue.isEmpty {
            waiters[key] = nil
        } else {
            let next = queue.removeFirst()
            waiters[key] = queue
            next.resume()
        }
    }
}
