import Foundation
import RodCore

/// The writable fields of a record other than a character (chronicle, member, user, bot), checked with the
/// same coercions and messages as traits, as the original's model serializers check them.
public struct RecordFields: Sendable {
    struct Field: Sendable {
        let trait: Trait
        let required: Bool
        let isURL: Bool
    }

    let fields: [Field]

    static let here = SourceLocation(file: #fileID, line: #line)

    static func text(_ key: String, maxLength: Int, blank: Bool = true, required: Bool = false) -> Field {
        Field(
            trait: Trait(key: key, kind: .string(maxLength: maxLength, allowBlank: blank), defaultValue: "", location: here),
            required: required, isURL: false)
    }

    static func url(_ key: String) -> Field {
        Field(
            trait: Trait(key: key, kind: .string(maxLength: 200, allowBlank: true), defaultValue: "", location: here),
            required: false, isURL: true)
    }

    static func integer(_ key: String) -> Field {
        Field(
            trait: Trait(key: key, kind: .integer(min: nil, max: nil), defaultValue: 0, location: here), required: false,
            isURL: false)
    }

    static func boolean(_ key: String) -> Field {
        Field(trait: Trait(key: key, kind: .boolean, defaultValue: false, location: here), required: false, isURL: false)
    }

    /// The fields sent, normalized; or every problem, per field. `creating` enforces required fields.
    public func validate(_ input: JSONObject, creating: Bool) -> Result<JSONObject, ValidationErrors> {
        var errors = ValidationErrors()
        var accepted = JSONObject()
        for field in fields {
            let key = field.trait.key
            guard let value = input[key] else {
                if creating, field.required {
                    errors.add(key, ValidationMessage("This field is required.", code: .named("required")))
                }
                continue
            }
            do {
                let normalized = try field.trait.normalize(value)
                if field.isURL, case .string(let text) = normalized, !text.isEmpty, !Self.isURL(text) {
                    errors.add(key, ValidationMessage("Enter a valid URL."))
                    continue
                }
                accepted[key] = normalized
            } catch {
                errors.add(key, error.messages)
            }
        }
        return errors.isEmpty ? .success(accepted) : .failure(errors)
    }

    /// The fields sent, normalized, or `CommunityError.invalid` with every problem.
    func accepted(_ input: JSONObject, creating: Bool) throws(CommunityError) -> JSONObject {
        switch validate(input, creating: creating) {
        case .success(let accepted): return accepted
        case .failure(let errors): throw .invalid(errors)
        }
    }

    /// Django's URLValidator, in substance: an http(s) or ftp(s) URL with a host.
    static func isURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            return false
        }
        return ["http", "https", "ftp", "ftps"].contains(scheme) && !text.contains(" ")
    }

    /// A chronicle (a Discord guild), as `bot/chronicle/set` sends it.
    public static let chronicle = RecordFields(fields: [
        text("name", maxLength: 200, blank: false, required: true), integer("owner_id"), integer("shard"),
        boolean("is_guild"), url("icon_url"), text("tracker_channel", maxLength: 20),
    ])

    /// A user, as `bot/user/update` and `bot/user/supporter/set` send it.
    public static let user = RecordFields(fields: [
        text("username", maxLength: 80, blank: false, required: true), text("discriminator", maxLength: 50),
        url("avatar_url"),
    ])

    /// A membership, as `bot/user/update` sends it.
    public static let member = RecordFields(fields: [
        text("nickname", maxLength: 100), url("avatar_url"), boolean("admin"), boolean("storyteller"),
    ])

    /// A bot, as `bot/data/set` sends it.
    public static let bot = RecordFields(fields: [
        text("username", maxLength: 200, blank: false, required: true), text("discriminator", maxLength: 5), url("avatar_url"),
        integer("shard_count"),
    ])
}
