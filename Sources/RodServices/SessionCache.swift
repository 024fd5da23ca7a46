import RodChannels
import RodCore
import Synchronization

/// Web sessions and their users as recently read, so that a page's requests do not read both from the store each
/// time. What would make an entry wrong removes it at once, in every process: a revoked session (`session.end`, which
/// a logout, an erasure or `rod session revoke` sends to the session's group) and a changed user (`UPDATE_USER`, to
/// the user's group) reach the cache as they reach sockets, since it joins both groups for each entry it holds. When
/// the channel layer cannot promise that (Redis away: another process's revocation might not arrive), it is not
/// used, and when the layer lost events, it is emptied. An entry also lasts at most `lifetime` seconds (a change no
/// event announces, like an admin flag set from another machine's command line, is seen within it) and never past
/// its session's expiry.
public final class SessionCache: Sendable {
    private struct Entry {
        let session: Session
        let user: User
        let until: Double
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Counts removals: an entry read from the store while one happened may be stale, and is not kept.
        var generation: UInt64 = 0
    }

    public let lifetime: Double
    public let capacity: Int
    private let layer: any ChannelLayer
    private let state = Mutex(State())
    /// The cache's membership in the channel layer's groups, set once registered.
    private let member = Mutex<GroupRegistry.MemberID?>(nil)

    public init(layer: any ChannelLayer, lifetime: Double = 10, capacity: Int = 10_000) {
        self.layer = layer
        self.lifetime = lifetime
        self.capacity = capacity
        let registered = layer.groups.register { [weak self] message in self?.receive(message) }
        member.withLock { $0 = registered }
    }

    deinit {
        if let member = member.withLock({ $0 }) { layer.groups.unregister(member) }
    }

    /// The groups whose events make an entry wrong.
    private static func groups(of entry: Entry) -> [String] {
        [GatewayGroups.session(entry.session.tokenHash), GatewayGroups.userUpdate(entry.user.id)]
    }

    /// An event of a group the cache joined: the entries it concerns go (all of them when events were lost).
    private func receive(_ message: ChannelMessage) {
        switch message.event {
        case .sessionEnd, .userUpdate, .resync: break
        default: return
        }
        let removed = state.withLock { state -> [Entry] in
            state.generation += 1
            var removed: [Entry] = []
            if case .resync = message.event {
                removed = Array(state.entries.values)
                state.entries = [:]
            } else {
                for (hash, entry) in state.entries where Self.groups(of: entry).contains(message.group) {
                    removed.append(entry)
                    state.entries[hash] = nil
                }
            }
            return removed
        }
        forget(removed)
    }

    /// Leaves the groups of entries no longer kept.
    private func forget(_ entries: [Entry]) {
        guard !entries.isEmpty, let member = member.withLock({ $0 }) else { return }
        layer.groups.leave(member, entries.flatMap(Self.groups))
    }

    /// The session of the token's hash and its user, from the cache when it may be trusted, otherwise from `read`,
    /// kept when nothing was removed meanwhile.
    func lookup(
        tokenHash: String, now: Double, read: () async throws -> (session: Session, user: User)?
    ) async throws -> (session: Session, user: User)? {
        guard layer.problem == nil, let member = member.withLock({ $0 }) else { return try await read() }
        let (cached, expired, generation) = state.withLock { state -> (Entry?, Entry?, UInt64) in
            guard let entry = state.entries[tokenHash] else { return (nil, nil, state.generation) }
            if entry.until > now { return (entry, nil, state.generation) }
            state.entries[tokenHash] = nil
            return (nil, entry, state.generation)
        }
        if let cached { return (cached.session, cached.user) }
        forget(expired.map { [$0] } ?? [])
        guard let found = try await read() else { return nil }
        let entry = Entry(session: found.session, user: found.user, until: min(now + lifetime, found.session.expiresAt))
        let (kept, pruned) = state.withLock { state -> (Bool, [Entry]) in
            guard state.generation == generation else { return (false, []) }
            var pruned: [Entry] = []
            if state.entries.count >= capacity {
                for (hash, old) in state.entries where old.until <= now {
                    pruned.append(old)
                    state.entries[hash] = nil
                }
            }
            guard state.entries.count < capacity, state.entries[tokenHash] == nil else { return (false, pruned) }
            state.entries[tokenHash] = entry
            return (true, pruned)
        }
        forget(pruned)
        if kept { layer.groups.join(member, Self.groups(of: entry)) }
        return found
    }

    /// How many sessions are kept (for tests and diagnostics).
    public var count: Int { state.withLock { $0.entries.count } }
}
