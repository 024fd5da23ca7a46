import RodCore

/// The gateway's field update, sent as `{"op": 1, "t": "field_update", "d": {...}}`:
///
///     {"nonce": <any, echoed>, "id": "12", "key": "hunger", "revision": 7, "value": 3}
///
/// with exactly one edit: `value` (replace), `add` (integer traits), `damage` (`{"superficial": 1}` on a damage track
/// such as `health`), `append` (list traits), `remove` (a list position or an object entry's name), or `entry`
/// (`{"name": "Auspex", "value": {...}}` on object traits). `revision` is the character's revision the client saw.
public struct FieldUpdateRequest: Sendable, Equatable {
    static let edits = ["value", "add", "damage", "append", "remove", "entry"]

    public let nonce: JSON
    public let characterID: Int64
    public let field: String
    /// The character's revision the edit was made against.
    public let revision: Int64
    public let edit: FieldEdit

    /// The request, or why it is malformed (as errors by field).
    static func parse(_ data: JSON) -> Result<FieldUpdateRequest, MalformedWrite> {
        guard case .object(let d) = data else {
            return .failure(MalformedWrite(kind: .fieldUpdate, nonce: .null, message: "`d` must be an object."))
        }
        let nonce = d["nonce"] ?? .null
        func malformed(_ message: String) -> Result<FieldUpdateRequest, MalformedWrite> {
            .failure(
                MalformedWrite(kind: .fieldUpdate, nonce: nonce, message: message, id: d["id"], field: d["key"]?.stringValue))
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
}
