import RodChannels
import RodCore

/// The original's opcodes (`backend/gateway/constants.py`).
public enum GatewayOpcode: Int64, Sendable {
    /// Server → client: every event.
    case dispatch = 0
    /// Client → server: `sheet_subscribe`, and this server's `field_update` and `undo`.
    case request = 1
    /// Client → server; answered with `heartbeatACK`.
    case heartbeat = 2
    /// Client → server; answered with `READY`.
    case identify = 3
    /// Server → client, once, right after the connection opens.
    case welcome = 4
    case heartbeatACK = 5
    /// Client → server; ignored, as in the original.
    case refresh = 6
}

/// A frame as the client sent it (`{"op": <int>, "d": <payload>, "t": <name>}`), parsed once where it arrives
/// (`Gateway.serve`); the connection's state machine only ever sees these.
enum ClientFrame: Sendable, Equatable {
    case identify
    case heartbeat
    /// `sheet_subscribe`: the sheet page open on this socket (`d.id`; falsy clears it).
    case selectSheet(JSON?)
    case write(WriteRequest)
    /// A `field_update` or `undo` whose `d` is not one: refused to its sender as a bad request.
    case malformed(MalformedWrite)
    /// Text that is not a frame, `refresh`, or an opcode or request this server does not know: ignored, as the
    /// original ignores them.
    case ignored(op: Int64?, name: String?)

    init(_ text: String) {
        guard case .object(let object)? = try? JSON.parse(text), let op = object["op"]?.intValue else {
            self = .ignored(op: nil, name: nil)
            return
        }
        let data = object["d"] ?? .null
        let name = object["t"]?.stringValue
        switch GatewayOpcode(rawValue: op) {
        case .identify: self = .identify
        case .heartbeat: self = .heartbeat
        case .request where name == "sheet_subscribe": self = .selectSheet(data["id"])
        case .request where name == WriteKind.fieldUpdate.name:
            switch FieldUpdateRequest.parse(data) {
            case .success(let request): self = .write(.field(request))
            case .failure(let malformed): self = .malformed(malformed)
            }
        case .request where name == WriteKind.undo.name:
            switch UndoRequest.parse(data) {
            case .success(let request): self = .write(.undo(request))
            case .failure(let malformed): self = .malformed(malformed)
            }
        default: self = .ignored(op: op, name: name)
        }
    }
}

/// The two writes a socket may ask for. Both pass the same checks (signed in, session alive, quota, rate) and are
/// refused with the same reasons, each in its own event (`FIELD_ERROR`, `UNDO_ERROR`).
enum WriteKind: Sendable, Equatable {
    case fieldUpdate
    case undo

    /// The request's `t`.
    var name: String {
        switch self {
        case .fieldUpdate: "field_update"
        case .undo: "undo"
        }
    }

    var errorEvent: String {
        switch self {
        case .fieldUpdate: "FIELD_ERROR"
        case .undo: "UNDO_ERROR"
        }
    }
}

/// A write a socket asked for.
enum WriteRequest: Sendable, Equatable {
    case field(FieldUpdateRequest)
    case undo(UndoRequest)

    var kind: WriteKind {
        switch self {
        case .field: .fieldUpdate
        case .undo: .undo
        }
    }

    var nonce: JSON {
        switch self {
        case .field(let request): request.nonce
        case .undo(let request): request.nonce
        }
    }

    var characterID: Int64 {
        switch self {
        case .field(let request): request.characterID
        case .undo(let request): request.characterID
        }
    }

    var revision: Int64 {
        switch self {
        case .field(let request): request.revision
        case .undo(let request): request.revision
        }
    }

    /// The field a field update edits; nil for an undo (its errors are the whole character's).
    var key: String? {
        switch self {
        case .field(let request): request.field
        case .undo: nil
        }
    }
}

/// Why a write's `d` cannot be read, with what could be read of it to echo.
struct MalformedWrite: Error, Sendable, Equatable {
    let kind: WriteKind
    let nonce: JSON
    let message: String
    var id: JSON?
    var field: String?
}

/// The character as stored when a write was refused as stale, so that the page can show it and retry.
struct StoredState: Sendable, Equatable {
    let revision: Int64
    /// The field as stored now (a field update's); nil for an undo.
    let value: JSON?
}

/// Every frame the server sends, rendered once (`bytes`) as the original's `json.dumps` writes them: keys `op, d,
/// t`, a space after `:` and `,`, non-ASCII escaped.
enum ServerFrame: Sendable, Equatable {
    case welcome
    case heartbeatACK
    /// `READY`: the user's state; an empty object for an anonymous socket.
    case ready(JSON)
    /// `ERROR`: READY could not be read.
    case error(String)
    /// `UPDATE_CHARACTER`, with the sheet when the socket has the character's page open.
    case character(GatewayEvent.CharacterEvent, sheet: Bool)
    /// `DELETE_CHARACTER`: the character was deleted, or the user may no longer see it.
    case characterDeleted(Int64)
    /// `UPDATE_MEMBER` and `DELETE_MEMBER`, with the gateway's shape of the membership.
    case member(JSON)
    case memberDeleted(JSON)
    /// `UPDATE_USER` and `UPDATE_CHRONICLE`, with their gateway shapes.
    case user(JSON)
    case chronicle(JSON)
    /// `FIELD_UPDATED`, to the sender: the field's new value at the new revision (every follower of the character also
    /// receives `UPDATE_CHARACTER`).
    case fieldUpdated(FieldUpdateRequest, revision: Int64, value: JSON)
    /// `UNDONE`, to the sender: the character's new revision and the revision it went back to.
    case undone(UndoRequest, revision: Int64, restored: Int64)
    /// `FIELD_ERROR` or `UNDO_ERROR`, reason `bad_request`.
    case malformed(MalformedWrite)
    /// `FIELD_ERROR` or `UNDO_ERROR`: the write was refused, and why; with the stored state when it was stale.
    case refused(WriteRequest, reason: String, errors: ValidationErrors, stored: StoredState? = nil)

    /// The key under which the frame built from a channel message is shared by every socket that sends it.
    var sharedKey: String {
        switch self {
        case .character(_, let sheet): sheet ? "character+sheet" : "character"
        case .member: "member"
        case .memberDeleted: "member.delete"
        case .user: "user"
        case .chronicle: "chronicle"
        default: "frame"
        }
    }

    var bytes: [UInt8] {
        switch self {
        case .welcome: Self.render(op: .welcome)
        case .heartbeatACK: Self.render(op: .heartbeatACK)
        case .ready(let data): Self.dispatch("READY", data)
        case .error(let message): Self.dispatch("ERROR", ["message": .string(message)])
        case .character(let character, let sheet):
            Self.dispatch("UPDATE_CHARACTER", Self.character(character, sheet: sheet))
        case .characterDeleted(let id): Self.dispatch("DELETE_CHARACTER", ["id": .string(String(id))])
        case .member(let shape): Self.dispatch("UPDATE_MEMBER", ["member": shape])
        case .memberDeleted(let shape): Self.dispatch("DELETE_MEMBER", ["member": shape])
        case .user(let shape): Self.dispatch("UPDATE_USER", ["user": shape])
        case .chronicle(let shape): Self.dispatch("UPDATE_CHRONICLE", ["chronicle": shape])
        case .fieldUpdated(let request, let revision, let value):
            Self.dispatch(
                "FIELD_UPDATED",
                Self.object([
                    ("nonce", request.nonce), ("id", .string(String(request.characterID))), ("key", .string(request.field)),
                    ("revision", .int(revision)), ("value", value),
                ]))
        case .undone(let request, let revision, let restored):
            Self.dispatch(
                "UNDONE",
                Self.object([
                    ("nonce", request.nonce), ("id", .string(String(request.characterID))), ("revision", .int(revision)),
                    ("restored_revision", .int(restored)),
                ]))
        case .malformed(let malformed): Self.dispatch(malformed.kind.errorEvent, Self.malformed(malformed))
        case .refused(let request, let reason, let errors, let stored):
            Self.dispatch(request.kind.errorEvent, Self.refusal(request, reason: reason, errors: errors, stored: stored))
        }
    }

    // MARK: Rendering

    static func render(op: GatewayOpcode, data: JSON = .null, name: String? = nil) -> [UInt8] {
        object([("op", .int(op.rawValue)), ("d", data), ("t", name.map(JSON.string) ?? .null)]).serialized(.python)
    }

    static func dispatch(_ name: String, _ data: JSON) -> [UInt8] { render(op: .dispatch, data: data, name: name) }

    /// An object with its keys in this order.
    private static func object(_ pairs: [(String, JSON)]) -> JSON {
        var object = JSONObject()
        for (key, value) in pairs { object.appendNew(key, value) }
        return .object(object)
    }

    private static func character(_ character: GatewayEvent.CharacterEvent, sheet: Bool) -> JSON {
        var d = JSONObject()
        d.appendNew("character", character.tracker)
        d.appendNew("id", .int(character.id))
        if sheet { d.appendNew("sheet", character.sheet ?? .null) }
        d.appendNew("revision", .int(character.revision))
        return .object(d)
    }

    /// `{"nonce", "id", "key", "reason": "bad_request", "errors"}` (an undo's without `key`).
    private static func malformed(_ malformed: MalformedWrite) -> JSON {
        var d = JSONObject()
        d.appendNew("nonce", malformed.nonce)
        d.appendNew("id", malformed.id.map { .string($0.stringValue ?? $0.serializedString()) } ?? .null)
        if malformed.kind == .fieldUpdate { d.appendNew("key", malformed.field.map(JSON.string) ?? .null) }
        d.appendNew("reason", "bad_request")
        d.appendNew(
            "errors", ValidationErrors(malformed.field ?? ValidationErrors.nonField, ValidationMessage(malformed.message)).json)
        return .object(d)
    }

    /// `{"nonce", "id", "key", "reason", "errors": {field: [messages]}}` (an undo's without `key`), plus `revision` (and
    /// a field update's `value`, the field as stored now) when the character was read.
    private static func refusal(
        _ request: WriteRequest, reason: String, errors: ValidationErrors, stored: StoredState?
    ) -> JSON {
        var d = JSONObject()
        d.appendNew("nonce", request.nonce)
        d.appendNew("id", .string(String(request.characterID)))
        if let key = request.key { d.appendNew("key", .string(key)) }
        d.appendNew("reason", .string(reason))
        d.appendNew("errors", errors.json)
        if let stored {
            d.appendNew("revision", .int(stored.revision))
            if request.key != nil { d.appendNew("value", stored.value ?? .null) }
        }
        return .object(d)
    }
}
