/// The two shapes in which the API returns a character, both walking the splat's layout (`SheetLayout.swift`).
extension Splat {
    /// The full sheet (the original's "full serializer").
    public func sheet(_ character: CharacterRecord) -> JSON { view(.sheet, of: character) }

    /// The bot's compact view (the original's "tracker serializer"), also sent in gateway events.
    public func tracker(_ character: CharacterRecord) -> JSON { view(.tracker, of: character) }

    /// A trait's stored value, or its default when the document predates the trait.
    public func value(_ key: String, of character: CharacterRecord) -> JSON {
        character.values[key] ?? trait(key)?.defaultValue ?? .null
    }

    func view(_ view: SheetView, of stored: CharacterRecord) -> JSON {
        let character = upgraded(stored)
        var object = JSONObject()
        for field in layout(view) { object.appendNew(field.key, value(of: field, character)) }
        return .object(object)
    }

    private func value(of field: SheetField, _ character: CharacterRecord) -> JSON {
        switch field {
        case .trait(let key): value(key, of: character)
        case .id: .int(character.id)
        case .splat: .string(character.splat)
        case .user: .string(String(character.userID))
        case .chronicle: character.chronicleID.map { .string(String($0)) } ?? .null
        case .member: character.memberID.map { .string(String($0)) } ?? .null
        case .createdAt: .double(character.createdAt)
        case .lastUpdated: .double(character.lastUpdated)
        case .faceclaim: character.avatar.isEmpty ? .null : .string("/media/" + character.avatar)
        case .group(let group): groupValue(group, of: character)
        case .computed(let computed): computed.compute(TraitValues(character.values, splat: self))
        case .version: .string(version)
        }
    }

    private func groupValue(_ group: TraitGroup, of character: CharacterRecord) -> JSON {
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
