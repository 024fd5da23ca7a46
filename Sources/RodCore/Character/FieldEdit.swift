/// One change to one field of a character, as a gateway field update asks for it. What an edit may do to a field
/// follows from the field's declaration in the splat file; no field has code of its own.
public enum FieldEdit: Sendable, Equatable {
    /// Replaces a trait's value.
    case set(JSON)
    /// Adds to an integer trait; a negative amount subtracts.
    case add(Int64)
    /// Marks (positive) or heals (negative) boxes of a damage track, by level name: `["superficial": 2]`.
    case damage([String: Int64])
    /// Appends one entry to a list trait (merits, specialties).
    case append(JSON)
    /// Removes one entry: by position (from 0) from a list trait, by name from an object trait.
    case remove(JSON)
    /// Adds or replaces one named entry of an object trait (a discipline).
    case entry(name: String, value: JSON)

    /// The edit's name in the protocol, for messages.
    public var name: String {
        switch self {
        case .set: "value"
        case .add: "add"
        case .damage: "damage"
        case .append: "append"
        case .remove: "remove"
        case .entry: "entry"
        }
    }
}

extension Splat {
    /// The flat keys an edit of `field` writes, computed from the character's current values. The result is then a
    /// write like any other: the registry checks it (kind, bounds, validators, constraints) before it is stored.
    public func write(_ edit: FieldEdit, to field: String, of stored: CharacterRecord) -> Result<JSONObject, ValidationErrors> {
        func refuse(_ message: String) -> Result<JSONObject, ValidationErrors> {
            .failure(ValidationErrors(field, ValidationMessage(message)))
        }
        let character = upgraded(stored)
        if case .damage(let points) = edit {
            guard let track = damageTrack(field) else { return refuse("`damage` applies to a damage track, not to `\(field)`.") }
            let unknown = points.keys.filter { !track.levelNames.contains($0) }.sorted()
            if !unknown.isEmpty {
                return refuse(
                    "Unknown damage level \(unknown.joined(separator: ", ")); expected \(track.levelNames.joined(separator: ", "))."
                )
            }
            var boxes = track.levelKeys.map { value($0, of: character).intValue ?? 0 }
            let total = value(track.totalKey, of: character).intValue ?? 0
            track.apply(points, to: &boxes, total: total)
            var write = JSONObject()
            for (key, count) in zip(track.levelKeys, boxes) { write[key] = .int(count) }
            return .success(write)
        }
        guard let trait = trait(field), trait.access != .system else { return refuse("Unknown field.") }
        if let derivation = trait.derivation {
            return refuse("This field is derived from \(derivation.formula); change those instead.")
        }
        let current = value(field, of: character)
        switch (edit, trait.kind) {
        case (.set(let value), _):
            return .success([field: value])
        case (.add(let amount), .integer):
            guard let base = current.intValue else { return refuse("This field has no value to add to.") }
            let (sum, overflow) = base.addingReportingOverflow(amount)
            if overflow { return refuse("A valid integer is required.") }
            return .success([field: .int(sum)])
        case (.append(let entry), .list), (.append(let entry), .specialty):
            return .success([field: .array((current.arrayValue ?? []) + [entry])])
        case (.remove(let position), .list), (.remove(let position), .specialty):
            var items = current.arrayValue ?? []
            guard let index = position.coercedInteger, index >= 0, index < items.count else {
                return refuse("There is no entry at position \(position.serializedString()).")
            }
            items.remove(at: Int(index))
            return .success([field: .array(items)])
        case (.remove(let name), .object):
            guard var entries = current.objectValue, let key = name.stringValue, entries.contains(key) else {
                return refuse("There is no entry named \(name.serializedString()).")
            }
            entries[key] = nil
            return .success([field: .object(entries)])
        case (.entry(let name, let value), .object):
            var entries = current.objectValue ?? JSONObject()
            entries[name] = value
            return .success([field: .object(entries)])
        default:
            return refuse("`\(edit.name)` does not apply to \(trait.kind.name) fields.")
        }
    }

    /// What a client should show for a field update's field: a trait's value, or a damage track's boxes by level
    /// and its `total`. Nil for a field the splat does not have.
    public func fieldValue(_ field: String, of stored: CharacterRecord) -> JSON? {
        let character = upgraded(stored)
        if let track = damageTrack(field) {
            var object = JSONObject()
            for (name, key) in zip(track.levelNames, track.levelKeys) { object.appendNew(name, value(key, of: character)) }
            object.appendNew("total", value(track.totalKey, of: character))
            return .object(object)
        }
        guard let trait = trait(field), trait.access != .system else { return nil }
        return value(field, of: character)
    }

    /// The traits an edit of `field` writes: the field itself, or a damage track's level keys.
    public func keysWritten(by field: String) -> [String] {
        damageTrack(field)?.levelKeys ?? [field]
    }
}

extension DamageTrack {
    /// Applies damage to the boxes of each level (aligned with `levelKeys`), both editions' rule:
    /// healing (negative points) comes first and never goes below zero; then damage is applied from the most severe
    /// level down. A point of damage marks an empty box; on a full track it instead upgrades the least severe marked
    /// box below the worst level, to the incoming level or the next one up, whichever is more severe (a full V5 track
    /// turns superficial damage aggravated). A track full of the worst level takes no more.
    public func apply(_ points: [String: Int64], to boxes: inout [Int64], total: Int64) {
        let levels = levelNames.indices
        for level in levels {
            if let heal = points[levelNames[level]], heal < 0 { boxes[level] = max(0, boxes[level] + heal) }
        }
        for level in levels.reversed() {
            guard let damage = points[levelNames[level]], damage > 0 else { continue }
            for _ in 0..<min(damage, Int64(1000)) {
                if boxes.reduce(0, +) < total {
                    boxes[level] += 1
                } else if let lowest = levels.dropLast().first(where: { boxes[$0] > 0 }) {
                    boxes[lowest] -= 1
                    boxes[max(lowest + 1, level)] += 1
                } else {
                    break
                }
            }
        }
    }
}
