import Logging
import RodChannels
import RodCore
import RodServices
import RodStore

/// Where a followed character sits: who owns it and which chronicle it is in.
struct Placement: Sendable, Equatable {
    var owner: Int64
    var chronicle: Int64?
    /// The newest revision the socket was sent; an event of this one or older is not sent again.
    var revision: Int64
}

extension Placement {
    init(_ character: GatewayEvent.CharacterEvent) {
        self.init(owner: character.owner, chronicle: character.chronicle, revision: character.revision)
    }
}

/// A followed membership.
struct Membership: Sendable, Equatable {
    var chronicle: Int64
    var user: Int64
}

extension Membership {
    init(_ member: GatewayEvent.MemberEvent) { self.init(chronicle: member.chronicle, user: member.user) }
}

/// What a socket reads and writes through the store, as values. Client frames already run in a short-lived child task
/// (see `Gateway.serve`); events that need the store start one of their own (`async let`), because a
/// task keeps the stack memory it grew until it ends and a socket's task lives as long as the socket.
extension Gateway {
    /// READY's `d`, and what the socket follows from then on.
    struct Ready: Sendable {
        let data: JSON
        let chronicles: [Int64]
        let staffIn: Set<Int64>
        let members: [Member]
        /// Those of a splat the registry knows.
        let characters: [CharacterRecord]
    }

    func ready(for user: User) async throws -> Ready {
        var members = JSONObject()
        var visible = JSONObject()
        var chronicles = JSONObject()
        var revisions = JSONObject()
        var users: [Int64: User] = [user.id: user]
        var chronicleIDs: [Int64] = []
        var staffIn: Set<Int64> = []
        var followedMembers: [Member] = []
        var followedCharacters: [CharacterRecord] = []
        func follow(_ character: CharacterRecord) {
            guard let splat = registry.splat(character.splat) else { return }
            visible[String(character.id)] = splat.tracker(character)
            revisions[String(character.id)] = .int(character.revision)
            followedCharacters.append(character)
        }
        for membership in try await store.members(userID: user.id).sorted(by: { $0.chronicleID < $1.chronicleID }) {
            let chronicleID = membership.chronicleID
            guard let chronicle = try await store.chronicle(id: chronicleID) else { continue }
            chronicleIDs.append(chronicleID)
            chronicles[String(chronicleID)] = GatewayShapes.chronicle(chronicle)
            // Staff see every member and character of the chronicle; players their own membership and characters.
            let roster: [Member]
            let characterQuery: CharacterQuery
            if membership.isStaff {
                staffIn.insert(chronicleID)
                roster = try await store.members(chronicleID: chronicleID)
                characterQuery = CharacterQuery(chronicle: .id(chronicleID))
            } else {
                roster = [membership]
                characterQuery = CharacterQuery(userID: user.id, chronicle: .id(chronicleID))
            }
            var chronicleMembers = JSONObject()
            for other in roster {
                if users[other.userID] == nil, let found = try await store.user(id: other.userID) { users[other.userID] = found }
                chronicleMembers[String(other.userID)] = GatewayShapes.member(other, user: users[other.userID])
                followedMembers.append(other)
            }
            members[String(chronicleID)] = .object(chronicleMembers)
            for character in try await store.characters(characterQuery) { follow(character) }
        }
        for character in try await store.characters(CharacterQuery(userID: user.id, chronicle: .none)) { follow(character) }

        var ready = JSONObject()
        ready.appendNew("user", GatewayShapes.user(user))
        ready.appendNew("members", .object(members))
        ready.appendNew("characters", .object(visible))
        ready.appendNew("chronicles", .object(chronicles))
        // Not in the original: each character's revision, which field updates name.
        ready.appendNew("revisions", .object(revisions))
        return Ready(
            data: .object(ready), chronicles: chronicleIDs, staffIn: staffIn, members: followedMembers,
            characters: followedCharacters)
    }

    /// Every member (with their gateway shape) and character of a chronicle, for a user who became its staff;
    /// characters of a splat the registry does not know are left out.
    func staffView(of chronicleID: Int64) async throws -> (
        members: [(Member, JSON)], characters: [GatewayEvent.CharacterEvent]
    ) {
        var members: [(Member, JSON)] = []
        for member in try await store.members(chronicleID: chronicleID) {
            members.append((member, GatewayShapes.member(member, user: try await store.user(id: member.userID))))
        }
        let characters = try await store.characters(CharacterQuery(chronicle: .id(chronicleID))).compactMap { character in
            registry.splat(character.splat).map { GatewayEvent.CharacterEvent(character, splat: $0, withSheet: false) }
        }
        return (members, characters)
    }

    /// A character with its sheet, as an open sheet page shows it; nil when it is gone or of an unknown splat.
    func character(id: Int64) async throws -> GatewayEvent.CharacterEvent? {
        guard let character = try await store.character(id: id), let splat = registry.splat(character.splat) else {
            return nil
        }
        return GatewayEvent.CharacterEvent(character, splat: splat, withSheet: true)
    }

    /// The chronicle's gateway shape (`UPDATE_CHRONICLE`); nil when it is gone.
    func chronicle(id: Int64) async throws -> JSON? {
        try await store.chronicle(id: id).map(GatewayShapes.chronicle)
    }

    /// Whether a signed-in socket may write now: its session is still live, and the user's daily quota (shared with
    /// the web API) has room.
    enum Admission: Equatable {
        case admitted
        case signedOut
        case throttled(seconds: Int)
        case unavailable
    }

    func admit(_ user: User, session: Session?) async -> Admission {
        do {
            if let session, try await store.session(tokenHash: session.tokenHash, now: clock()) == nil { return .signedOut }
            if let wait = try await quotas.admit(user) { return .throttled(seconds: wait) }
            return .admitted
        } catch {
            logger.error("gateway: cannot check a session or quota", metadata: ["error": "\(error)"])
            return .unavailable
        }
    }

    func undo(_ request: UndoRequest, by user: User) async -> Result<
        (character: CharacterRecord, restored: Int64), CharacterWriteError
    > {
        do throws(CharacterWriteError) {
            return .success(try await characters.undo(id: request.characterID, revision: request.revision, by: user))
        } catch {
            return .failure(error)
        }
    }

    func updateField(_ request: FieldUpdateRequest, by user: User) async -> Result<CharacterRecord, CharacterWriteError> {
        do throws(CharacterWriteError) {
            return .success(
                try await characters.updateField(
                    id: request.characterID, field: request.field, edit: request.edit, revision: request.revision, by: user))
        } catch {
            return .failure(error)
        }
    }
}
