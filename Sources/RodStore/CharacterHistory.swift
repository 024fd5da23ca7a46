import RodCore

/// Rebuilds a character's earlier states from its history rows: the creation's (or import's) snapshot, then each update's changes
/// applied forwards (`TraitChange`). Restoring a revision and reading a character's history start here.
public enum CharacterHistory {
    /// One rebuilt state: the character's trait values and its relations (`chronicle`, `member`, `avatar`), as the
    /// history records them, after `revision`.
    public struct State: Sendable, Equatable {
        public let revision: Int64
        public let values: JSONObject
    }

    /// The state after each row, oldest first, from a history that starts with the character's creation. Rows after
    /// its deletion are not states. Throws when a row does not fit the state before it, so that a gap in a history is
    /// never mistaken for an earlier state.
    public static func states(_ entries: [HistoryEntry]) throws(HistoryGap) -> [State] {
        var states: [State] = []
        var current: JSONObject?
        for entry in entries {
            switch entry.change.operation {
            case .create:
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
                continue
            }
            if let current { states.append(State(revision: entry.revision, values: current)) }
        }
        return states
    }
}

/// A history row that does not apply to the state the rows before it rebuilt.
public struct HistoryGap: Error, Sendable, Equatable {
    public let revision: Int64
}
