/// The checks every trait gets from its declared kind, with the original's (DRF's) coercions and messages:
/// integers may arrive as `3`, `3.0` or `"3"`; text is trimmed; booleans accept `"true"`, `1`, `"yes"`, ...
public enum TraitCheck {
    /// The value as stored; throws every problem found.
    static func normalize(_ value: JSON, for trait: Trait) throws(TraitRejection) -> JSON {
        if value.isNull {
            if trait.nullable || trait.kind == .specialty { return (.null) }
            throw rejection(trait, .null, "This field may not be null.", code: "null")
        }
        switch trait.kind {
        case .integer(let min, let max):
            guard let int = integer(value) else {
                throw rejection(trait, .invalid, "A valid integer is required.", code: "invalid")
            }
            if let choices = trait.choices, !choices.contains(where: { $0.value == .int(int) }) {
                throw rejection(trait, .choice, "\"\(int)\" is not a valid choice.", code: "invalid_choice")
            }
            if let min, int < min {
                throw rejection(trait, .min, "Ensure this value is greater than or equal to \(min).", code: "min_value")
            }
            if let max, int > max {
                throw rejection(trait, .max, "Ensure this value is less than or equal to \(max).", code: "max_value")
            }
            return (.int(int))

        case .string(let maxLength, let allowBlank):
            let text: String
            switch value {
            case .string(let s): text = trimmed(s)
            case .int(let i): text = String(i)
            case .double(let d): text = d.description
            default: throw rejection(trait, .invalid, "Not a valid string.", code: "invalid")
            }
            if text.isEmpty {
                if allowBlank { return (.string("")) }
                throw rejection(trait, .blank, "This field may not be blank.", code: "blank")
            }
            if let maxLength, text.unicodeScalars.count > maxLength {
                throw rejection(
                    trait, .maxLength, "Ensure this field has no more than \(maxLength) characters.", code: "max_length")
            }
            if let choices = trait.choices, !choices.contains(where: { $0.value == .string(text) }) {
                throw rejection(trait, .choice, "\"\(text)\" is not a valid choice.", code: "invalid_choice")
            }
            return (.string(text))

        case .boolean:
            guard let bool = boolean(value) else {
                throw rejection(trait, .invalid, "Must be a valid boolean.", code: "invalid")
            }
            return (.bool(bool))

        case .list(let maxItems):
            guard case .array(let items) = value else { throw rejection(trait, .invalid, "Invalid input.", code: "invalid") }
            if items.count > maxItems {
                throw rejection(
                    trait, .maxItems, "Ensure this field has no more than \(maxItems) elements.", code: "max_length")
            }
            return (value)

        case .object(let maxEntries, let maxKeyLength):
            guard case .object(let entries) = value else {
                throw rejection(trait, .invalid, "Invalid input.", code: "invalid")
            }
            if entries.count > maxEntries {
                throw rejection(
                    trait, .maxItems, "Ensure this field has no more than \(maxEntries) entries.", code: "max_length")
            }
            if entries.keys.contains(where: { $0.unicodeScalars.count > maxKeyLength || $0.isEmpty }) {
                throw rejection(
                    trait, .maxKeyLength, "Ensure every name has between 1 and \(maxKeyLength) characters.",
                    code: "max_key_length")
            }
            return (value)

        case .specialty:
            return try specialties(value, trait: trait)
        }
    }

    /// At most this many specialties per trait, each at most `maximumSpecialtyLength` characters.
    public static let maximumSpecialties = 50
    public static let maximumSpecialtyLength = 200

    private static func specialties(_ value: JSON, trait: Trait) throws(TraitRejection) -> JSON {
        let message =
            "Specialties must be a list of at most \(maximumSpecialties) texts of at most \(maximumSpecialtyLength) characters."
        guard case .array(let items) = value, items.count <= maximumSpecialties else {
            throw rejection(trait, .invalid, message, code: "invalid")
        }
        var cleaned: [JSON] = []
        for item in items {
            guard case .string(let text) = item, text.unicodeScalars.count <= maximumSpecialtyLength else {
                throw rejection(trait, .invalid, message, code: "invalid")
            }
            cleaned.append(.string(trimmed(text)))
        }
        return (.array(cleaned))
    }

    private static func rejection(_ trait: Trait, _ kind: TraitMessage, _ standard: String, code: String) -> TraitRejection {
        TraitRejection(messages: [ValidationMessage(trait.messages[kind] ?? standard, code: .named(code))])
    }

    /// DRF's IntegerField coercion: integral numbers and numeric text (`"3"`, `" 3 "`, `"3.0"`); not booleans.
    static func integer(_ value: JSON) -> Int64? {
        switch value {
        case .int(let i): return i
        case .double(let d):
            guard d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { return nil }
            return Int64(d)
        case .string(let s):
            guard s.utf8.count <= 100 else { return nil }
            var text = Substring(trimmed(s))
            // DRF strips a trailing decimal point followed only by zeros before parsing.
            if let dot = text.lastIndex(of: "."), text[text.index(after: dot)...].allSatisfy({ $0 == "0" }) {
                text = text[..<dot]
            }
            return Int64(text)
        default: return nil
        }
    }

    /// DRF's BooleanField coercion.
    static func boolean(_ value: JSON) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .int(1): return true
        case .int(0): return false
        case .double(1): return true
        case .double(0): return false
        case .string(let s):
            switch s {
            case "t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1": return true
            case "f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// Trims leading and trailing whitespace, as DRF's CharField does by default.
    static func trimmed(_ text: String) -> String {
        guard let first = text.first, let last = text.last, first.isWhitespace || last.isWhitespace else { return text }
        var slice = Substring(text)
        while let c = slice.first, c.isWhitespace { slice.removeFirst() }
        while let c = slice.last, c.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

/// Why a value does not fit its trait.
public struct TraitRejection: Error, Sendable {
    public let messages: [ValidationMessage]
}

extension Trait {
    /// The value as stored (coerced as DRF does: `"3"` → 3, text trimmed), or every problem with it. Checks the
    /// kind, bounds and choices only; named validators need a registry (`Registry.validate`).
    public func normalize(_ value: JSON) throws(TraitRejection) -> JSON {
        try TraitCheck.normalize(value, for: self)
    }
}

extension JSON {
    /// The value read as DRF's IntegerField reads it: `3`, `3.0`, `"3"`, `" 3 "`; nil for booleans and fractions.
    public var coercedInteger: Int64? { TraitCheck.integer(self) }
}

extension String {
    /// The text without leading and trailing whitespace.
    public var trimmingWhitespace: String { TraitCheck.trimmed(self) }
}
