/// What a splat computes rather than stores as sent: derived traits, the damage tracks they size, renamed keys. Every
/// write path goes through `Registry.validate`, which derives on the merged state; a stored document that predates
/// the declaration is brought up to date by `upgraded(_:)` wherever it is read.
extension Splat {
    /// Computes every derived trait of `values` in order (each after the derived traits it reads), then fits each
    /// damage track whose derived size changed into that size: marked boxes beyond it go, least severe first (a
    /// write that marks more boxes than the track has is the constraints' to refuse). Returns the keys whose value
    /// changed.
    @discardableResult
    public func derive(_ values: inout [String: JSON]) -> [String] {
        guard !derivedKeys.isEmpty else { return [] }
        var changed: [String] = []
        for key in derivedKeys {
            guard let derivation = trait(key)?.derivation else { continue }
            let value = derivation.value(TraitValues(values, splat: self))
            if values[key] != value {
                values[key] = value
                changed.append(key)
            }
        }
        for track in damageTracks where changed.contains(track.totalKey) {
            let view = TraitValues(values, splat: self)
            let total = max(0, view.integer(track.totalKey))
            var boxes = track.levelKeys.map { view.integer($0) }
            var excess = boxes.reduce(0, +) - total
            for level in boxes.indices where excess > 0 {
                let taken = min(boxes[level], excess)
                boxes[level] -= taken
                excess -= taken
            }
            for (key, count) in zip(track.levelKeys, boxes) where view.integer(key) != count {
                values[key] = .int(count)
                changed.append(key)
            }
        }
        return changed
    }

    /// The character as this declaration serves it: a value stored under a key the trait was renamed from moves to
    /// the trait's key (unless the document already holds that one), and derived traits are computed. The stored
    /// document itself changes only when a write or `rod splat migrate` stores this.
    public func upgraded(_ character: CharacterRecord) -> CharacterRecord {
        guard upgradesDocuments else { return character }
        var upgraded = character
        moveRenamedKeys(&upgraded.values)
        derive(&upgraded.values)
        return upgraded
    }

    /// Moves values stored under old keys to the traits that replace them.
    public func moveRenamedKeys(_ values: inout [String: JSON]) {
        for (old, new) in renames {
            guard let value = values.removeValue(forKey: old) else { continue }
            if values[new] == nil { values[new] = value }
        }
    }

    /// A write of flat keys with every old key named as its trait's key now (an old client's `stains` writes
    /// `stain_count`); a write naming both keeps the new one's value.
    func renamingKeys(of input: JSONObject) -> JSONObject {
        guard !renames.isEmpty, input.keys.contains(where: { renames[$0] != nil }) else { return input }
        var renamed = JSONObject()
        for (key, value) in input {
            if let new = renames[key] {
                if input[new] == nil, renamed[new] == nil { renamed[new] = value }
            } else {
                renamed[key] = value
            }
        }
        return renamed
    }

    /// What the modules' rules find wrong with the merged values.
    func ruleErrors(_ values: [String: JSON], context: WriteContext) -> ValidationErrors {
        var errors = ValidationErrors()
        guard !rules.isEmpty else { return errors }
        let view = TraitValues(values, splat: self)
        for rule in rules { errors.merge(rule.check(view, context)) }
        return errors
    }
}

extension Trait {
    /// The trait's value in a stored document: under its key, or under a key it was renamed from.
    public func value(in document: JSONObject) -> JSON? {
        document[key] ?? renamedFrom.lazy.compactMap { document[$0] }.first
    }
}
