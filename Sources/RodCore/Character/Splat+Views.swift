/// The two shapes in which the API returns a character, both derived from the splat's declaration.
extension Splat {
    /// The full sheet (the original's "full serializer"): base, edition and splat traits as top-level keys,
    /// relations and timestamps, then nested groups (`willpower`, `health`, `attributes`, `skills`), then `version`.
    public func sheet(_ character: Character) -> JSON {
        var object = JSONObject()
        for (offset, section) in sections.enumerated() {
            for key in section.topLevelKeys {
                object[key] = value(key, of: character)
                if offset == 0, key == "name" { object["id"] = .int(character.id) }
            }
            if offset == 0 { appendIdentity(of: character, to: &object) }
        }
        appendRelations(of: character, to: &object)
        for group in sections.first?.groups ?? [] { object[group.key] = groupValue(group, of: character) }
        appendTimestamps(of: character, to: &object)
        for section in sections.dropFirst() {
            for group in section.groups { object[group.key] = groupValue(group, of: character) }
        }
        object["version"] = .string(version)
        return .object(object)
    }

    /// The bot's compact view (the original's "tracker serializer"), also sent in gateway events.
    public func tracker(_ character: Character) -> JSON {
        var object = JSONObject()
        for (offset, section) in sections.enumerated() {
            for key in section.trackerKeys {
                object[key] = value(key, of: character)
                if offset == 0, key == "name" { object["id"] = .int(character.id) }
            }
            if offset == 0 { appendIdentity(of: character, to: &object) }
        }
        appendRelations(of: character, to: &object)
        appendTimestamps(of: character, to: &object)
        for group in groups where group.inTracker { object[group.key] = groupValue(group, of: character) }
        object["version"] = .string(version)
        return .object(object)
    }

    /// A trait's stored value, or its default when the document predates the trait.
    public func value(_ key: String, of character: Character) -> JSON {
        character.values[key] ?? trait(key)?.defaultValue ?? .null
    }

    private func appendIdentity(of character: Character, to object: inout JSONObject) {
        if object["id"] == nil { object["id"] = .int(character.id) }
        object["splat"] = .string(character.splat)
    }

    private func appendRelations(of character: Character, to object: inout JSONObject) {
        object["user"] = .string(String(character.userID))
        object["chronicle"] = character.chronicleID.map { .string(String($0)) } ?? .null
        object["member"] = character.memberID.map { .string(String($0)) } ?? .null
    }

    private func appendTimestamps(of character: Character, to object: inout JSONObject) {
        object["created_at"] = .double(character.createdAt)
        object["last_updated"] = .double(character.lastUpdated)
        object["faceclaim"] = character.avatar.isEmpty ? .null : .string("/media/" + character.avatar)
    }

    private func groupValue(_ group: TraitGroup, of character: Character) -> JSON {
        var object = JSONObject()
        for key in group.keys {
            switch group.view {
            case .values, .tracker:
                object[group.memberName(of: key)] = value(key, of: character)
            case .ratings:
                object[key] = .object(
                    JSONObject([
                        ("value", value(key, of: character)),
                        ("spec", value(TraitGroup.specialtyKey(of: key), of: character)),
                    ]))
            }
        }
        return .object(object)
    }
}
