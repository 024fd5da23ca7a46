import Foundation
import Logging
import RodChannels
import RodCore
import RodGateway
import RodStore

/// What the gateway asks of the server (`GatewayBackend`), answered through the store and the services: READY and what
/// staff follow, read per chronicle; a socket's admission (its session, the day's quota); its writes, through
/// `CharacterService` with the web's permissions and the storyteller's lock, and their refusals as the gateway says them.
public struct GatewayService: GatewayBackend {
    let registry: Registry
    let store: any CharacterStore & CommunityStore & UserStore & SessionStore
    let characters: CharacterService
    let quotas: QuotaService
    let logger: Logger
    let clock: @Sendable () -> Double

    public init(
        registry: Registry, store: any CharacterStore & CommunityStore & UserStore & SessionStore,
        characters: CharacterService, quotas: QuotaService, logger: Logger,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.registry = registry
        self.store = store
        self.characters = characters
        self.quotas = quotas
        self.logger = logger
        self.clock = clock
    }

    public func ready(for user: User) async throws -> GatewayReady {
        var ready = ReadyBuilder(registry: registry, user: user)
        for membership in try await store.members(userID: user.id).sorted(by: { $0.chronicleID < $1.chronicleID }) {
            guard let chronicle = try await store.chronicle(id: membership.chronicleID) else { continue }
            // Staff see every member and character of the chronicle; players their own membership and characters.
            let roster: [Member]
            let characterQuery: CharacterQuery
            if membership.isStaff {
                roster = try await store.members(chronicleID: chronicle.id)
                characterQuery = CharacterQuery(chronicle: .id(chronicle.id))
            } else {
                roster = [membership]
                characterQuery = CharacterQuery(userID: user.id, chronicle: .id(chronicle.id))
            }
            for other in roster where ready.users[other.userID] == nil {
                if let found = try await store.user(id: other.userID) { ready.users[other.userID] = found }
            }
            ready.add(chronicle, staff: membership.isStaff, roster: roster)
            for character in try await store.characters(characterQuery) { ready.follow(character) }
        }
        for character in try await store.characters(CharacterQuery(userID: user.id, chronicle: .none)) { ready.follow(character) }
        return ready.result
    }

    public func staffView(of chronicleID: Int64) async throws -> GatewayStaffView {
        var members: [(member: FollowedMember, shape: JSON)] = []
        for member in try await store.members(chronicleID: chronicleID) {
            members.append((member.followed, GatewayShapes.member(member, user: try await store.user(id: member.userID))))
        }
        let characters = try await store.characters(CharacterQuery(chronicle: .id(chronicleID))).compactMap { character in
            registry.splat(character.splat).map { GatewayEvent.CharacterEvent(character, splat: $0, withSheet: false) }
        }
        return GatewayStaffView(members: members, characters: characters)
    }

    public func sheet(of characterID: Int64) async throws -> GatewayEvent.CharacterEvent? {
        guard let character = try await store.character(id: characterID), let splat = registry.splat(character.splat) else {
            return nil
        }
        return GatewayEvent.CharacterEvent(character, splat: splat, withSheet: true)
    }

    public func chronicle(_ id: Int64) async throws -> JSON? {
        try await store.chronicle(id: id).map(GatewayShapes.chronicle)
    }

    public func admit(_ user: User, session: Session?) async -> GatewayAdmission {
        do {
            if let session, try await store.session(tokenHash: session.tokenHash, now: clock()) == nil { return .signedOut }
            if let wait = try await quotas.admit(user) { return .throttled(seconds: wait) }
            return .admitted
        } catch {
            logger.error("gateway: cannot check a session or quota", metadata: ["error": "\(error)"])
            return .unavailable
        }
    }

    public func updateField(_ request: FieldUpdateRequest, by user: User) async -> GatewayWriteOutcome {
        func value(_ character: CharacterRecord) -> JSON? {
            registry.splat(character.splat)?.fieldValue(request.field, of: character)
        }
        do throws(CharacterWriteError) {
            let saved = try await characters.updateField(
                id: request.characterID, field: request.field, edit: request.edit, revision: request.revision, by: user)
            return .stored(revision: saved.revision, value: value(saved))
        } catch {
            return .refused(refusal(error, value: value))
        }
    }

    public func undo(_ request: UndoRequest, by user: User) async -> GatewayWriteOutcome {
        do throws(CharacterWriteError) {
            let (character, restored) = try await characters.undo(
                id: request.characterID, revision: request.revision, by: user)
            return .undone(revision: character.revision, restored: restored)
        } catch {
            return .refused(refusal(error, value: { _ in nil }))
        }
    }

    /// A write's failure as the gateway tells its sender; one the rules do not explain is logged.
    private func refusal(_ error: CharacterWriteError, value: (CharacterRecord) -> JSON?) -> GatewayRefusal {
        switch error {
        case .stale(let current): return .stale(revision: current.revision, value: value(current))
        case .invalid(let errors): return .invalid(errors)
        case .locked(let errors): return .locked(errors)
        case .forbidden: return .forbidden
        case .notFound, .unknownSplat: return .notFound
        case .notASheet: return .notASheet
        case .busy: return .busy
        case .unavailable(let wait): return .unavailable(retryAfter: wait)
        default:
            logger.error("gateway: a write failed", metadata: ["error": "\(error)"])
            return .unavailable(retryAfter: nil)
        }
    }
}

/// READY as it is read, chronicle after chronicle: the user's members and characters, and what the socket follows.
private struct ReadyBuilder {
    let registry: Registry
    let user: User
    /// The users of the members read so far, so that each is read once.
    var users: [Int64: User]
    private var members = JSONObject()
    private var visible = JSONObject()
    private var chronicles = JSONObject()
    private var revisions = JSONObject()
    private var chronicleIDs: [Int64] = []
    private var staffIn: Set<Int64> = []
    private var followedMembers: [FollowedMember] = []
    private var followedCharacters: [CharacterRecord] = []

    init(registry: Registry, user: User) {
        self.registry = registry
        self.user = user
        users = [user.id: user]
    }

    mutating func add(_ chronicle: Chronicle, staff: Bool, roster: [Member]) {
        chronicleIDs.append(chronicle.id)
        if staff { staffIn.insert(chronicle.id) }
        chronicles[String(chronicle.id)] = GatewayShapes.chronicle(chronicle)
        var shapes = JSONObject()
        for member in roster {
            shapes[String(member.userID)] = GatewayShapes.member(member, user: users[member.userID])
            followedMembers.append(member.followed)
        }
        members[String(chronicle.id)] = .object(shapes)
    }

    /// A character the user may see, unless its splat is unknown.
    mutating func follow(_ character: CharacterRecord) {
        guard let splat = registry.splat(character.splat) else { return }
        visible[String(character.id)] = splat.tracker(character)
        revisions[String(character.id)] = .int(character.revision)
        followedCharacters.append(character)
    }

    var result: GatewayReady {
        var ready = JSONObject()
        ready.appendNew("user", GatewayShapes.user(user))
        ready.appendNew("members", .object(members))
        ready.appendNew("characters", .object(visible))
        ready.appendNew("chronicles", .object(chronicles))
        // Not in the original: each character's revision, which field updates name.
        ready.appendNew("revisions", .object(revisions))
        return GatewayReady(
            data: .object(ready), chronicles: chronicleIDs, staffIn: staffIn, members: followedMembers,
            characters: followedCharacters)
    }
}

extension Member {
    fileprivate var followed: FollowedMember { FollowedMember(id: id, chronicle: chronicleID, user: userID) }
}
