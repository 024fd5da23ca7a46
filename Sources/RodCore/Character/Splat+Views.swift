/// The two shapes in which the API returns a character, both derived from the splat's declaration.
extension Splat {
    /// The full sheet (the original's "full serializer"): base, edition and splat traits as top-level keys,
    /// relations and timestamps, then nested groups (`willpower`, `health`, `attributes`, `skills`), then `version`.
    public func sheet(_ character: Character) -> JSON {
        var object = JSONObject()
        for (offset, section) in sections.enumerated() {
            appendTraits(section.topLevelKeys, withIdentity: offset == 0, of: character, to: &object)
        }
        appendRelations(of: character, to: &object)
        for group in sections.first?.groups ?? [] { object.appendNew(group.key, groupValue(group, of: character)) }
        appendTimestamps(of: character, to: &object)
        for section in sections.dropFirst() {
            for group in section.groups { object.appendNew(group.key, groupValue(group, of: character)) }
        }
        object.appendNew("version", .string(version))
        return .object(object)
    }

    /// The bot's compact view (the original's "tracker serializer"), also sent in gateway events.
    public func tracker(_ character: Character) -> JSON {
        var object = JSONObject()
        for (offset, section) in sections.enumerated() {
            appendTraits(section.trackerKeys, withIdentity: offset == 0, of: character, to: &object)
        }
        appendRelations(of: character, to: &object)
        appendTimestamps(of: character, to: &object)
        for group in groups where group.inTracker { object.appendNew(group.key, groupValue(group, of: character)) }
        object.appendNew("version", .string(version))
        return .object(object)
    }

    /// A trait's stored value, or its default when the document predates the trait.
    public func value(_ key: String, of character: Character) -> JSON {
        character.values[key] ?? trait(key)?.defaultValue ?? .null
    }

    /// Top-level traits; the root section also carries `id` (after `name`, as the original) and `splat`.
    private func appendTraits(_ keys: [String], withIdentity: Bool, of character: Character, to object: inout JSONObject) {
        var wroteID = false
        for key in keys {
            object.appendNew(key, value(key, of: character))
            if withIdentity, key == "name" {
                object.appendNew("id", .int(character.id))
                wroteID = true
            }
        }
        guard withIdentity else { return }
        if !wroteID { object.appendNew("id", .int(character.id)) }
        object.appendNew("splat", .string(character.splat))
    }

    private func appendRelations(of character: Character, to object: inout JSONObject) {
        object.appendNew("user", .string(String(character.userID)))
        object.appendNew("chronicle", character.chronicleID.map { .string(String($0)) } ?? .null)
        object.appendNew("member", character.memberID.map { .string(String($0)) } ?? .null)
    }

    private func appendTimestamps(of character: Character, to object: inout JSONObject) {
        object.appendNew("created_at", .double(character.createdAt))
        object.appendNew("last_updated", .double(character.lastUpdated))
        object.appendNew("faceclaim", character.avatar.isEmpty ? .null : .string("/media/" + character.avatar))
    }

    private func groupValue(_ group: TraitGroup, of character: Character) -> JSON {
        var object = JSONObject()
        for (offset, key) in group.keys.enumerated() {
            switch group.view {
            case .values, .tracker:
                object.appendNew(group.memberNames[offset], value(key, of: character))
            case .ratings:
                var rating = JSONObject()
                rating.appendNew("value", value(key, of: character))
                rating.appendNew("spec", value(group.specialtyKeys[offset], of: character))
                object.appendNew(key, .object(rating))
            }
        }
        return .object(object)
    }
}
