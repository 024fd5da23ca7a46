extension CharacterRecord {
    /// Every trait value and relation, for the history of creates and deletes.
    public var snapshot: JSON {
        var object = JSONObject(uniqueKeysWithValues: values.sorted { $0.key < $1.key })
        object["chronicle"] = chronicleID.map { .int($0) } ?? .null
        object["member"] = memberID.map { .int($0) } ?? .null
        object["avatar"] = .string(avatar)
        return .object(object)
    }

    /// What differs in `other`, for the history of updates: per trait or relation, `[old, new]`, or for a list or an
    /// object only the entries that changed (`TraitChange`).
    public func changes(to other: CharacterRecord) -> JSON {
        // Only the keys that changed are sorted: a save changes a few of a sheet's hundred traits.
        var changed: [(key: String, value: JSON)] = []
        for (key, old) in values {
            let new = other.values[key] ?? .null
            if old != new { changed.append((key, TraitChange.between(old, new))) }
        }
        for (key, new) in other.values where values[key] == nil && new != .null {
            changed.append((key, TraitChange.between(.null, new)))
        }
        var object = JSONObject(uniqueKeysWithValues: changed.sorted { $0.key < $1.key })
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
