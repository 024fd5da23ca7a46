/// The outcome of checking a write: the values to store, normalized (`"3"` became `3`, text trimmed).
public struct AcceptedWrite: Sendable {
    /// Every declared key the write sent, normalized, in the order sent.
    public let values: JSONObject
    /// The keys whose value differs from the stored one.
    public let changedKeys: [String]
}

extension Registry {
    /// Checks a write of flat trait keys (`{"hunger": 3, "strength": "2"}`) against a splat.
    ///
    /// A key a trait was renamed from writes that trait. Every key is checked against its trait: kind, bounds,
    /// choices, who may write it, and its named validator. Keys the splat does not declare are ignored, as the
    /// original does, and so are `system` and derived traits (the server sets those). Then, if every key is valid, the
    /// merged state (`stored` overlaid with the write) has its derived traits computed (and what they changed joins the
    /// write), the modules' rules check it, and each constraint touching a changed key is checked on it. All problems
    /// are returned together.
    public func validate(
        _ input: JSONObject, splat: Splat, stored: [String: JSON], context: WriteContext
    ) -> Result<AcceptedWrite, ValidationErrors> {
        var errors = ValidationErrors()
        var accepted = JSONObject()
        var changed: [String] = []
        for (key, value) in splat.renamingKeys(of: input) {
            guard let trait = splat.trait(key), trait.isWritable else { continue }
            switch trait.access {
            case .owner where !context.isOwner:
                errors.add(key, ValidationMessage("This field can only be changed by the Owner"))
                continue
            case .staff where !context.isStaff:
                errors.add(key, ValidationMessage("This field can only be changed by the ST"))
                continue
            default:
                break
            }
            let normalized: JSON
            do {
                normalized = try TraitCheck.normalize(value, for: trait)
            } catch {
                errors.add(key, error.messages)
                continue
            }
            if let name = trait.validator, let validator = validator(named: name) {
                let messages = validator(normalized, context)
                if !messages.isEmpty {
                    errors.add(key, messages)
                    continue
                }
            }
            accepted[key] = normalized
            if stored[key] != normalized { changed.append(key) }
        }
        guard errors.isEmpty else { return .failure(errors) }

        var merged = stored
        if !splat.derivedKeys.isEmpty || !splat.rules.isEmpty {
            for (key, value) in accepted { merged[key] = value }
            for key in splat.derive(&merged) {
                accepted[key] = merged[key]
                if stored[key] != merged[key], !changed.contains(key) { changed.append(key) }
            }
            errors = splat.ruleErrors(merged, context: context)
            guard errors.isEmpty else { return .failure(errors) }
        }

        let changedSet = Set(changed)
        func current(_ key: String) -> Int64 {
            let value = accepted[key] ?? stored[key] ?? splat.trait(key)?.defaultValue
            return value?.intValue ?? 0
        }
        for constraint in splat.constraints where constraint.involvedKeys.contains(where: changedSet.contains) {
            if !constraint.holds(current) {
                errors.add(constraint.field ?? ValidationErrors.nonField, ValidationMessage(constraint.message))
            }
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(AcceptedWrite(values: accepted, changedKeys: changed))
    }
}
