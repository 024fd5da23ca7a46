import RodCore

/// The gateway's undo, sent as `{"op": 1, "t": "undo", "d": {"nonce": <any, echoed>, "id": "12", "revision": 8}}`:
/// undoes the sender's own last change to the character, if nobody changed it since (`revision` is the one the page
/// saw; otherwise `UNDO_ERROR` with reason `stale`, as a field update). The undo is a restore of the revision before
/// that change, recorded in the history as one.
public struct UndoRequest: Sendable, Equatable {
    public let nonce: JSON
    public let characterID: Int64
    /// The character's revision the page saw.
    public let revision: Int64

    static func parse(_ data: JSON) -> Result<UndoRequest, MalformedWrite> {
        guard case .object(let d) = data else {
            return .failure(MalformedWrite(kind: .undo, nonce: .null, message: "`d` must be an object."))
        }
        let nonce = d["nonce"] ?? .null
        guard let id = d["id"]?.coercedInteger else {
            return .failure(MalformedWrite(kind: .undo, nonce: nonce, message: "`id` must be the character's id.", id: d["id"]))
        }
        guard let revision = d["revision"]?.coercedInteger else {
            return .failure(
                MalformedWrite(
                    kind: .undo, nonce: nonce, message: "`revision` must be the character's revision the page saw.", id: d["id"]))
        }
        return .success(UndoRequest(nonce: nonce, characterID: id, revision: revision))
    }
}
