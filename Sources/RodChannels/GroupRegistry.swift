import Synchronization

/// This process's side of the channel layer: which connections belong to which groups, and delivery to them.
///
/// A connection registers an inbox, then joins and leaves groups as the original's consumer does
/// (`characterUpdate_<id>`, `memberNew`, ...). `deliver` hands a message to the inbox of every member of its group;
/// inboxes must not block (they enqueue), so one event reaches a thousand sockets in one pass.
public final class GroupRegistry: Sendable {
    /// Identifies one registered connection.
    public struct MemberID: Hashable, Sendable, CustomStringConvertible {
        let value: UInt64
        public var description: String { String(value) }
    }

    public typealias Inbox = @Sendable (ChannelMessage) -> Void

    private struct State {
        var next: UInt64 = 1
        var inboxes: [UInt64: Inbox] = [:]
        var members: [String: Set<UInt64>] = [:]
        var groupsOf: [UInt64: Set<String>] = [:]
        /// Members that receive every message whatever its group, while they build their initial state.
        var watchingAll: Set<UInt64> = []
    }

    private let state = Mutex(State())

    public init() {}

    public func register(_ inbox: @escaping Inbox) -> MemberID {
        state.withLock { state in
            let id = state.next
            state.next += 1
            state.inboxes[id] = inbox
            return MemberID(value: id)
        }
    }

    /// Removes a connection from every group.
    public func unregister(_ member: MemberID) {
        state.withLock { state in
            state.inboxes[member.value] = nil
            state.watchingAll.remove(member.value)
            for group in state.groupsOf.removeValue(forKey: member.value) ?? [] {
                state.members[group]?.remove(member.value)
                if state.members[group]?.isEmpty == true { state.members[group] = nil }
            }
        }
    }

    public func join(_ member: MemberID, _ groups: some Sequence<String>) {
        state.withLock { state in
            guard state.inboxes[member.value] != nil else { return }
            for group in groups {
                state.members[group, default: []].insert(member.value)
                state.groupsOf[member.value, default: []].insert(group)
            }
        }
    }

    public func leave(_ member: MemberID, _ groups: some Sequence<String>) {
        state.withLock { state in
            for group in groups {
                state.members[group]?.remove(member.value)
                if state.members[group]?.isEmpty == true { state.members[group] = nil }
                state.groupsOf[member.value]?.remove(group)
            }
        }
    }

    /// While on, the member receives every message, so that nothing sent while it reads its initial state is missed;
    /// it then keeps those of the groups it joined.
    public func watchAll(_ member: MemberID, _ on: Bool) {
        state.withLock { state in
            if on, state.inboxes[member.value] != nil {
                state.watchingAll.insert(member.value)
            } else {
                state.watchingAll.remove(member.value)
            }
        }
    }

    /// Hands the message to every member of its group.
    public func deliver(_ message: ChannelMessage) {
        let inboxes = state.withLock { state -> [Inbox] in
            var ids = state.members[message.group] ?? []
            if !state.watchingAll.isEmpty { ids.formUnion(state.watchingAll) }
            return ids.compactMap { state.inboxes[$0] }
        }
        for inbox in inboxes { inbox(message) }
    }

    /// Hands the message to every registered connection, whatever its groups.
    public func deliverToAll(_ message: ChannelMessage) {
        let inboxes = state.withLock { Array($0.inboxes.values) }
        for inbox in inboxes { inbox(message) }
    }

    /// Whether a message to the group would reach anyone now: a member of it, or one watching all.
    public func isHeard(_ group: String) -> Bool {
        state.withLock { !$0.watchingAll.isEmpty || $0.members[group] != nil }
    }

    /// How many connections are registered.
    public var count: Int { state.withLock { $0.inboxes.count } }

    /// The groups a member belongs to (for tests and diagnostics).
    public func groups(of member: MemberID) -> Set<String> {
        state.withLock { $0.groupsOf[member.value] ?? [] }
    }
}
