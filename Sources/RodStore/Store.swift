import RodCore

/// Why a store refused a write.
public enum StoreError: Error, Sendable, Equatable {
    /// The user already has a character with this name (compared regardless of case).
    case duplicateName
    /// A referenced row does not exist (an unknown chronicle, a deleted user).
    case missingReference
    /// A problem of the database itself, with its message.
    case database(String)
}

/// Everything the services read and write. One implementation per database; every implementation
/// passes the same conformance tests. Each method is one transaction.
public protocol Store: Sendable {
    /// Brings the schema up to date. Safe to run at every start.
    func migrate() async throws

    // MARK: Users

    func user(id: Int64) async throws -> User?
    /// Creates or replaces a user.
    func save(_ user: User) async throws
    /// The user, created with an empty name if unknown (a later `user/update` fills it in).
    func ensureUser(id: Int64, now: Double) async throws -> User

    // MARK: Chronicles and members

    func chronicle(id: Int64) async throws -> Chronicle?
    /// Creates or replaces a chronicle.
    func save(_ chronicle: Chronicle) async throws
    func member(chronicleID: Int64, userID: Int64) async throws -> Member?
    func members(userID: Int64) async throws -> [Member]
    /// The user's membership in the chronicle, created (neither admin nor storyteller) if missing.
    /// Throws `missingReference` when the chronicle or the user does not exist.
    func ensureMember(chronicleID: Int64, userID: Int64, now: Double) async throws -> Member
    /// Creates or replaces a membership; a zero `id` creates one and returns it with its id.
    func save(_ member: Member) async throws -> Member

    // MARK: Characters

    func character(id: Int64) async throws -> Character?
    /// Matching characters, in id order.
    func characters(_ query: CharacterQuery) async throws -> [Character]
    /// Matching characters' id, name and splat, in id order, without reading their documents.
    func characterSummaries(_ query: CharacterQuery) async throws -> [CharacterSummary]
    /// How many characters the user has; restricted to one chronicle when given.
    func characterCounts(userID: Int64, chronicleID: Int64?) async throws -> CharacterCounts
    /// Inserts a new character (its `id` is ignored and assigned) at revision 1, with its history row.
    func insert(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character
    /// Replaces a character if its stored revision is still `character.revision`; stores it at the next
    /// revision with its history row. Returns nil, writing nothing, when the revision has moved on
    /// (the character was changed or deleted meanwhile).
    func update(_ character: Character, change: CharacterChange) async throws(StoreError) -> Character?
    /// Deletes characters, recording each one's last state in its history. Returns those that existed.
    func deleteCharacters(ids: [Int64], change: CharacterChange) async throws -> [Character]
    /// Every recorded change of a character, oldest first; kept after the character is deleted.
    func history(characterID: Int64) async throws -> [HistoryEntry]
}
