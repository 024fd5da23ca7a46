import Metrics
import RodCore

/// Why a store refused a write.
public enum StoreError: Error, Sendable, Equatable {
    /// The user already has a character with this name (compared regardless of case).
    case duplicateName
    /// A referenced row does not exist (an unknown chronicle, a deleted user).
    case missingReference
    /// A problem of the database itself, with its message.
    case database(String)
    /// An import was asked of a store that already holds data, without replacing it; says what it holds.
    case notEmpty(String)
    /// The owner has as many characters (or active sheets) as `CharacterRoom` allows; nothing was written.
    case noRoom
    /// The database cannot be reached now: no connection within the engine's wait, too many requests already
    /// waiting, or the connection lost. Nothing of the call was committed after it failed. Clients are told to retry
    /// after `retryAfter` seconds.
    case unavailable(retryAfter: Int)
}

/// How many characters a user may hold, checked by the store in the transaction that adds one, so that creations
/// through several processes at once never pass it: every character of theirs, and active sheets (draft, review,
/// active) when the new character is an active sheet.
public struct CharacterRoom: Sendable, Equatable {
    public var characters: Int
    public var activeSheets: Int?

    public init(characters: Int, activeSheets: Int? = nil) {
        self.characters = characters
        self.activeSheets = activeSheets
    }
}

extension StoreError {
    /// The error as the store's: itself when it is one, its description otherwise.
    public init(_ error: any Error) {
        self = error as? StoreError ?? .database(String(describing: error))
    }
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .duplicateName: "a user already has a character of this name"
        case .missingReference: "a referenced row does not exist"
        case .database(let message): message
        case .noRoom: "the user has no room for another character"
        case .unavailable(let wait): "the database is unavailable; retry in \(wait) seconds"
        case .notEmpty(let what):
            "the database already holds data (\(what)); import into an empty database, or pass --replace to erase it first"
        }
    }
}

/// Everything the services read and write, one protocol per aggregate, each along one `SQLStore+*.swift` file: a face
/// or a service is given only the slices it uses (`any CharacterStore & CommunityStore`). One implementation per
/// database (`SQLStore` over either engine); every implementation passes the same conformance tests. Each method is one
/// transaction.
public protocol Store: StoreLifecycle, UserStore, CommunityStore, CharacterStore, SessionStore, PatreonStore, TransferStore {}

/// The store itself: its schema, its readiness, its connections (`SQLStore.swift`).
public protocol StoreLifecycle: Sendable {
    /// Brings the schema up to date. Safe to run at every start.
    func migrate() async throws
    /// The migrations applied so far, oldest first.
    func appliedMigrations() async throws -> [String]
    /// Releases connections; the store is not used afterwards.
    func close() async
    /// Throws unless the database answers a trivial query now (readiness checks).
    func ping() async throws
}

/// Users, their preferences and data, bots, supporters and command statistics (`SQLStore+Users.swift`).
public protocol UserStore: Sendable {
    func user(id: Int64) async throws -> User?
    /// The users of these ids that exist, in id order.
    func users(ids: [Int64]) async throws -> [User]
    /// Creates or replaces a user.
    func save(_ user: User) async throws
    /// The user, created with an empty name if unknown (a later `user/update` fills it in).
    func ensureUser(id: Int64, now: Double) async throws -> User
    func bot(id: Int64) async throws -> Bot?
    /// Creates or replaces a bot.
    func save(_ bot: Bot) async throws
    /// Users whose supporter level is above 0, in id order.
    func supporters() async throws -> [Supporter]
    /// Counts one more use of a command by a user on a bot, and marks the user active.
    /// Throws `missingReference` when the user or the bot is unknown.
    func recordCommand(userID: Int64, botID: Int64, command: String, at: Double) async throws(StoreError) -> CommandStat
    /// Usage since the given times (seconds since 1970).
    func statistics(activeSince30Days: Double, activeSince14Days: Double) async throws -> Statistics
    /// The user's rows beyond characters and memberships (sessions without their tokens, request counts, command
    /// statistics, Patreon events, owned chronicles), for an export of their data.
    func userRecords(id: Int64) async throws -> JSONObject
    /// What the user set for themselves (`PUT api/user/me`); empty when nothing.
    func preferences(userID: Int64) async throws -> JSONObject
    func savePreferences(userID: Int64, _ preferences: JSONObject) async throws
    /// Erases a user and everything that identifies them, in one transaction (`SQLStore.eraseUser`).
    func eraseUser(id: Int64) async throws -> UserErasure
}

/// Chronicles, their members, storyteller roles and initiative trackers, and the departures that take characters out
/// of a chronicle (`SQLStore+Community.swift`).
public protocol CommunityStore: Sendable {
    func chronicle(id: Int64) async throws -> Chronicle?
    /// Creates or replaces a chronicle, and links it to these bots (created empty if unknown). Links to other
    /// bots are kept.
    func save(_ chronicle: Chronicle, addingBots bots: [Int64]) async throws
    /// The bots linked to a chronicle, in id order.
    func botIDs(chronicleID: Int64) async throws -> [Int64]
    /// Deletes a chronicle with its memberships, storyteller roles, initiative trackers and bot links. Its
    /// characters are kept, taken out of it (chronicle, membership link and storyteller lock cleared), each
    /// change recorded. Nil when there was no such chronicle.
    func deleteChronicle(id: Int64, change: CharacterChange) async throws -> Departure?
    func member(chronicleID: Int64, userID: Int64) async throws -> Member?
    func members(userID: Int64) async throws -> [Member]
    func members(chronicleID: Int64) async throws -> [Member]
    /// The user's membership in the chronicle, created (neither admin nor storyteller) if missing.
    /// Throws `missingReference` when the chronicle or the user does not exist.
    func ensureMember(chronicleID: Int64, userID: Int64, now: Double) async throws -> Member
    /// Creates or replaces a membership; a zero `id` creates one and returns it with its id.
    func save(_ member: Member) async throws -> Member
    /// Removes a user's membership, first taking out of the chronicle the characters linked to it and the
    /// user's other characters in that chronicle, each change recorded. Nil when there was no such membership.
    func deleteMember(chronicleID: Int64, userID: Int64, change: CharacterChange) async throws -> Departure?
    /// The storyteller roles of a chronicle, in id order.
    func storytellerRoles(chronicleID: Int64) async throws -> [Int64]
    /// Removes the role from the chronicle if it has it, adds it otherwise (a role belongs to one guild, so a row
    /// left under another chronicle moves here). Returns the chronicle's roles afterwards.
    func toggleStorytellerRole(roleID: Int64, chronicleID: Int64) async throws -> [Int64]
    /// True when the role existed.
    func deleteStorytellerRole(id: Int64) async throws -> Bool
    func initiativeTracker(channelID: Int64) async throws -> InitiativeTracker?
    /// Creates or replaces a channel's tracker. Throws `missingReference` when the chronicle is unknown.
    func save(_ tracker: InitiativeTracker) async throws(StoreError)
    /// True when the channel had a tracker.
    func deleteInitiativeTracker(channelID: Int64) async throws -> Bool
    /// Brings a user's memberships in line with the guilds Discord lists for them (guild id → holds the
    /// ADMINISTRATOR permission), for the guilds that are chronicles here: creates missing memberships, sets
    /// `admin`, and removes the memberships of guilds they left, taking their characters out of those chronicles.
    func syncMemberships(userID: Int64, guilds: [Int64: Bool], change: CharacterChange) async throws -> MembershipSync
}

/// Characters and their history: reads, revision-checked writes, deletions and restores, pruning
/// (`SQLStore+Characters.swift`).
public protocol CharacterStore: CharacterReading {
    func character(id: Int64) async throws -> CharacterRecord?
    /// A character, and whether `viewer` is staff (a storyteller or an admin) of its chronicle, in one read: what a
    /// write by that user needs to decide what it may do.
    func character(id: Int64, viewer: Int64) async throws -> (character: CharacterRecord, viewerIsStaff: Bool)?
    /// Matching characters' id, name and splat, in id order, without reading their documents.
    func characterSummaries(_ query: CharacterQuery) async throws -> [CharacterSummary]
    /// Matching characters' place and revision, in id order, without reading their documents: what tells whether a
    /// rendering of a character is still current.
    func characterStamps(_ query: CharacterQuery) async throws -> [CharacterStamp]
    /// How many characters the user has; restricted to one chronicle when given.
    func characterCounts(userID: Int64, chronicleID: Int64?) async throws -> CharacterCounts
    /// Inserts a new character (its `id` is ignored and assigned) at revision 1, with its history row; with `room`, only
    /// while its owner has room for it (`noRoom` otherwise, nothing written).
    func insert(_ character: CharacterRecord, change: CharacterChange, room: CharacterRoom?) async throws(StoreError)
        -> CharacterRecord
    /// Replaces a character if its stored revision is still `character.revision`; stores it at the next
    /// revision with its history row. Returns nil, writing nothing, when the revision has moved on
    /// (the character was changed or deleted meanwhile).
    func update(_ character: CharacterRecord, change: CharacterChange) async throws(StoreError) -> CharacterRecord?
    /// Stores several characters in one transaction, each as `update` does (on its revision, with its history row);
    /// returns those stored.
    func rewrite(_ characters: [(character: CharacterRecord, change: CharacterChange)]) async throws -> [CharacterRecord]
    /// Every key of the characters' stored documents, per splat, with how many characters hold it.
    func documentKeys() async throws -> [(splat: String, key: String, characters: Int)]
    /// Deletes characters, recording each one's last state in its history. Returns those that existed.
    func deleteCharacters(ids: [Int64], change: CharacterChange) async throws -> [CharacterRecord]
    /// Every recorded change of a character, oldest first; kept after the character is deleted.
    func history(characterID: Int64) async throws -> [HistoryEntry]
    /// The user's deleted characters, the latest deleted first; those listed after `cursor`, at most `limit`.
    func deletedCharacters(userID: Int64, after cursor: DeletedCharacter?, limit: Int?) async throws -> [DeletedCharacter]
    func deletedCharacter(id: Int64) async throws -> DeletedCharacter?
    /// Brings a deleted character back with its id and `character.revision`, records `change`, and forgets the
    /// deletion; `duplicateName` when its owner has a character of that name meanwhile, `noRoom` when they have no room
    /// for it; nil, writing nothing, when its deletion is no longer recorded (it expired or came back meanwhile).
    func undelete(_ character: CharacterRecord, change: CharacterChange, room: CharacterRoom) async throws(StoreError)
        -> CharacterRecord?
    /// Forgets deleted characters and their history, in one transaction; returns those forgotten.
    func forgetDeletedCharacters(_ selection: DeletedSelection) async throws -> [DeletedCharacter]
    /// Characters holding more than `keeping` history rows, some of them older than `before`.
    func historyPruneCandidates(keeping: Int, before: Double) async throws -> [Int64]
    /// Replaces a character's history rows up to `revision` with `baseline` (the state they led to), or with nothing
    /// when they led to its deletion. Returns the rows removed.
    func replaceHistory(characterID: Int64, through revision: Int64, baseline: CharacterChange?) async throws -> Int
    /// The user's characters counted per splat, splats in order.
    func characterCountsBySplat(userID: Int64) async throws -> [(splat: String, counts: CharacterCounts)]
}

/// Web sessions, login states and the web API's daily quotas (`SQLStore+Sessions.swift`).
public protocol SessionStore: Sendable {
    func save(_ session: Session) async throws(StoreError)
    /// The session with this token hash, if it has not expired at `now`.
    func session(tokenHash: String, now: Double) async throws -> Session?
    func deleteSession(tokenHash: String) async throws
    /// Revokes every session of a user.
    func deleteSessions(userID: Int64) async throws
    /// Removes sessions and login states that expired before `now`.
    func deleteExpired(now: Double) async throws
    func saveOAuthState(hash: String, at: Double) async throws
    /// Removes a login state; true when it existed and was created at or after `notBefore` (single use).
    func takeOAuthState(hash: String, notBefore: Double) async throws -> Bool
    /// Counts one more web API request by the user on the given UTC day and returns the day's count.
    func countAPIRequest(userID: Int64, day: Int64) async throws -> Int
    /// The user's web requests counted on `day` so far.
    func apiRequests(userID: Int64, day: Int64) async throws -> Int
    /// Adds requests counted elsewhere (in a process's memory) to the days' counts, in one transaction, and forgets
    /// the counts of days before the day before the latest. Counts of users that no longer exist are dropped.
    func addAPIRequests(_ counts: [(userID: Int64, day: Int64, requests: Int)]) async throws
}

/// Patreon's deliveries and the events they carried (`SQLStore+Patreon.swift`).
public protocol PatreonStore: Sendable {
    func record(_ event: PatreonEvent) async throws
    func patreonEvents() async throws -> [PatreonEvent]
    /// True when a delivery with this body hash was recorded.
    func patreonDeliveryExists(hash: String) async throws -> Bool
    /// The patron's applied event with the latest `eventTime` (the latest recorded among equals).
    func lastAppliedPatreonEvent(patron: String) async throws -> PatreonEvent?
}

/// The whole store in and out: `rod import` and `rod export` (`SQLStore+Import.swift`).
public protocol TransferStore: Sendable {
    /// Runs an import (`rod import`) in one transaction: `body` writes batches of rows with their own ids; everything is
    /// committed when it returns and nothing is kept when it throws. Refuses (`StoreError.notEmpty`) a store holding
    /// users, chronicles or characters unless `replacing`, which erases every table first. New ids continue after the
    /// largest imported one.
    func importing(replacing: Bool, _ body: (any ImportWriter) async throws -> Void) async throws
    /// Rows of a table with a key above `after`, at most `limit` of them, in key order, by column name (`rod export`).
    func exportRows(_ table: ExportTable, after: Int64, limit: Int) async throws -> [JSONObject]
}

/// Which deleted characters expire (`Store.forgetDeletedCharacters`).
public enum DeletedSelection: Sendable, Equatable {
    /// Every one deleted before this time.
    case deletedBefore(Double)
    /// The user's, but the `keep` deleted last.
    case beyondLatest(Int, userID: Int64)
}

extension StoreLifecycle {
    public func close() async {}
}

extension CharacterStore {
    /// Inserts a new character with no limit on its owner's characters (`insert(_:change:room:)`).
    public func insert(_ character: CharacterRecord, change: CharacterChange) async throws(StoreError) -> CharacterRecord {
        try await insert(character, change: change, room: nil)
    }

    /// Every deleted character of the user, the latest deleted first.
    public func deletedCharacters(userID: Int64) async throws -> [DeletedCharacter] {
        try await deletedCharacters(userID: userID, after: nil, limit: nil)
    }
}

extension CommunityStore {
    /// Creates or replaces a chronicle, leaving its bot links as they are.
    public func save(_ chronicle: Chronicle) async throws {
        try await save(chronicle, addingBots: [])
    }
}

extension TransferStore {
    /// Every row of a table, page by page (`body` gets each page in key order), for `rod export`.
    public func exportRows(_ table: ExportTable, pageSize: Int = 500, _ body: ([JSONObject]) async throws -> Void) async throws {
        var after = Int64.min
        while true {
            let page = try await exportRows(table, after: after, limit: pageSize)
            if page.isEmpty { return }
            try await body(page)
            guard table.isPaged, page.count == pageSize, let last = page.last?["id"]?.intValue else { return }
            after = last
        }
    }
}
