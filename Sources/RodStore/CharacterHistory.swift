import RodCore

/// Rebuilds a character's earlier states from its history rows: the creation's (or import's, or retention's baseline)
/// snapshot, then each update's changes applied forwards (`TraitChange`). Reading a character's history, restoring a
/// revision and the retention's baseline start here.
public enum CharacterHistory {
    /// One rebuilt state: the character's trait values and its relations (`chronicle`, `member`, `avatar`), as the
    /// history records them, after `revision`.
    public struct State: Sendable, Equatable {
        public let revision: Int64
        public let values: JSONObject
    }

    /// One row with the states around it: nil before a creation and after a deletion.
    public struct Step: Sendable {
        public let entry: HistoryEntry
        public let before: JSONObject?
        public let after: JSONObject?
    }

    /// Each row with the state before and after it, oldest first, from a history that starts with the character's
    /// creation (or a baseline). Throws when a row does not fit the state before it, so that a gap in a history is
    /// never mistaken for an earlier state.
    public static func steps(_ entries: [HistoryEntry]) throws(HistoryGap) -> [Step] {
        var steps: [Step] = []
        steps.reserveCapacity(entries.count)
        var current: JSONObject?
        for entry in entries {
            let before = current
            switch entry.change.operation {
            case .create, .baseline:
                guard case .object(let snapshot) = entry.change.changes else { throw HistoryGap(revision: entry.revision) }
                current = snapshot
            case .imported:
                guard case .object(let snapshot)? = entry.change.changes["state"] else {
                    throw HistoryGap(revision: entry.revision)
                }
                current = snapshot
            case .update:
                guard var state = current else { throw HistoryGap(revision: entry.revision) }
                if case .object(let changes) = entry.change.changes {
                    for (key, change) in changes {
                        guard let value = TraitChange.applyForward(change, to: state[key] ?? .null) else {
                            throw HistoryGap(revision: entry.revision)
                        }
                        state[key] = value
                    }
                }
                current = state
            case .delete:
                current = nil
            }
            steps.append(Step(entry: entry, before: before, after: current))
        }
        return steps
    }

    /// The state after each row, oldest first; rows that left no character (deletions) are not states.
    public static func states(_ entries: [HistoryEntry]) throws(HistoryGap) -> [State] {
        try steps(entries).compactMap { step in step.after.map { State(revision: step.entry.revision, values: $0) } }
    }

    /// What changed at a step, key by key in order: each trait or relation whose value differs before and after.
    public static func changedKeys(_ step: Step) -> [String] {
        let before = step.before ?? JSONObject()
        let after = step.after ?? JSONObject()
        var keys: [String] = []
        var seen = Set<String>()
        for (key, value) in after where before[key] != value {
            keys.append(key)
            seen.insert(key)
        }
        for (key, value) in before where !seen.contains(key) && after[key] != value { keys.append(key) }
        return keys.sorted()
    }
}

/// A history row that does not apply to the state the rows before it rebuilt.
public struct HistoryGap: Error, Sendable, Equatable {
    public let revision: Int64
}
