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
    let trackerCache: RenderingCache
    /// Where a write's session is checked: the web's sessions, cached (nil: read from the store at each write).
    let sessions: SessionService?
    let logger: Logger
    let clock: @Sendable () -> Double

    public init(
        registry: Registry, store: any CharacterStore & CommunityStore & UserStore & SessionStore,
        characters: CharacterService, quotas: QuotaService, trackerCache: RenderingCache = RenderingCache(),
        sessions: SessionService? = nil, logger: Logger,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.registry = registry
        self.store = store
        self.characters = characters
        self.quotas = quotas
        self.trackerCache = trackerCache
        self.sessions = sessions
        self.logger = logger
        self.clock = clock
    }

    /// The user's chronicles (with every member and character for staff, their own otherwise) and characters, read in
    /// a few batched reads whatever their number: memberships, each chronicle with its roster, the roster's users at
    /// once, the characters' stamps at once per chronicle; only characters whose rendering at that revision is not
    /// kept (`RenderingCache`) are read whole, in batches.
    public func ready(for user: User) async throws -> GatewayReady {
        var ready = ReadyBuilder(user: user)
        var stamps: [CharacterStamp] = []
        for membership in try await store.members(userID: user.id).sorted(by: { $0.chronicleID < $1.chronicleID }) {
            guard let chronicle = try await store.chronicle(id: membership.chronicleID) else { continue }
            // Staff see every member and character of the chronicle; players their own membership and characters.
            let staff = membership.isStaff
            ready.add(chronicle, staff: staff, roster: staff ? try await store.members(chronicleID: chronicle.id) : [membership])
            stamps += try await store.characterStamps(
                CharacterQuery(userID: staff ? nil : user.id, chronicle: .id(chronicle.id)))
        }
        stamps += try await store.characterStamps(CharacterQuery(userID: user.id, chronicle: .none))
        ready.users = try await store.users(ids: ready.rosterUserIDs)
        ready.characters = try await trackers(of: stamps.filter { registry.splat($0.splat) != nil })
        return ready.result
    }

    /// READY's characters, in the stamps' order: each rendering kept at its stamp's revision, the others read in
    /// batches, rendered and kept (a batch's records are let go before the next is read: ten thousand characters'
    /// documents are never held at once). Large READYs render one at a time, so one that waited finds kept what
    /// another rendered meanwhile. A character deleted since its stamp was read is left out; one changed since is listed at
    /// the revision read.
    private func trackers(of stamps: [CharacterStamp]) async throws -> [ReadyCharacter] {
        var kept = trackerCache.renderings(of: stamps)
        var read: [Int64: ReadyCharacter] = [:]
        let missingCount = kept.count { $0 == nil }
        if missingCount > 0 {
            try await trackerCache.rendering(missing: missingCount) {
                kept = trackerCache.renderings(of: stamps)
                let missing = zip(stamps, kept).compactMap { $1 == nil ? $0.id : nil }
                for batch in CharacterQuery(ids: missing).splitByIDs(size: SQL.listBatch) where !batch.selectsNothing {
                    var rendered: [(character: CharacterRecord, text: GatewayText)] = []
                    for character in try await store.characters(batch) {
                        guard let splat = registry.splat(character.splat) else { continue }
                        let text = GatewayText(splat.tracker(character))
                        rendered.append((character, text))
                        read[character.id] = ReadyCharacter(
                            id: character.id, owner: character.userID, chronicle: character.chronicleID,
                            revision: character.revision, tracker: text)
                    }
                    trackerCache.keep(rendered)
                }
            }
        }
        return zip(stamps, kept).compactMap { stamp, text in
            guard let text else { return read[stamp.id] }
            return ReadyCharacter(
                id: stamp.id, owner: stamp.userID, chronicle: stamp.chronicleID, revision: stamp.revision, tracker: text)
        }
    }

    public func staffView(of chronicleID: Int64) async throws -> GatewayStaffView {
        let roster = try await store.members(chronicleID: chronicleID)
        let users = Dictionary(
            try await store.users(ids: roster.map(\.userID)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let members = roster.map { ($0.followed, GatewayShapes.member($0, user: users[$0.userID])) }
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
            if let session, try await !isLive(session) { return .signedOut }
            if let wait = try await quotas.admit(user) { return .throttled(seconds: wait) }
            return .admitted
        } catch {
            logger.error("gateway: cannot check a session or quota", metadata: ["error": "\(error)"])
            return .unavailable
        }
    }

    private func isLive(_ session: Session) async throws -> Bool {
        guard let sessions else { return try await store.session(tokenHash: session.tokenHash, now: clock()) != nil }
        return try await sessions.live(tokenHash: session.tokenHash) != nil
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

/// READY as it is read: the user's chronicles with their rosters, then the rosters' users, then the characters.
private struct ReadyBuilder {
    let user: User
    /// The users of the rosters, read at once after them.
    var users: [User] = []
    var characters: [ReadyCharacter] = []
    private var rosters: [(chronicle: Int64, roster: [Member])] = []
    private var chronicles = JSONObject()
    private var chronicleIDs: [Int64] = []
    private var staffIn: Set<Int64> = []

    init(user: User) {
        self.user = user
    }

    mutating func add(_ chronicle: Chronicle, staff: Bool, roster: [Member]) {
        chronicleIDs.append(chronicle.id)
        if staff { staffIn.insert(chronicle.id) }
        chronicles[String(chronicle.id)] = GatewayShapes.chronicle(chronicle)
        rosters.append((chronicle.id, roster))
    }

    /// Every user of the rosters but the user themself, once each.
    var rosterUserIDs: [Int64] {
        Array(Set(rosters.flatMap { $0.roster.map(\.userID) }).subtracting([user.id]))
    }

    var result: GatewayReady {
        var usersByID = Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        usersByID[user.id] = user
        var members = JSONObject()
        for (chronicle, roster) in rosters {
            var shapes = JSONObject()
            for member in roster { shapes[String(member.userID)] = GatewayShapes.member(member, user: usersByID[member.userID]) }
            members[String(chronicle)] = .object(shapes)
        }
        return GatewayReady(
            user: GatewayShapes.user(user), memberShapes: members, chronicleShapes: chronicles, characters: characters,
            chronicles: chronicleIDs, staffIn: staffIn, members: rosters.flatMap { $0.roster.map(\.followed) })
    }
}

extension Member {
    fileprivate var followed: FollowedMember { FollowedMember(id: id, chronicle: chronicleID, user: userID) }
}
