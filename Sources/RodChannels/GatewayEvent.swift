import RodCore

/// What the services tell open pages, typed: `Broadcaster` (RodServices) builds these, the gateway's connections
/// (RodGateway) read them, in the same process as they were built. Between processes Redis carries them as the
/// original's events (`json`): a JSON object whose `type` names the event (`character.update`); `init?(json:)` reads
/// one back, once per message received.
public enum GatewayEvent: Sendable, Equatable {
    /// A new character, or one that moved to another chronicle (then with its sheet).
    case characterNew(CharacterEvent)
    case characterUpdate(CharacterEvent)
    case characterDelete(id: Int64)
    /// The gateway's shape of the chronicle (`GatewayShapes.chronicle`).
    case chronicleUpdate(chronicle: JSON)
    /// The gateway's shape of the user (`GatewayShapes.user`).
    case userUpdate(user: JSON)
    /// A web session was revoked: its sockets close.
    case sessionEnd
    case memberNew(MemberEvent)
    /// `staffStatusChanged`: the member gained or lost admin or storyteller.
    case memberUpdate(MemberEvent, staffStatusChanged: Bool)
    case memberDelete(MemberEvent)
    /// Not an event of the original: the channel layer lost events (Redis went away, or a process's events stopped
    /// reaching this one for a while), so every socket of this process reads its state again. Delivered to every
    /// connection, never published.
    case resync

    /// A character as events carry it: its tracker view, its sheet when the event has one, and where it sits.
    public struct CharacterEvent: Sendable, Equatable {
        public let id: Int64
        public let splat: String
        public let revision: Int64
        public let tracker: JSON
        public let sheet: JSON?
        /// Who owns it and which chronicle it is in: who may see it is decided on these.
        public let owner: Int64
        public let chronicle: Int64?

        public init(
            id: Int64, splat: String, revision: Int64, owner: Int64, chronicle: Int64?, tracker: JSON, sheet: JSON?
        ) {
            self.id = id
            self.splat = splat
            self.revision = revision
            self.owner = owner
            self.chronicle = chronicle
            self.tracker = tracker
            self.sheet = sheet
        }
    }

    /// A membership as events carry it: the gateway's shape (`GatewayShapes.member`) and what connections decide on.
    public struct MemberEvent: Sendable, Equatable {
        public let id: Int64
        public let chronicle: Int64
        public let user: Int64
        public let isStaff: Bool
        public let shape: JSON

        /// Nil when the shape lacks its ids.
        public init?(shape: JSON) {
            guard let id = shape["id"]?.coercedInteger, let chronicle = shape["chronicle"]?.coercedInteger,
                let user = shape["user"]?.coercedInteger
            else { return nil }
            self.id = id
            self.chronicle = chronicle
            self.user = user
            isStaff = shape["admin"]?.boolValue == true || shape["storyteller"]?.boolValue == true
            self.shape = shape
        }
    }

    /// The original's channel-layer event.
    public var json: JSONObject {
        var event = JSONObject()
        switch self {
        case .characterNew(let character), .characterUpdate(let character):
            event.appendNew("type", .string(type))
            event.appendNew("id", .int(character.id))
            event.appendNew("tracker", character.tracker)
            if let sheet = character.sheet { event.appendNew("sheet", sheet) }
            event.appendNew("class", .string(character.splat))
            event.appendNew("revision", .int(character.revision))
        case .characterDelete(let id):
            event = ["type": .string(type), "id": .string(String(id))]
        case .chronicleUpdate(let chronicle):
            event = ["type": .string(type), "chronicle": chronicle]
        case .userUpdate(let user):
            event = ["type": .string(type), "user": user]
        case .sessionEnd, .resync:
            event = ["type": .string(type)]
        case .memberNew(let member), .memberDelete(let member):
            event = ["type": .string(type), "member": member.shape]
        case .memberUpdate(let member, let staffStatusChanged):
            event = ["type": .string(type), "member": member.shape, "staff_status_changed": .bool(staffStatusChanged)]
        }
        return event
    }

    /// The event's `type` on the channel layer.
    public var type: String {
        switch self {
        case .characterNew: "character.new"
        case .characterUpdate: "character.update"
        case .characterDelete: "character.delete"
        case .chronicleUpdate: "chronicle.update"
        case .userUpdate: "user.update"
        case .sessionEnd: "session.end"
        case .memberNew: "member.new"
        case .memberUpdate: "member.update"
        case .memberDelete: "member.delete"
        case .resync: "gateway.resync"
        }
    }

    /// Reads an event off the channel layer; nil for an event of another kind or one missing what it must carry.
    public init?(json event: JSONObject) {
        func character() -> CharacterEvent? {
            guard let id = event["id"]?.coercedInteger, let tracker = event["tracker"], tracker["user"]?.coercedInteger != nil
            else { return nil }
            let sheet = event["sheet"].flatMap { $0.isNull ? nil : $0 }
            // The original's event carries the owner and the chronicle in the tracker view only.
            return CharacterEvent(
                id: id, splat: event["class"]?.stringValue ?? "", revision: event["revision"]?.coercedInteger ?? 0,
                owner: tracker["user"]?.coercedInteger ?? 0, chronicle: tracker["chronicle"]?.coercedInteger,
                tracker: tracker, sheet: sheet)
        }
        let member = event["member"].flatMap(MemberEvent.init(shape:))
        switch event["type"]?.stringValue {
        case "character.new":
            guard let character = character() else { return nil }
            self = .characterNew(character)
        case "character.update":
            guard let character = character() else { return nil }
            self = .characterUpdate(character)
        case "character.delete":
            guard let id = event["id"]?.coercedInteger else { return nil }
            self = .characterDelete(id: id)
        case "chronicle.update": self = .chronicleUpdate(chronicle: event["chronicle"] ?? .null)
        case "user.update": self = .userUpdate(user: event["user"] ?? .null)
        case "session.end": self = .sessionEnd
        case "gateway.resync": self = .resync
        case "member.new":
            guard let member else { return nil }
            self = .memberNew(member)
        case "member.update":
            guard let member else { return nil }
            self = .memberUpdate(member, staffStatusChanged: event["staff_status_changed"]?.boolValue == true)
        case "member.delete":
            guard let member else { return nil }
            self = .memberDelete(member)
        default: return nil
        }
    }
}

extension GatewayEvent.CharacterEvent {
    /// The original's character event of a stored character: its tracker view, and its sheet when asked, as its
    /// splat renders them.
    public init(_ character: CharacterRecord, splat: Splat, withSheet: Bool) {
        self.init(
            id: character.id, splat: character.splat, revision: character.revision, owner: character.userID,
            chronicle: character.chronicleID, tracker: splat.tracker(character), sheet: withSheet ? splat.sheet(character) : nil)
    }
}
