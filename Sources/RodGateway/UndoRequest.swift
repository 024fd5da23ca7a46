import RodCore
import RodServices

/// The gateway's undo, sent as `{"op": 1, "t": "undo", "d": {"nonce": <any, echoed>, "id": "12", "revision": 8}}`:
/// undoes the sender's own last change to the character, if nobody changed it since (`revision` is the one the page
/// saw; otherwise `UNDO_ERROR` with reason `stale`, as a field update). The undo is a restore of the revision before
/// that change, recorded in the history as one.
struct UndoRequest: GatewayWriteRequest {
    static let name = "undo"
    static let errorEvent = "UNDO_ERROR"

    let nonce: JSON
    let characterID: Int64
    let revision: Int64

    var key: String? { nil }

    static func parse(_ data: JSON) -> Result<UndoRequest, FieldUpdateFailure> {
        guard case .object(let d) = data else {
            return .failure(.malformed(event: errorEvent, nonce: .null, "`d` must be an object."))
        }
        let nonce = d["nonce"] ?? .null
        guard let id = d["id"]?.coercedInteger else {
            return .failure(.malformed(event: errorEvent, nonce: nonce, "`id` must be the character's id.", id: d["id"]))
        }
        guard let revision = d["revision"]?.coercedInteger else {
            return .failure(
                .malformed(
                    event: errorEvent, nonce: nonce, "`revision` must be the character's revision the page saw.", id: d["id"]))
        }
        return .success(UndoRequest(nonce: nonce, characterID: id, revision: revision))
    }

    /// `UNDONE`, to the sender: the character's new revision and the revision it went back to. Every follower of the
    /// character also receives `UPDATE_CHARACTER`.
    func accepted(_ character: CharacterRecord, restored: Int64) -> [UInt8] {
        var d = JSONObject()
        d.appendNew("nonce", nonce)
        d.appendNew("id", .string(String(characterID)))
        d.appendNew("revision", .int(character.revision))
        d.appendNew("restored_revision", .int(restored))
        return OutboundFrame.dispatch("UNDONE", .object(d))
    }
}
