import RodCore
import RodServices

/// The gateway's field update, sent as `{"op": 1, "t": "field_update", "d": {...}}`:
///
///     {"nonce": <any, echoed>, "id": "12", "key": "hunger", "revision": 7, "value": 3}
///
/// with exactly one edit: `value` (replace), `add` (integer traits), `damage` (`{"superficial": 1}` on a damage track
/// such as `health`), `append` (list traits), `remove` (a list position or an object entry's name), or `entry`
/// (`{"name": "Auspex", "value": {...}}` on object traits). `revision` is the character's revision the client saw.
struct FieldUpdateRequest: GatewayWriteRequest {
    static let name = "field_update"
    static let errorEvent = "FIELD_ERROR"
    static let edits = ["value", "add", "damage", "append", "remove", "entry"]

    let nonce: JSON
    let characterID: Int64
    let field: String
    let revision: Int64
    let edit: FieldEdit

    var key: String? { field }

    /// The request, or why it is malformed (as errors by field).
    static func parse(_ data: JSON) -> Result<FieldUpdateRequest, FieldUpdateFailure> {
        guard case .object(let d) = data else {
            return .failure(.malformed(event: errorEvent, nonce: .null, "`d` must be an object."))
        }
        let nonce = d["nonce"] ?? .null
        func malformed(_ message: String) -> Result<FieldUpdateRequest, FieldUpdateFailure> {
            .failure(.malformed(event: errorEvent, nonce: nonce, message, id: d["id"], field: d["key"]?.stringValue))
        }
        guard let id = d["id"]?.coercedInteger else { return malformed("`id` must be the character's id.") }
        guard let field = d["key"]?.stringValue, !field.isEmpty else { return malformed("`key` must name a field.") }
        guard let revision = d["revision"]?.coercedInteger else {
            return malformed("`revision` must be the character's revision the edit was made against.")
        }
        let sent = edits.filter { d[$0] != nil }
        guard sent.count == 1, let kind = sent.first, let argument = d[kind] else {
            return malformed("Send exactly one of \(edits.joined(separator: ", ")).")
        }
        let edit: FieldEdit
        switch kind {
        case "value":
            edit = .set(argument)
        case "add":
            guard let amount = argument.coercedInteger else { return malformed("`add` must be an integer.") }
            edit = .add(amount)
        case "damage":
            guard case .object(let levels) = argument, !levels.isEmpty else {
                return malformed("`damage` must be an object of damage levels and points.")
            }
            var points: [String: Int64] = [:]
            for (level, value) in levels {
                guard let amount = value.coercedInteger else { return malformed("Damage points must be integers.") }
                points[level] = amount
            }
            edit = .damage(points)
        case "append":
            edit = .append(argument)
        case "remove":
            edit = .remove(argument)
        default:
            guard let name = argument["name"]?.stringValue, let value = argument["value"] else {
                return malformed("`entry` must be {\"name\": <text>, \"value\": <entry>}.")
            }
            edit = .entry(name: name, value: value)
        }
        return .success(FieldUpdateRequest(nonce: nonce, characterID: id, field: field, revision: revision, edit: edit))
    }

    /// `FIELD_UPDATED`, to the sender: the field's new value at the new revision. Every follower of the character also
    /// receives `UPDATE_CHARACTER`.
    func accepted(_ character: CharacterRecord, value: JSON) -> [UInt8] {
        var d = JSONObject()
        d.appendNew("nonce", nonce)
        d.appendNew("id", .string(String(characterID)))
        d.appendNew("key", .string(field))
        d.appendNew("revision", .int(character.revision))
        d.appendNew("value", value)
        return OutboundFrame.dispatch("FIELD_UPDATED", .object(d))
    }
}

/// A write a socket asks for: a field update or an undo. Both pass the same checks (signed in, session alive, quota,
/// rate) and are refused with the same reasons, each in its own event (`FIELD_ERROR`, `UNDO_ERROR`).
protocol GatewayWriteRequest: Sendable {
    static var errorEvent: String { get }
    var nonce: JSON { get }
    var characterID: Int64 { get }
    var revision: Int64 { get }
    /// The field a field update edits; nil for an undo (its errors are the whole character's).
    var key: String? { get }
}

/// Why a write was refused; sent only to its sender (`FIELD_ERROR` or `UNDO_ERROR`), and the socket stays open.
enum FieldUpdateFailure: Error {
    case malformed(event: String, nonce: JSON, String, id: JSON? = nil, field: String? = nil)
    case refused(
        any GatewayWriteRequest, reason: String, errors: ValidationErrors, current: CharacterRecord? = nil, value: JSON? = nil)

    /// `{"nonce", "id", "key", "reason", "errors": {field: [messages]}}` (an undo's without `key`), plus `revision`
    /// (and a field update's `value`, the field as stored now) when the character was read, so that a stale client can
    /// show the current state and retry.
    var frame: [UInt8] {
        var d = JSONObject()
        let event: String
        switch self {
        case .malformed(let name, let nonce, let message, let id, let field):
            event = name
            d.appendNew("nonce", nonce)
            d.appendNew("id", id.map { .string($0.stringValue ?? $0.serializedString()) } ?? .null)
            if name == FieldUpdateRequest.errorEvent { d.appendNew("key", field.map(JSON.string) ?? .null) }
            d.appendNew("reason", "bad_request")
            d.appendNew("errors", ValidationErrors(field ?? ValidationErrors.nonField, ValidationMessage(message)).json)
        case .refused(let request, let reason, let errors, let current, let value):
            event = type(of: request).errorEvent
            d.appendNew("nonce", request.nonce)
            d.appendNew("id", .string(String(request.characterID)))
            if let key = request.key { d.appendNew("key", .string(key)) }
            d.appendNew("reason", .string(reason))
            d.appendNew("errors", errors.json)
            if let current {
                d.appendNew("revision", .int(current.revision))
                if request.key != nil { d.appendNew("value", value ?? .null) }
            }
        }
        return OutboundFrame.dispatch(event, .object(d))
    }
}
