import RodCore
import RodStore

/// A page of a character's history, newest first (`api/character/history/<id>`).
public struct HistoryPage: Sendable {
    public struct Entry: Sendable {
        public let revision: Int64
        public let at: Double
        public let operation: CharacterChange.Operation
        public let face: WriteContext.Face
        public let actorID: Int64?
        /// For a restore: the revision whose state it brought back.
        public let restoredFrom: Int64?
        /// Each changed trait or relation with its value before and after (null before a creation and after a
        /// deletion), by key. Empty for a deletion and for the retention's baseline.
        public let changes: [(key: String, old: JSON, new: JSON)]
    }

    public let characterID: Int64
    public let splat: String
    public let name: String
    /// The character is deleted; its owner can restore it.
    public let deleted: Bool
    /// The character's current revision (for a deleted one, its deletion's).
    public let revision: Int64
    public let entries: [Entry]
    /// Where the next page starts (`before`); nil on the last page.
    public let next: Int64?
}

/// Reading a character's history, restoring an earlier revision (a deleted character too), and undoing one's own
/// last change. A restore is a write like any other: the same permissions, storyteller lock and validation as the
/// web's updates, recorded in the history (face `restore`, with the revision it brought back) and broadcast.
extension CharacterService {
    /// Entries a page holds by default, and at most.
    public static let historyPageSize = 50
    public static let historyPageLimit = 200

    /// The history of a character its reader may see: the owner, and staff of its chronicle; a deleted character's,
    /// its owner. Anyone else gets `notFound`, as for a character that never existed.
    public func history(id: Int64, by user: User, before: Int64?, limit: Int?) async throws(CharacterWriteError)
        -> HistoryPage
    {
        let subject: (splat: String, name: String, deleted: Bool, revision: Int64)
        if let character = try await call({ try await store.character(id: id) }) {
            guard try await access(of: user, to: character).canRead else { throw .notFound }
            subject = (character.splat, character.name, false, character.revision)
        } else if let deleted = try await call({ try await store.deletedCharacter(id: id) }), deleted.userID == user.id {
            subject = (deleted.splat, deleted.name, true, 0)
        } else {
            throw .notFound
        }
        let rows = try await call { try await store.history(characterID: id) }
        let steps: [CharacterHistory.Step]
        do {
            steps = try CharacterHistory.steps(rows)
        } catch {
            throw .store("the history of character \(id) does not rebuild at revision \(error.revision)")
        }
        let size = min(max(limit ?? Self.historyPageSize, 1), Self.historyPageLimit)
        var entries: [HistoryPage.Entry] = []
        var next: Int64?
        for step in steps.reversed() where before.map({ step.entry.revision < $0 }) ?? true {
            if entries.count == size {
                next = entries.last?.revision
                break
            }
            let change = step.entry.change
            let keys = [.delete, .baseline].contains(change.operation) ? [] : CharacterHistory.changedKeys(step)
            entries.append(
                HistoryPage.Entry(
                    revision: step.entry.revision, at: change.at, operation: change.operation, face: change.face,
                    actorID: change.actorID, restoredFrom: change.restoredFrom,
                    changes: keys.map { ($0, step.before?[$0] ?? .null, step.after?[$0] ?? .null) }))
        }
        let revision = subject.deleted ? (rows.last?.revision ?? 0) : subject.revision
        return HistoryPage(
            characterID: id, splat: subject.splat, name: subject.name, deleted: subject.deleted, revision: revision,
            entries: entries, next: next)
    }

    /// Restores the character's state at `revision` as a new revision. `expectedRevision` (the web's `If-Match`)
    /// refuses it when the character has moved on. A deleted character is brought back by its owner, with its id.
    public func restore(id: Int64, revision target: Int64, by user: User, expectedRevision: Int64?)
        async throws(CharacterWriteError) -> CharacterRecord
    {
        if try await call({ try await store.character(id: id) }) == nil,
            let deleted = try await call({ try await store.deletedCharacter(id: id) })
        {
            guard deleted.userID == user.id else { throw .notFound }
            return try await undelete(deleted, revision: target, by: user)
        }
        return try await editSheet(id: id, splat: nil, by: user, expectedRevision: expectedRevision, face: .restore) {
            current, splat throws(CharacterWriteError) in
            let states = try await states(of: id)
            guard target < current.revision, let state = states.last(where: { $0.revision == target }) else {
                throw .invalid(Self.noRevision(target))
            }
            return (Self.input(restoring: state.values, over: current, splat: splat), target)
        }
    }

    /// Undoes the user's own last change to the character, when nobody changed it since (`revision` is the one the
    /// page saw): `stale` otherwise, as for a field update. Recorded as the gateway's, naming the revision it went back
    /// to. Returns the character and that revision.
    public func undo(id: Int64, revision: Int64, by user: User) async throws(CharacterWriteError)
        -> (character: CharacterRecord, restored: Int64)
    {
        var restored: Int64 = 0
        let character = try await editSheet(id: id, splat: nil, by: user, expectedRevision: revision, face: .gateway) {
            current, splat throws(CharacterWriteError) in
            let rows = try await call { try await store.history(characterID: id) }
            guard let last = rows.last, last.revision == current.revision, last.change.actorID == user.id else {
                throw .stale(current)
            }
            guard last.change.operation == .update,
                let previous = try Self.states(rows, of: id).last(where: { $0.revision < last.revision })
            else {
                throw .invalid(ValidationErrors(ValidationErrors.nonField, ValidationMessage("There is nothing to undo.")))
            }
            restored = previous.revision
            return (Self.input(restoring: previous.values, over: current, splat: splat), previous.revision)
        }
        return (character, restored)
    }

    /// A page of the user's deleted characters, the latest deleted first: those deleted before the one whose id is
    /// `before` (the previous page's `next`), at most `limit` (`historyPageSize` by default). `notFound` when `before`
    /// names no deleted character of theirs (it was restored or expired meanwhile).
    public func deletedCharacters(of user: User, before: Int64?, limit: Int?) async throws(CharacterWriteError)
        -> (characters: [DeletedCharacter], next: Int64?)
    {
        var cursor: DeletedCharacter?
        if let before {
            cursor = try await call { try await store.deletedCharacter(id: before) }
            guard cursor?.userID == user.id else { throw .notFound }
        }
        let size = min(max(limit ?? Self.historyPageSize, 1), Self.historyPageLimit)
        var page = try await call { try await store.deletedCharacters(userID: user.id, after: cursor, limit: size + 1) }
        guard page.count > size else { return (page, nil) }
        page.removeLast()
        return (page, page.last?.id)
    }

    // MARK: Steps

    private func states(of id: Int64) async throws(CharacterWriteError) -> [CharacterHistory.State] {
        try Self.states(try await call { try await store.history(characterID: id) }, of: id)
    }

    static func states(_ rows: [HistoryEntry], of id: Int64) throws(CharacterWriteError) -> [CharacterHistory.State] {
        do {
            return try CharacterHistory.states(rows)
        } catch {
            throw .store("the history of character \(id) does not rebuild at revision \(error.revision)")
        }
    }

    static func noRevision(_ revision: Int64) -> ValidationErrors {
        ValidationErrors("revision", ValidationMessage("This character has no earlier revision \(revision) to restore."))
    }

    /// The write that takes `current`'s traits back to `state`: every trait clients write whose value differs (a value
    /// kept under a key the trait was renamed from counts as the trait's), a trait missing from `state` going back to
    /// its default. Relations stay as they are: a restore does not take a sheet out of its chronicle, and an earlier
    /// avatar's file is gone. Derived traits follow from the rest.
    static func input(restoring state: JSONObject, over current: CharacterRecord, splat: Splat) -> JSONObject {
        var input = JSONObject()
        for trait in splat.traits where trait.isWritable {
            let value = trait.value(in: state) ?? trait.defaultValue
            if current.values[trait.key] ?? .null != value { input[trait.key] = value }
        }
        return input
    }

    /// Brings a deleted character back at the state of `target`, with its id, within the owner's limits and under a
    /// name they do not use meanwhile. It returns to the chronicle it was deleted from, with the storyteller lock it had
    /// then, while its owner is still a member there; under that lock a player may bring back only what the lock leaves
    /// them (the tracker's traits), so deleting a locked sheet never escapes the lock. When the chronicle or the
    /// membership is gone, it comes back outside any chronicle and unlocked, as every departure leaves a sheet.
    private func undelete(_ deleted: DeletedCharacter, revision target: Int64, by user: User)
        async throws(CharacterWriteError) -> CharacterRecord
    {
        guard let splat = registry.splat(deleted.splat) else { throw .unknownSplat(deleted.splat) }
        return try await creators.withLock(user.id) { () async throws(CharacterWriteError) -> CharacterRecord in
            let rows = try await call { try await store.history(characterID: deleted.id) }
            let states = try Self.states(rows, of: deleted.id)
            guard let state = states.last(where: { $0.revision == target }), let deletedState = states.last?.values else {
                throw .invalid(Self.noRevision(target))
            }
            var membership: Member?
            if let chronicleID = deletedState["chronicle"]?.intValue {
                membership = try await call { try await store.member(chronicleID: chronicleID, userID: user.id) }
            }
            let locked = membership != nil && deletedState["st_lock"]?.boolValue == true
            var values = splat.defaults()
            var input = JSONObject()
            for trait in splat.traits where trait.isWritable {
                if let value = trait.value(in: state.values) { input[trait.key] = value }
            }
            input["st_lock"] = nil
            if locked, membership?.isStaff == false {
                try Self.checkLock(
                    allowing: input.keys.filter { input[$0] != splat.trait($0)?.value(in: deletedState) }, splat: splat)
            }
            // The values were each accepted once; the owner brings back the staff's as they were (but the lock).
            let context = WriteContext(mode: .create, face: .restore, isOwner: true, isStaff: true)
            let accepted = try validate(input, splat: splat, stored: values, context: context)
            for (key, value) in accepted.values { values[key] = value }
            if let isSheet = state.values["is_sheet"] { values["is_sheet"] = isSheet }
            values["st_lock"] = .bool(locked)
            let now = clock()
            var character = CharacterRecord(
                id: deleted.id, splat: splat.slug, userID: user.id, values: values, createdAt: now, lastUpdated: now)
            character.chronicleID = membership?.chronicleID
            character.memberID = membership?.id
            character.avatar = deleted.avatar
            character.revision = (rows.last?.revision ?? 0) + 1
            try await checkRoom(for: user, addingActiveSheet: character.isSheet && character.isActive)
            try checkSize(character)
            let change = CharacterChange(
                operation: .create, face: .restore, actorID: user.id, changes: character.snapshot, at: now,
                restoredFrom: target)
            let stored: CharacterRecord
            do {
                guard let undeleted = try await store.undelete(character, change: change, room: Self.room(for: user)) else {
                    throw CharacterWriteError.notFound
                }
                stored = undeleted
            } catch StoreError.noRoom {
                throw .sheetLimit
            } catch StoreError.duplicateName {
                throw .invalid(
                    ValidationErrors(
                        "name",
                        ValidationMessage(
                            "You have another character named \(character.name); rename it to bring this one back.",
                            code: .status(409))))
            } catch {
                throw Self.writeError(error)
            }
            broadcaster.characterCreated(stored)
            return stored
        }
    }
}
