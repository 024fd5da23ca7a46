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

/// READY's `d`, in parts, and what the socket follows from then on. The characters' tracker views come rendered
/// (`GatewayText`), so that a backend renders each character once per revision however many READYs carry it, and the
/// frame is written out part by part (`ReadyFrame`) rather than built whole.
public struct GatewayReady: Sendable, Equatable {
    /// `user`: the user's gateway shape.
    public let user: JSON
    /// `members`: by chronicle id, its members' gateway shapes by user id.
    public let memberShapes: JSONObject
    /// `chronicles`: by chronicle id, its gateway shape.
    public let chronicleShapes: JSONObject
    /// `characters` (their tracker views by id) and `revisions`, in this order: those of a splat the backend knows.
    public let characters: [ReadyCharacter]
    /// The chronicles the user belongs to, and those where they are staff.
    public let chronicles: [Int64]
    public let staffIn: Set<Int64>
    public let members: [FollowedMember]

    public init(
        user: JSON, memberShapes: JSONObject, chronicleShapes: JSONObject, characters: [ReadyCharacter],
        chronicles: [Int64], staffIn: Set<Int64>, members: [FollowedMember]
    ) {
        self.user = user
        self.memberShapes = memberShapes
        self.chronicleShapes = chronicleShapes
        self.characters = characters
        self.chronicles = chronicles
        self.staffIn = staffIn
        self.members = members
    }

    /// READY's `d` as one value (what `ReadyFrame` writes in parts): for tests and tools, not for sending.
    public var data: JSON {
        var characters = JSONObject()
        var revisions = JSONObject()
        for character in self.characters {
            characters[String(character.id)] = (try? JSON.parse(character.tracker.bytes)) ?? .null
            revisions[String(character.id)] = .int(character.revision)
        }
        var d = JSONObject()
        d.appendNew("user", user)
        d.appendNew("members", .object(memberShapes))
        d.appendNew("characters", .object(characters))
        d.appendNew("chronicles", .object(chronicleShapes))
        // Not in the original: each character's revision, which field updates name.
        d.appendNew("revisions", .object(revisions))
        return .object(d)
    }
}

/// A character READY lists: where it sits (who may see it is decided on that), its revision, and its tracker view.
public struct ReadyCharacter: Sendable, Equatable {
    public let id: Int64
    public let owner: Int64
    public let chronicle: Int64?
    public let revision: Int64
    public let tracker: GatewayText

    public init(id: Int64, owner: Int64, chronicle: Int64?, revision: Int64, tracker: GatewayText) {
        self.id = id
        self.owner = owner
        self.chronicle = chronicle
        self.revision = revision
        self.tracker = tracker
    }
}

/// A JSON value rendered once, to be written as is into any number of frames (by default as the gateway writes it:
/// Python's `json.dumps`, a space after `:` and `,`, non-ASCII escaped) or answers.
public struct GatewayText: Sendable, Equatable {
    public let bytes: [UInt8]

    /// Kept at its exact size: the serializer reserves room for a large value, and thousands of these are kept
    /// (`RenderingCache`). In Python's style, as the gateway's frames are, unless told otherwise.
    public init(_ value: JSON, style: JSON.Style = .python) {
        bytes = value.serialized(style).withUnsafeBufferPointer { Array($0) }
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
