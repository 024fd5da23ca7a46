import RodCore
import RodStore

/// What a signed-in user may do with a character.
public struct CharacterAccess: Sendable, Equatable {
    public let isOwner: Bool
    /// A storyteller or admin of the character's chronicle.
    public let isStaff: Bool

    public var canRead: Bool { isOwner || isStaff }
}

/// What `api/character/delete` did.
public enum WebDeletion: Sendable, Equatable {
    /// The owner deleted it.
    case deleted(CharacterRecord)
    /// Staff of its chronicle took it out of the chronicle.
    case unlinked(CharacterRecord)
}

/// The web face's character writes: sheets, partial updates with permissions and the storyteller lock,
/// deletes, and avatar uploads.
extension CharacterService {
    /// Who the user is to the character: its owner, staff of its chronicle, or neither.
    public func access(of user: User, to character: CharacterRecord) async throws(CharacterWriteError) -> CharacterAccess {
        try await access(of: user, ownerID: character.userID, chronicleID: character.chronicleID)
    }

    /// `access(of:to:)` for a character known by its owner and chronicle (its stamp).
    public func access(of user: User, ownerID: Int64, chronicleID: Int64?) async throws(CharacterWriteError) -> CharacterAccess {
        var isStaff = false
        if let chronicleID {
            isStaff = try await call({ try await store.member(chronicleID: chronicleID, userID: user.id) })?.isStaff ?? false
        }
        return CharacterAccess(isOwner: ownerID == user.id, isStaff: isStaff)
    }

    /// Refuses (`sheetLimit`) one more character of `owner` beyond either limit of their tier, as the bot's creations meet
    /// the first: characters of every kind and status, and, when it is an active sheet, active sheets (archived and
    /// dead sheets still count as characters). The store checks `room(for:)` again as it writes, across processes.
    func checkRoom(for owner: User, addingActiveSheet: Bool) async throws(CharacterWriteError) {
        let counts = try await call { try await store.characterCounts(userID: owner.id, chronicleID: nil) }
        if counts.total >= owner.tier.characterLimit || (addingActiveSheet && counts.activeSheets >= owner.tier.sheetLimit) {
            throw .sheetLimit
        }
    }

    /// The tier's limits, as the store holds them while it adds a character.
    static func room(for owner: User) -> CharacterRoom {
        CharacterRoom(characters: owner.tier.characterLimit, activeSheets: owner.tier.sheetLimit)
    }

    /// `api/character/new/<splat>`: a web sheet with the splat's defaults, if the owner has room for another character
    /// and another active sheet.
    public func createSheet(splat: Splat, name: String, owner: User) async throws(CharacterWriteError) -> CharacterRecord {
        try await creators.withLock(owner.id) { () async throws(CharacterWriteError) -> CharacterRecord in
            try await checkRoom(for: owner, addingActiveSheet: true)
            try await checkNameFree(.string(name), ownerID: owner.id, except: nil)
            let context = WriteContext(mode: .create, face: .web, isOwner: true, isStaff: false)
            var values = splat.defaults()
            let accepted = try validate(["name": .string(name)], splat: splat, stored: values, context: context)
            for (key, value) in accepted.values { values[key] = value }
            values["is_sheet"] = .bool(true)
            let now = clock()
            let character = CharacterRecord(
                id: 0, splat: splat.slug, userID: owner.id, values: values, createdAt: now, lastUpdated: now)
            let change = CharacterChange(operation: .create, face: .web, actorID: owner.id, changes: character.snapshot, at: now)
            let stored: CharacterRecord
            do {
                stored = try await store.insert(character, change: change, room: Self.room(for: owner))
            } catch StoreError.noRoom {
                throw .sheetLimit
            } catch {
                throw Self.writeError(error)
            }
            broadcaster.characterCreated(stored)
            return stored
        }
    }

    /// `api/character/update/<splat>/<id>`: applies the flat keys sent to a sheet the user owns or runs.
    /// Under the storyteller lock, players may change tracker traits only. With `revision`, the write is refused
    /// (`stale`) unless the sheet is still at that revision.
    public func updateSheet(
        id: Int64, splat: Splat, input: JSONObject, by user: User, expectedRevision: Int64?
    ) async throws(CharacterWriteError) -> CharacterRecord {
        try await editSheet(id: id, splat: splat, by: user, expectedRevision: expectedRevision, face: .web) { _, _ in
            (input, nil)
        }
    }

    /// The gateway's field update: one edit of one field (a trait, or a damage track), made against the revision
    /// the client saw; refused as `stale` when the sheet has moved on. The same permissions and lock as the web API;
    /// recorded as the gateway's.
    public func updateField(
        id: Int64, field: String, edit: FieldEdit, revision: Int64, by user: User
    ) async throws(CharacterWriteError) -> CharacterRecord {
        try await editSheet(id: id, splat: nil, by: user, expectedRevision: revision, face: .gateway) {
            current, splat throws(CharacterWriteError) in
            switch splat.write(edit, to: field, of: current) {
            case .success(let write): return (write, nil)
            case .failure(let errors): throw .invalid(errors)
            }
        }
    }

    /// Applies the write `input` computes from the sheet's current state, if the user may: the sheet is theirs or
    /// they run its chronicle, it is of `splat` when given, it is at `expectedRevision` when given, and under the
    /// storyteller lock a player writes tracker traits only. `input` also says which revision the write restores.
    /// The character and whether the user runs its chronicle are one read.
    func editSheet(
        id: Int64, splat expected: Splat?, by user: User, expectedRevision: Int64?, face: WriteContext.Face,
        input: (CharacterRecord, Splat) async throws(CharacterWriteError) -> (JSONObject, restoredFrom: Int64?)
    ) async throws(CharacterWriteError) -> CharacterRecord {
        let updated = try await modify(id: id, face: face, actorID: user.id, viewer: user.id) {
            current, viewerIsStaff throws(CharacterWriteError) -> (CharacterRecord, restoredFrom: Int64?) in
            guard let splat = registry.splat(current.splat), expected == nil || expected?.slug == current.splat else {
                throw .notFound
            }
            let access = CharacterAccess(isOwner: current.userID == user.id, isStaff: viewerIsStaff)
            guard access.canRead else { throw .forbidden }
            guard current.isSheet else { throw .notASheet }
            if let expectedRevision, expectedRevision != current.revision { throw .stale(current) }
            let (write, restoredFrom) = try await input(current, splat)
            if current.storytellerLock, !access.isStaff { try Self.checkLock(allowing: write.keys, splat: splat) }
            let context = WriteContext(mode: .update, face: face, isOwner: access.isOwner, isStaff: access.isStaff)
            return (try await prepareUpdate(of: current, splat: splat, input: write, context: context), restoredFrom)
        }
        guard let (_, after) = updated else { throw .notFound }
        return after
    }

    /// Refuses, per key, a player's write under the storyteller lock to any trait outside the tracker view (the
    /// damage, hunger, experience and the like stay theirs).
    static func checkLock(allowing keys: some Sequence<String>, splat: Splat) throws(CharacterWriteError) {
        var locked = ValidationErrors()
        for key in keys {
            guard let trait = splat.trait(key), trait.access != .system, !trait.inTracker else { continue }
            locked.add(key, ValidationMessage("This sheet is locked by its storyteller."))
        }
        if !locked.isEmpty { throw .locked(locked) }
    }

    /// `api/character/delete`: the owner deletes the character (and its avatar); staff of its chronicle take it
    /// out of the chronicle instead. Nil when there is no such character.
    public func deleteOrUnlink(id: Int64, by user: User) async throws(CharacterWriteError) -> WebDeletion? {
        guard let character = try await call({ try await store.character(id: id) }) else { return nil }
        let access = try await access(of: user, to: character)
        if access.isOwner {
            return try await delete(ids: [id], face: .web, actorID: user.id).first.map(WebDeletion.deleted)
        }
        guard access.isStaff else { throw .forbidden }
        return try await modify(id: id, face: .web, actorID: user.id) { $0.leavingChronicle }.map { .unlinked($0.after) }
    }

    /// `api/character/avatar/<id>`: replaces a sheet's avatar with uploaded image bytes (or removes it with nil).
    /// The old file is deleted once the new one is stored.
    public func setAvatar(id: Int64, bytes: [UInt8]?, by user: User) async throws(CharacterWriteError) -> CharacterRecord {
        var newPath: String?
        if let bytes {
            guard bytes.count <= AvatarFetcher.maximumBytes else { throw .avatar(.tooLarge) }
            guard let format = ImageFormat.detect(bytes) else { throw .avatar(.invalidImage) }
            newPath = try storeAvatar(DownloadedImage(bytes: bytes, format: format))
        }
        let stored = newPath
        do throws(CharacterWriteError) {
            let changed = try await modify(id: id, face: .web, actorID: user.id) { current throws(CharacterWriteError) in
                let access = try await access(of: user, to: current)
                guard access.canRead else { throw .forbidden }
                if current.storytellerLock, !access.isStaff {
                    throw .locked(ValidationErrors("avatar", ValidationMessage("This sheet is locked by its storyteller.")))
                }
                var updated = current
                updated.avatar = stored ?? ""
                return updated
            }
            guard let (before, after) = changed else { throw .notFound }
            if !before.avatar.isEmpty, before.avatar != after.avatar { media.remove(before.avatar) }
            return after
        } catch {
            if let stored { media.remove(stored) }
            throw error
        }
    }
}

/// What a bulk lock did to one sheet.
public enum LockOutcome: String, Sendable, Equatable {
    case changed, unchanged
    /// Not a sheet of the chronicle (or none at all).
    case notFound = "not_found"
}

extension CharacterService {
    /// Sets or lifts the storyteller lock of several sheets of a chronicle at once, for its staff: each changed sheet is
    /// written as a single-sheet lock is (validated, recorded in its history, broadcast). Ids are handled in order, once.
    public func setLock(_ lock: Bool, ids: [Int64], chronicleID: Int64, by user: User) async throws(CharacterWriteError)
        -> [(id: Int64, outcome: LockOutcome)]
    {
        var outcomes: [(id: Int64, outcome: LockOutcome)] = []
        var seen = Set<Int64>()
        for id in ids where seen.insert(id).inserted {
            guard let current = try await call({ try await store.character(id: id) }), current.chronicleID == chronicleID,
                current.isSheet
            else {
                outcomes.append((id, .notFound))
                continue
            }
            if current.storytellerLock == lock {
                outcomes.append((id, .unchanged))
                continue
            }
            do throws(CharacterWriteError) {
                _ = try await editSheet(id: id, splat: nil, by: user, expectedRevision: nil, face: .web) {
                    character, _ throws(CharacterWriteError) in
                    guard character.chronicleID == chronicleID else { throw .notFound }
                    return (["st_lock": .bool(lock)], nil)
                }
                outcomes.append((id, .changed))
            } catch .notFound, .notASheet {
                outcomes.append((id, .notFound))
            }
        }
        return outcomes
    }
}
