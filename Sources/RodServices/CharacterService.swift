import Foundation
import Logging
import RodCore
import RodStore

/// Why a character write was refused. Each face renders these in the original's format.
public enum CharacterWriteError: Error, Sendable {
    /// The splat is not in the registry.
    case unknownSplat(String)
    /// No such character for this requester.
    case notFound
    /// Validation failed; messages may carry the status the bot switches on (304, 409, 422).
    case invalid(ValidationErrors)
    /// The owner has as many characters as their supporter tier allows.
    case characterLimit
    /// The owner has as many active sheets as their supporter tier allows.
    case sheetLimit
    /// The character is a bot tracker, not a web sheet.
    case notASheet
    /// The requester may not do this to the character.
    case forbidden
    /// The storyteller lock keeps a player from changing these traits.
    case locked(ValidationErrors)
    /// The write named a revision the character has moved past; this is the character now.
    case stale(CharacterRecord)
    /// The uploaded avatar is not a usable image.
    case avatar(AvatarError)
    /// The character kept changing under this write; it was not applied.
    case busy
    /// The store failed.
    case store(String)
    /// The database cannot be reached now; the client may retry after this many seconds.
    case unavailable(retryAfter: Int)
}

/// Creates, saves and deletes characters for every face: validates through the registry, applies the
/// rules that need the store (limits, duplicate names, chronicle membership), and writes with the
/// character's revision so that a write never silently overwrites one it did not see.
public struct CharacterService: Sendable {
    public let registry: Registry
    public let store: any CharacterStore & CommunityStore & UserStore
    public let media: MediaStore
    /// Tells open pages about every write.
    public let broadcaster: Broadcaster
    let clock: @Sendable () -> Double
    let logger: Logger
    /// The sheets the bot's and the web's reads answer, rendered once per revision (`sheet(of:)`), shared by every copy
    /// of this service.
    let sheets: RenderingCache
    /// Writes to one character run one at a time within this process.
    let writers = KeyedLocks()
    /// Creations for one user run one at a time, so two of them cannot both pass the character limit.
    let creators = KeyedLocks()

    /// How many times a write is retried when the character changes between its read and its write.
    static let maximumAttempts = 8

    public init(
        registry: Registry, store: any CharacterStore & CommunityStore & UserStore, media: MediaStore, broadcaster: Broadcaster,
        logger: Logger, sheets: RenderingCache = RenderingCache(budget: 16 * 1024 * 1024),
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.registry = registry
        self.sheets = sheets
        self.store = store
        self.media = media
        self.broadcaster = broadcaster
        self.logger = logger
        self.clock = clock
    }

    // MARK: Bot

    /// `bot/character/new`: a tracker for the user named in the payload, who is created if unknown.
    public func createForBot(_ input: JSONObject, avatar: DownloadedImage?) async throws(CharacterWriteError) -> CharacterRecord {
        let splat = try splat(named: input["splat"])
        guard let ownerID = Snowflake.parse(input["user"]) else {
            throw .invalid(ValidationErrors("user", ValidationMessage("User must be included with a new character")))
        }
        return try await creators.withLock(ownerID) { () async throws(CharacterWriteError) -> CharacterRecord in
            try await create(splat: splat, ownerID: ownerID, input: input, avatar: avatar)
        }
    }

    private func create(
        splat: Splat, ownerID: Int64, input: JSONObject, avatar: DownloadedImage?
    ) async throws(CharacterWriteError) -> CharacterRecord {
        let now = clock()
        let owner = try await call { try await store.ensureUser(id: ownerID, now: now) }
        let counts = try await call { try await store.characterCounts(userID: ownerID, chronicleID: nil) }
        if counts.total >= owner.tier.characterLimit { throw .characterLimit }
        let missing = splat.missingRequired(in: input)
        guard missing.isEmpty else {
            var errors = ValidationErrors()
            for trait in missing { errors.add(trait.key, ValidationMessage("This field is required.", code: .named("required"))) }
            throw .invalid(errors)
        }
        if let name = input["name"] { try await checkNameFree(name, ownerID: ownerID, except: nil) }

        let context = WriteContext(mode: .create, face: .bot, isOwner: true, isStaff: false)
        var values = splat.defaults()
        let accepted = try validate(input, splat: splat, stored: values, context: context)
        for (key, value) in accepted.values { values[key] = value }
        values["is_sheet"] = .bool(false)
        var character = CharacterRecord(
            id: 0, splat: splat.slug, userID: ownerID, values: values, createdAt: now, lastUpdated: now)
        try checkSize(character)
        try await applyChronicle(input, to: &character, context: context, now: now)
        if let avatar { character.avatar = try storeAvatar(avatar) }

        let change = CharacterChange(
            operation: .create, face: .bot, actorID: ownerID, changes: character.snapshot, at: now)
        let stored: CharacterRecord
        do {
            // The count above answers first, as the original does; the store's holds across processes.
            stored = try await store.insert(
                character, change: change, room: CharacterRoom(characters: owner.tier.characterLimit))
        } catch {
            if !character.avatar.isEmpty { media.remove(character.avatar) }
            throw error == .noRoom ? CharacterWriteError.characterLimit : Self.writeError(error)
        }
        broadcaster.characterCreated(stored)
        return stored
    }

    /// `bot/character/save`: replaces the traits the payload sends on the owner's character `id`.
    /// Traits it omits keep their values. A new avatar replaces the old file.
    public func saveForBot(_ input: JSONObject, avatar: DownloadedImage?) async throws(CharacterWriteError) -> CharacterRecord {
        guard let id = input["id"]?.coercedInteger, let ownerID = Snowflake.parse(input["user"]) else {
            throw .notFound
        }
        let requestedSplat = input["splat"]?.stringValue
        let context = WriteContext(mode: .update, face: .bot, isOwner: true, isStaff: false)
        let newAvatar = try avatar.map { image throws(CharacterWriteError) in try storeAvatar(image) }
        do throws(CharacterWriteError) {
            let saved = try await modify(id: id, face: .bot, actorID: ownerID) { current throws(CharacterWriteError) in
                guard current.userID == ownerID, requestedSplat == nil || requestedSplat == current.splat,
                    let splat = registry.splat(current.splat)
                else { throw .notFound }
                var updated = try await prepareUpdate(of: current, splat: splat, input: input, context: context)
                if let newAvatar { updated.avatar = newAvatar }
                return updated
            }
            guard let (before, after) = saved else { throw .notFound }
            if newAvatar != nil, !before.avatar.isEmpty { media.remove(before.avatar) }
            return after
        } catch {
            if let newAvatar { media.remove(newAvatar) }
            throw error
        }
    }

    /// How many deleted characters a user keeps to restore: beyond these, the oldest deleted are forgotten with their
    /// history and avatar at the next deletion (and all of them after `HistoryRetention.keepDeletedDays`).
    public static let deletedCharactersKept = 100

    /// `bot/character/delete` without `disconnect`: deletes the characters that exist, in order. Their history and
    /// avatar are kept while their owner may restore them (`deletedCharactersKept`, `HistoryRetention`).
    public func delete(ids: [Int64], face: WriteContext.Face, actorID: Int64?) async throws(CharacterWriteError)
        -> [CharacterRecord]
    {
        let change = CharacterChange(operation: .delete, face: face, actorID: actorID, changes: .null, at: clock())
        let deleted = try await call { try await store.deleteCharacters(ids: ids, change: change) }
        broadcaster.charactersDeleted(deleted.map(\.id))
        for owner in Set(deleted.map(\.userID)) {
            let forgotten = try await call {
                try await store.forgetDeletedCharacters(.beyondLatest(Self.deletedCharactersKept, userID: owner))
            }
            for character in forgotten where !character.avatar.isEmpty { media.remove(character.avatar) }
        }
        return deleted
    }

    /// Takes characters out of their chronicle (the bot's `disconnect`): clears the chronicle, the membership
    /// link and the storyteller lock. Returns the characters that exist, updated.
    public func disconnect(ids: [Int64], face: WriteContext.Face, actorID: Int64?) async throws(CharacterWriteError)
        -> [CharacterRecord]
    {
        var result: [CharacterRecord] = []
        for id in ids {
            let disconnected = try await modify(id: id, face: face, actorID: actorID) { $0.leavingChronicle }
            if let (_, after) = disconnected { result.append(after) }
        }
        return result
    }

    /// Applies `transform` to a character's current state and stores the result at the next revision, with
    /// its history row. Writes to one character take turns within this process; when another process wrote
    /// it meanwhile, the character is read again and the transform re-applied. Nil if it does not exist.
    ///
    /// The transform sees the character as its splat serves it (`Splat.upgraded`: renamed keys moved, derived traits
    /// computed); what that changes in the stored document is stored and recorded with the write. A write that changes
    /// nothing stores nothing and records no revision.
    func modify(
        id: Int64, face: WriteContext.Face, actorID: Int64?,
        _ transform: (CharacterRecord) async throws(CharacterWriteError) -> CharacterRecord
    ) async throws(CharacterWriteError) -> (before: CharacterRecord, after: CharacterRecord)? {
        try await modify(id: id, face: face, actorID: actorID, viewer: nil) { current, _ throws(CharacterWriteError) in
            (try await transform(current), nil)
        }
    }

    /// `modify`, where the character is read with whether `viewer` is staff of its chronicle (one read, for a user's
    /// write to decide its permissions), and the transform also says which revision the write restores (recorded in its
    /// history row).
    func modify(
        id: Int64, face: WriteContext.Face, actorID: Int64?, viewer: Int64?,
        _ transform: (CharacterRecord, _ viewerIsStaff: Bool) async throws(CharacterWriteError) -> (
            CharacterRecord, restoredFrom: Int64?
        )
    ) async throws(CharacterWriteError) -> (before: CharacterRecord, after: CharacterRecord)? {
        try await writers.withLock(id) {
            () async throws(CharacterWriteError) -> (before: CharacterRecord, after: CharacterRecord)? in
            for _ in 0..<Self.maximumAttempts {
                guard let (current, viewerIsStaff) = try await call({ try await read(id, viewer: viewer) }) else { return nil }
                let (updated, restoredFrom) = try await transform(
                    registry.splat(current.splat)?.upgraded(current) ?? current, viewerIsStaff)
                try checkSize(updated, before: current)
                let changes = current.changes(to: updated)
                if changes == .emptyObject { return (current, current) }
                let record = CharacterChange(
                    operation: .update, face: face, actorID: actorID, changes: changes, at: clock(), restoredFrom: restoredFrom)
                let stored: CharacterRecord?
                do {
                    stored = try await store.update(updated, change: record)
                } catch {
                    throw Self.writeError(error)
                }
                if let stored {
                    broadcaster.characterChanged(from: current, to: stored)
                    return (current, stored)
                }
                logger.debug("character changed in another process during a write; retrying", metadata: ["character": "\(id)"])
            }
            throw .busy
        }
    }

    private func read(_ id: Int64, viewer: Int64?) async throws -> (CharacterRecord, viewerIsStaff: Bool)? {
        guard let viewer else { return try await store.character(id: id).map { ($0, false) } }
        return try await store.character(id: id, viewer: viewer)
    }

    // MARK: Shared rules

    func splat(named value: JSON?) throws(CharacterWriteError) -> Splat {
        let slug = value?.stringValue ?? ""
        guard let splat = registry.splat(slug) else { throw .unknownSplat(slug) }
        return splat
    }

    func validate(
        _ input: JSONObject, splat: Splat, stored: [String: JSON], context: WriteContext
    ) throws(CharacterWriteError) -> AcceptedWrite {
        switch registry.validate(input, splat: splat, stored: stored, context: context) {
        case .success(let accepted): return accepted
        case .failure(let errors): throw .invalid(errors)
        }
    }

    /// Validates a write against the stored character and returns the character as it would be stored.
    func prepareUpdate(
        of current: CharacterRecord, splat: Splat, input: JSONObject, context: WriteContext
    ) async throws(CharacterWriteError) -> CharacterRecord {
        if input["status"] == nil, !current.isActive {
            throw .invalid(
                ValidationErrors(
                    ValidationErrors.nonField,
                    .status(
                        304,
                        "This sheet is Archived and cannot be edited. To edit please set the Status to \"Active\" or \"Draft\"")))
        }
        let accepted = try validate(input, splat: splat, stored: current.values, context: context)
        var updated = current
        for (key, value) in accepted.values { updated.values[key] = value }
        if CharacterRecord.nameKey(updated.name) != CharacterRecord.nameKey(current.name) {
            try await checkNameFree(.string(updated.name), ownerID: current.userID, except: current.id)
        }
        try await applyChronicle(input, to: &updated, context: context, now: clock())
        if updated.isSheet, updated.isActive, !(current.isSheet && current.isActive) {
            try await checkSheetLimit(ownerID: current.userID)
        }
        return updated
    }

    /// Refuses a character whose traits would be larger than `CharacterRecord.maximumDocumentBytes`. A character already
    /// over it (stored before the bound) may still change as long as it does not grow.
    func checkSize(_ character: CharacterRecord, before: CharacterRecord? = nil) throws(CharacterWriteError) {
        let size = character.documentBytes
        guard size > CharacterRecord.maximumDocumentBytes else { return }
        if let before, size <= before.documentBytes { return }
        throw .invalid(
            ValidationErrors(
                ValidationErrors.nonField,
                ValidationMessage(
                    "This character would be too large (\(size / 1024) KB); a character holds at most \(CharacterRecord.maximumDocumentBytes / 1024) KB.",
                    code: .named("too_large"))))
    }

    /// Refuses a name the owner already uses on another character (compared regardless of case), with 304.
    func checkNameFree(_ name: JSON, ownerID: Int64, except id: Int64?) async throws(CharacterWriteError) {
        guard case .string(let text) = name, !text.isEmpty else { return }
        let same = try await call {
            try await store.characterSummaries(CharacterQuery(userID: ownerID, name: text.trimmingWhitespace, limit: 2))
        }
        if same.contains(where: { $0.id != id }) { throw Self.duplicateName }
    }

    static let duplicateName = CharacterWriteError.invalid(
        ValidationErrors("name", .status(304, "You already have a Character with this name.")))

    /// A sheet becoming active must fit in the owner's sheet limit.
    func checkSheetLimit(ownerID: Int64) async throws(CharacterWriteError) {
        let owner = try await call { try await store.user(id: ownerID) }
        let counts = try await call { try await store.characterCounts(userID: ownerID, chronicleID: nil) }
        let limit = SupporterTier.of(level: owner?.supporter ?? 0).sheetLimit
        if counts.activeSheets >= limit {
            throw .invalid(
                ValidationErrors(
                    ValidationErrors.nonField,
                    .status(
                        304,
                        "You have \(counts.activeSheets) active sheets and your current limit is \(limit).\nTo increase your limit please look at our supporter tiers."
                    )))
        }
    }

    /// Applies a `chronicle` key: null or empty leaves the chronicle (and drops the membership link and the lock);
    /// an id joins that chronicle. The bot acts for guild members, so their membership is created if missing;
    /// other faces require it.
    func applyChronicle(
        _ input: JSONObject, to character: inout CharacterRecord, context: WriteContext, now: Double
    ) async throws(CharacterWriteError) {
        guard let value = input["chronicle"] else { return }
        func refuse(_ message: String) -> CharacterWriteError {
            .invalid(ValidationErrors("chronicle", ValidationMessage(message)))
        }
        // Under the storyteller lock the chronicle is the storyteller's: a player who could leave could edit the sheet
        // outside it and come back with the lock gone.
        func refuseUnderLock() throws(CharacterWriteError) {
            if character.storytellerLock, !context.isStaff {
                throw .locked(ValidationErrors("chronicle", ValidationMessage("This sheet is locked by its storyteller.")))
            }
        }
        if value.isNull || value.stringValue == "" {
            if character.chronicleID != nil {
                if !context.isOwner { throw refuse("This field can only be changed by the Owner") }
                try refuseUnderLock()
            }
            character = character.leavingChronicle
            return
        }
        guard let chronicleID = Snowflake.parse(value) else {
            throw refuse("Incorrect type. Expected pk value, received \(Snowflake.pythonTypeName(value)).")
        }
        if chronicleID == character.chronicleID, character.memberID != nil { return }
        guard context.isOwner else { throw refuse("This field can only be changed by the Owner") }
        if chronicleID != character.chronicleID { try refuseUnderLock() }
        guard try await call({ try await store.chronicle(id: chronicleID) }) != nil else {
            throw refuse("Invalid pk \"\(chronicleID)\" - object does not exist.")
        }
        let member: Member
        if context.face == .bot {
            member = try await call { try await store.ensureMember(chronicleID: chronicleID, userID: character.userID, now: now) }
        } else {
            guard let existing = try await call({ try await store.member(chronicleID: chronicleID, userID: character.userID) })
            else { throw refuse("You must be a member of the Chronicle to add that chronicle.") }
            member = existing
        }
        if character.chronicleID != chronicleID { character.values["st_lock"] = .bool(false) }
        character.chronicleID = chronicleID
        character.memberID = member.id
    }

    func storeAvatar(_ image: DownloadedImage) throws(CharacterWriteError) -> String {
        do {
            return try media.store(image.bytes, folder: MediaStore.avatarFolder, fileExtension: image.format.fileExtension)
        } catch {
            throw .store("cannot write the avatar: \(error)")
        }
    }

    /// Runs a store call, turning its failure into `CharacterWriteError.store`.
    func call<T>(_ body: () async throws -> T) async throws(CharacterWriteError) -> T {
        do {
            return try await body()
        } catch {
            throw Self.writeError(error)
        }
    }

    static func writeError(_ error: any Error) -> CharacterWriteError {
        switch error {
        case let error as CharacterWriteError: return error
        case StoreError.duplicateName: return duplicateName
        case StoreError.missingReference:
            return .invalid(ValidationErrors("chronicle", ValidationMessage("The chronicle or the user no longer exists.")))
        case StoreError.unavailable(let wait): return .unavailable(retryAfter: wait)
        default: return .store(String(describing: error))
        }
    }
}
