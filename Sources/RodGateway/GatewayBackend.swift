import RodChannels
import RodCore

/// What the gateway asks of the rest of the server, as values: READY, what staff of a chronicle follow, a character's
/// sheet, a chronicle's shape, whether a socket may write now, and the writes. The gateway reads no store and decides
/// no permission itself: `GatewayService` (RodServices) answers these through the services.
public protocol GatewayBackend: Sendable {
    /// READY's `d` for the user, and what their socket follows from then on.
    func ready(for user: User) async throws -> GatewayReady
    /// Every member and character of a chronicle, for a user who became its staff.
    func staffView(of chronicleID: Int64) async throws -> GatewayStaffView
    /// A character with its sheet, as an open sheet page shows it; nil when it is gone or of an unknown splat.
    func sheet(of characterID: Int64) async throws -> GatewayEvent.CharacterEvent?
    /// The chronicle's gateway shape (`UPDATE_CHRONICLE`); nil when it is gone.
    func chronicle(_ id: Int64) async throws -> JSON?
    /// Whether a signed-in socket may write now: its session is still live (it may have ended in another process),
    /// and the user's daily quota, shared with the web API, has room.
    func admit(_ user: User, session: Session?) async -> GatewayAdmission
    func updateField(_ request: FieldUpdateRequest, by user: User) async -> GatewayWriteOutcome
    func undo(_ request: UndoRequest, by user: User) async -> GatewayWriteOutcome
}

/// READY's `d`, and what the socket follows from then on.
public struct GatewayReady: Sendable {
    public let data: JSON
    /// The chronicles the user belongs to, and those where they are staff.
    public let chronicles: [Int64]
    public let staffIn: Set<Int64>
    public let members: [FollowedMember]
    /// Those of a splat the registry knows.
    public let characters: [CharacterRecord]

    public init(
        data: JSON, chronicles: [Int64], staffIn: Set<Int64>, members: [FollowedMember], characters: [CharacterRecord]
    ) {
        self.data = data
        self.chronicles = chronicles
        self.staffIn = staffIn
        self.members = members
        self.characters = characters
    }
}

/// A membership a socket follows.
public struct FollowedMember: Sendable, Equatable {
    public let id: Int64
    public let chronicle: Int64
    public let user: Int64

    public init(id: Int64, chronicle: Int64, user: Int64) {
        self.id = id
        self.chronicle = chronicle
        self.user = user
    }
}

/// What a user who became staff of a chronicle follows: its members with their gateway shapes, and its characters.
public struct GatewayStaffView: Sendable {
    public let members: [(member: FollowedMember, shape: JSON)]
    public let characters: [GatewayEvent.CharacterEvent]

    public init(members: [(member: FollowedMember, shape: JSON)], characters: [GatewayEvent.CharacterEvent]) {
        self.members = members
        self.characters = characters
    }
}

/// Whether a signed-in socket may write now.
public enum GatewayAdmission: Sendable, Equatable {
    case admitted
    case signedOut
    case throttled(seconds: Int)
    /// The session or the quota could not be read.
    case unavailable
}

/// What a write did.
public enum GatewayWriteOutcome: Sendable, Equatable {
    /// The field update was stored at `revision`; `value` is the field as stored.
    case stored(revision: Int64, value: JSON?)
    /// The undo was stored at `revision`, restoring `restored`.
    case undone(revision: Int64, restored: Int64)
    case refused(GatewayRefusal)
}

/// Why a write was refused, as its sender is told (`FIELD_ERROR`, `UNDO_ERROR`).
public enum GatewayRefusal: Sendable, Equatable {
    /// The character moved on from the revision the write named: it is at `revision`, the field as stored now `value`.
    case stale(revision: Int64, value: JSON?)
    case invalid(ValidationErrors)
    /// The storyteller's lock keeps these fields from the player.
    case locked(ValidationErrors)
    case forbidden
    case notFound
    case notASheet
    /// Another write to the character kept winning.
    case busy
    /// The database cannot be reached; try again after `retryAfter` seconds (nil: unknown, a failure of its own).
    case unavailable(retryAfter: Int?)
}
