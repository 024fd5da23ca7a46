import Logging
import RodCore
import RodStore

/// How long characters' history is kept: a change is kept while it is one of the character's last `keepChanges`, or
/// younger than `keepDays`; older ones are pruned. What they led to is kept as one `baseline` row, so every state from
/// there on can still be rebuilt and restored. A deleted character (its history and its avatar) is kept for
/// `keepDeletedDays` after its deletion, for its owner to restore, then forgotten. Run by the server in the background
/// (`Maintenance`) and by `rod history prune`.
public struct HistoryRetention: Sendable, Equatable {
    public var keepChanges: Int
    public var keepDays: Int
    public var keepDeletedDays: Int

    public init(keepChanges: Int = 200, keepDays: Int = 90, keepDeletedDays: Int = 30) {
        self.keepChanges = keepChanges
        self.keepDays = keepDays
        self.keepDeletedDays = keepDeletedDays
    }

    /// What a pruning removed.
    public struct Outcome: Sendable, Equatable {
        public var characters: Int
        public var rows: Int
        /// Deleted characters forgotten, with their history and avatars.
        public var deletedCharacters: Int

        public init(characters: Int = 0, rows: Int = 0, deletedCharacters: Int = 0) {
            self.characters = characters
            self.rows = rows
            self.deletedCharacters = deletedCharacters
        }
    }

    /// Forgets the characters deleted longer than `keepDeletedDays` ago (one transaction, then their avatars' files),
    /// and prunes every character's history by the rule, one character at a time (each in its own transaction).
    public func prune(_ store: any CharacterStore, media: MediaStore, now: Double, logger: Logger) async throws -> Outcome {
        let cutoff = now - Double(keepDays) * 86_400
        var outcome = Outcome()
        let expired = try await store.forgetDeletedCharacters(.deletedBefore(now - Double(keepDeletedDays) * 86_400))
        for character in expired where !character.avatar.isEmpty { media.remove(character.avatar) }
        outcome.deletedCharacters = expired.count
        // A baseline row is one more than the changes kept: a character pruned before is not a candidate again until
        // it has more to prune.
        for id in try await store.historyPruneCandidates(keeping: keepChanges + 1, before: cutoff) {
            let rows = try await store.history(characterID: id)
            guard let plan = plan(rows, cutoff: cutoff) else { continue }
            let steps: [CharacterHistory.Step]
            do {
                steps = try CharacterHistory.steps(Array(rows.prefix(plan)))
            } catch {
                logger.warning(
                    "history does not rebuild; not pruned", metadata: ["character": "\(id)", "revision": "\(error.revision)"])
                continue
            }
            guard let last = steps.last else { continue }
            let baseline = last.after.map {
                CharacterChange(
                    operation: .baseline, face: .system, actorID: nil, changes: .object($0), at: last.entry.change.at)
            }
            let removed = try await store.replaceHistory(characterID: id, through: last.entry.revision, baseline: baseline)
            outcome.characters += 1
            outcome.rows += removed - (baseline == nil ? 0 : 1)
        }
        return outcome
    }

    /// How many of the oldest rows go: those before the last `keepChanges` that are older than `cutoff`. Nil when
    /// that would only turn a snapshot (a creation, an import, a baseline) into a baseline of the same state.
    func plan(_ rows: [HistoryEntry], cutoff: Double) -> Int? {
        let beyondCount = max(0, rows.count - keepChanges)
        let count = rows.prefix(beyondCount).prefix { $0.change.at < cutoff }.count
        guard count > 0 else { return nil }
        if count == 1, [.create, .imported, .baseline].contains(rows[0].change.operation) { return nil }
        return count
    }
}
