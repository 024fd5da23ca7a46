extension CharacterRecord {
    /// Every trait value and relation, for the history of creates and deletes.
    public var snapshot: JSON {
        var object = JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        object["chronicle"] = chronicleID.map { .int($0) } ?? .null
        object["member"] = memberID.map { .int($0) } ?? .null
        object["avatar"] = .string(avatar)
        return .object(object)
    }

    /// What differs in `other`, for the history of updates: per trait or relation, `[old, new]`, or for a list or an
    /// object only the entries that changed (`TraitChange`).
    public func changes(to other: CharacterRecord) -> JSON {
        var object = JSONObject()
        for key in Set(values.keys).union(other.values.keys).sorted() {
            let old = values[key] ?? .null
            let new = other.values[key] ?? .null
            if old != new { object[key] = TraitChange.between(old, new) }
        }
        if chronicleID != other.chronicleID {
            object["chronicle"] = [chronicleID.map { .int($0) } ?? .null, other.chronicleID.map { .int($0) } ?? .null]
        }
        if memberID != other.memberID {
            object["member"] = [memberID.map { .int($0) } ?? .null, other.memberID.map { .int($0) } ?? .null]
        }
        if avatar != other.avatar { object["avatar"] = [.string(avatar), .string(other.avatar)] }
        return .object(object)
    }

    /// The character out of its chronicle: no chronicle, no membership link, no storyteller lock.
    public var leavingChronicle: CharacterRecord {
        var copy = self
        copy.chronicleID = nil
        copy.memberID = nil
        copy.values["st_lock"] = .bool(false)
        return copy
    }
}
