/// How one trait's change is written in a character's history, so that any earlier state can be rebuilt from it
/// while a row stays as small as what changed.
///
/// - A value that is not a list or an object, or a list that became an object (or the reverse): the pair
///   `[old, new]`.
/// - A list or an object that changed: the one run of entries that differs, between the entries both sides share
///   at the start and at the end: `{"at": <index of the run>, "old": <the run before>, "new": <the run after>}`,
///   where the runs are lists for a list and objects (entry names kept, in order) for an object. Adding one discipline
///   stores that discipline; editing one merit stores that merit twice; removing one stores it once.
///
/// A change can be applied forwards (the value before → the value after) and backwards (after → before), giving back
/// the value as JSON compares it (an object's entries in their order, except where only the order of names changed,
/// which is not a change).
public enum TraitChange {
    /// The change from `old` to `new`; they differ.
    public static func between(_ old: JSON, _ new: JSON) -> JSON {
        switch (old, new) {
        case (.array(let before), .array(let after)):
            let (start, end) = sharedEnds(before.count, after.count) { before[$0] == after[$1] }
            return splice(
                at: start, old: .array(Array(before[start..<(before.count - end)])),
                new: .array(Array(after[start..<(after.count - end)])))
        case (.object(let beforeObject), .object(let afterObject)):
            let (before, after) = (Array(beforeObject), Array(afterObject))
            let (start, end) = sharedEnds(before.count, after.count) {
                before[$0].key == after[$1].key && before[$0].value == after[$1].value
            }
            return splice(
                at: start, old: .object(object(before[start..<(before.count - end)])),
                new: .object(object(after[start..<(after.count - end)])))
        default:
            return [old, new]
        }
    }

    /// The value after the change, from the value before; nil when the change does not fit it.
    public static func applyForward(_ change: JSON, to old: JSON) -> JSON? {
        apply(change, to: old, forward: true)
    }

    /// The value before the change, from the value after; nil when the change does not fit it.
    public static func applyBackward(_ change: JSON, to new: JSON) -> JSON? {
        apply(change, to: new, forward: false)
    }

    private static func splice(at index: Int, old: JSON, new: JSON) -> JSON {
        var object = JSONObject()
        object.appendNew("at", .int(Int64(index)))
        object.appendNew("old", old)
        object.appendNew("new", new)
        return .object(object)
    }

    /// How many entries both sides share at the start, then at the end of what remains.
    private static func sharedEnds(_ before: Int, _ after: Int, same: (Int, Int) -> Bool) -> (start: Int, end: Int) {
        var start = 0
        while start < before, start < after, same(start, start) { start += 1 }
        var end = 0
        while end < before - start, end < after - start, same(before - 1 - end, after - 1 - end) { end += 1 }
        return (start, end)
    }

    private static func apply(_ change: JSON, to value: JSON, forward: Bool) -> JSON? {
        switch change {
        case .array(let pair) where pair.count == 2:
            guard value == (forward ? pair[0] : pair[1]) else { return nil }
            return forward ? pair[1] : pair[0]
        case .object(let splice):
            guard let index = splice["at"]?.intValue.map(Int.init), index >= 0, let old = splice["old"],
                let new = splice["new"]
            else { return nil }
            let (removed, inserted) = forward ? (old, new) : (new, old)
            switch (value, removed, inserted) {
            case (.array(var items), .array(let removed), .array(let inserted)):
                let run = index..<(index + removed.count)
                guard run.upperBound <= items.count, Array(items[run]) == removed else { return nil }
                items.replaceSubrange(run, with: inserted)
                return .array(items)
            case (.object(let object), .object(let removed), .object(let inserted)):
                let entries = Array(object)
                let run = index..<(index + removed.count)
                guard run.upperBound <= entries.count, self.object(entries[run]) == removed else { return nil }
                var result = self.object(entries[..<index])
                for (key, item) in inserted { result[key] = item }
                for (key, item) in entries[run.upperBound...] { result[key] = item }
                // An inserted name that the unchanged entries also hold does not fit.
                return result.count == entries.count - removed.count + inserted.count ? .object(result) : nil
            default:
                return nil
            }
        default:
            return nil
        }
    }

    private static func object(_ entries: ArraySlice<JSONObject.Element>) -> JSONObject {
        var result = JSONObject()
        for (key, value) in entries { result.appendNew(key, value) }
        return result
    }
}
