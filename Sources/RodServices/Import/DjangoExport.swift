import Foundation
import RodCore
import RodStore

/// The way back (`rod export --format django`): the store written as a `manage.py dumpdata` file (without natural
/// keys) that the original's `manage.py loaddata` reads, so an operator who must return to the original loses nothing
/// written since the switch. Written as a stream, a page of rows at a time.
///
/// What the original cannot hold is left out, and `notes` says so: web sessions (this store keeps only a hash of their
/// keys), each character's revision and history, and traits of a character that no column of its model holds.
/// Users' passwords, which the original never uses, are written unusable (`!`), `last_login` empty.
public struct DjangoExport: Sendable {
    let registry: Registry
    let store: any Store

    public init(registry: Registry, store: any Store) {
        self.registry = registry
        self.store = store
    }

    /// How many objects of each model were written, and what was left out.
    public struct Summary: Sendable {
        public var counts: [(model: String, count: Int)] = []
        public var notes: [String] = []

        public var text: String {
            (counts.map { "  \($0.model): \($0.count)" } + notes.map { "  note: \($0)" }).joined(separator: "\n")
        }
    }

    /// Writes the export to `output`, which must not exist yet; the file appears whole or not at all.
    public func write(to output: String) async throws -> Summary {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: output) else { throw OriginalDataError("\(output) exists; choose a new file") }
        let partial = output + ".partial"
        try? manager.removeItem(atPath: partial)
        guard manager.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
            throw OriginalDataError("\(partial) cannot be written")
        }
        do {
            var writer = ObjectWriter(handle: handle)
            let summary = try await export(into: &writer)
            try writer.finish()
            try handle.close()
            try manager.moveItem(atPath: partial, toPath: output)
            return summary
        } catch {
            try? handle.close()
            try? manager.removeItem(atPath: partial)
            throw error
        }
    }

    /// Writes `[`, the objects separated by commas, then `]`, with Python's separators as dumpdata does.
    struct ObjectWriter {
        let handle: FileHandle
        var count = 0
        var pending: [UInt8] = Array("[".utf8)

        mutating func add(_ model: String, _ pk: JSON, _ fields: JSONObject) throws {
            var object = JSONObject()
            object.appendNew("model", .string(model))
            object.appendNew("pk", pk)
            object.appendNew("fields", .object(fields))
            pending += Array((count == 0 ? "\n" : ",\n").utf8) + JSON.object(object).serialized(.python)
            count += 1
            if pending.count > 1 << 20 { try flush() }
        }

        mutating func flush() throws {
            try handle.write(contentsOf: pending)
            pending = []
        }

        mutating func finish() throws {
            pending += Array("\n]\n".utf8)
            try flush()
        }
    }

    private func export(into writer: inout ObjectWriter) async throws -> Summary {
        var summary = Summary()
        func count(_ model: String, _ number: Int) { summary.counts.append((model, number)) }
        func bool(_ value: JSON?) -> JSON { .bool(value?.boolValue ?? ((value?.intValue ?? 0) != 0)) }
        func time(_ value: JSON?) -> JSON {
            let seconds: Double
            switch value {
            case .double(let number)?: seconds = number
            case .int(let number)?: seconds = Double(number)
            default: return .null
            }
            return .string(Self.djangoTime(seconds))
        }
        func id(_ value: JSON?) -> JSON { value?.intValue.map(JSON.int) ?? .null }
        var pages: [[JSONObject]] = []
        func rows(_ table: ExportTable) async throws -> [JSONObject] {
            pages = []
            try await store.exportRows(table) { page in pages.append(page) }
            return pages.flatMap { $0 }
        }

        let users = try await rows(.users)
        for row in users {
            try writer.add(
                "discordauth.user", id(row["id"]),
                [
                    "password": "!", "last_login": nil, "username": row["username"] ?? "",
                    "discriminator": row["discriminator"] ?? "", "avatar_url": row["avatar_url"] ?? "",
                    "email": row["email"] ?? nil,
                    "verified": bool(row["verified"]), "registered": bool(row["registered"]), "admin": bool(row["admin"]),
                    "supporter": row["supporter"] ?? 0, "created_at": time(row["created_at"]),
                    "last_saved": time(row["last_saved"]),
                    "last_active": time(row["last_active"]),
                ])
        }
        count("discordauth.user", users.count)

        let bots = try await rows(.bots)
        for row in bots {
            try writer.add(
                "bot.bot", id(row["id"]),
                [
                    "username": row["username"] ?? "", "discriminator": row["discriminator"] ?? "",
                    "avatar_url": row["avatar_url"] ?? "", "shard_count": row["shard_count"] ?? 0,
                ])
        }
        count("bot.bot", bots.count)

        var botsOf: [Int64: [JSON]] = [:]
        for row in try await rows(.chronicleBots) {
            if let chronicle = row["chronicle_id"]?.intValue { botsOf[chronicle, default: []].append(id(row["bot_id"])) }
        }
        let chronicles = try await rows(.chronicles)
        for row in chronicles {
            let chronicle = row["id"]?.intValue ?? 0
            try writer.add(
                "chronicle.chronicle", id(row["id"]),
                [
                    "name": row["name"] ?? "", "owner_id": row["owner_id"] ?? 0, "shard": row["shard"] ?? 0,
                    "is_guild": bool(row["is_guild"]), "icon_url": row["icon_url"] ?? "",
                    "tracker_channel": row["tracker_channel"] ?? "", "created_at": time(row["created_at"]),
                    "last_updated": time(row["last_updated"]), "bot": .array(botsOf[chronicle] ?? []),
                ])
        }
        count("chronicle.chronicle", chronicles.count)

        let roles = try await rows(.storytellerRoles)
        for row in roles { try writer.add("chronicle.storytellerrole", id(row["id"]), ["guild": id(row["chronicle_id"])]) }
        count("chronicle.storytellerrole", roles.count)

        let members = try await rows(.members)
        for row in members {
            try writer.add(
                "chronicle.member", id(row["id"]),
                [
                    "chronicle": id(row["chronicle_id"]), "user": id(row["user_id"]), "admin": bool(row["admin"]),
                    "storyteller": bool(row["storyteller"]), "nickname": row["nickname"] ?? "",
                    "avatar_url": row["avatar_url"] ?? "",
                    "created_at": time(row["created_at"]), "last_updated": time(row["last_updated"]),
                    "default_character": id(row["default_character_id"]), "default_auto_hunger": bool(row["default_auto_hunger"]),
                ])
        }
        count("chronicle.member", members.count)

        var characters = 0
        var skipped: [String] = []
        var dropped: Set<String> = []
        try await store.exportRows(.characters) { page in
            for row in page {
                guard let parts = try characterObjects(row, dropped: &dropped) else {
                    skipped.append("\(row["id"]?.intValue ?? 0) (\(row["splat"]?.stringValue ?? "?"))")
                    continue
                }
                for (model, fields) in parts { try writer.add(model, id(row["id"]), fields) }
                characters += 1
            }
        }
        count("haven.character", characters)
        if !skipped.isEmpty {
            summary.notes.append(
                "characters of a splat no file declares, which the original has no model for: \(skipped.joined(separator: ", "))")
        }
        if !dropped.isEmpty {
            summary.notes.append("traits no column of the original holds, left out: \(dropped.sorted().joined(separator: ", "))")
        }

        let stats = try await rows(.commandStats)
        for row in stats {
            try writer.add(
                "bot.commandstat", id(row["id"]),
                [
                    "user": id(row["user_id"]), "bot": id(row["bot_id"]), "command": row["command"] ?? "",
                    "used": row["used"] ?? 0, "last_used": time(row["last_used"]),
                ])
        }
        count("bot.commandstat", stats.count)

        let trackers = try await rows(.initiativeTrackers)
        for row in trackers {
            let data = (row["data"]?.stringValue).flatMap { try? JSON.parse($0) } ?? .null
            try writer.add(
                "bot.initiativetracker20th", id(row["id"]),
                ["chronicle": id(row["chronicle_id"]), "data": data, "last_updated": time(row["last_updated"])])
        }
        count("bot.initiativetracker20th", trackers.count)
        summary.notes.append(
            "not written, the original having no place for them: web sessions (players sign in again), characters' revisions and history, users' passwords and last logins"
        )
        return summary

        /// A character as the original's three models hold it: the base, the edition, the splat's own fields.
        func characterObjects(_ row: JSONObject, dropped: inout Set<String>) throws -> [(String, JSONObject)]? {
            guard let splat = registry.splat(row["splat"]?.stringValue ?? "") else { return nil }
            let columns = CharacterColumns(
                name: row["name"]?.stringValue ?? "", isSheet: bool(row["is_sheet"]).boolValue ?? false,
                status: row["status"]?.intValue ?? 1, storytellerLock: bool(row["st_lock"]).boolValue ?? false,
                theme: row["theme"]?.stringValue ?? "", expCurrent: row["exp_current"]?.intValue ?? 0,
                expTotal: row["exp_total"]?.intValue ?? 0, document: row["traits"]?.stringValue ?? "{}")
            var values = try columns.values()
            var parts: [(String, JSONObject)] = []
            for section in splat.sections {
                var fields = JSONObject()
                if section.level == OriginalModels.baseLevel {
                    fields.appendNew("user", id(row["user_id"]))
                    fields.appendNew("chronicle", id(row["chronicle_id"]))
                    fields.appendNew("member", id(row["member_id"]))
                    fields.appendNew("created_at", time(row["created_at"]))
                    fields.appendNew("last_updated", time(row["last_updated"]))
                    fields.appendNew("avatar", row["avatar"] ?? "")
                    fields.appendNew("splat_old", nil)
                    fields.appendNew("splat", .string(splat.slug))
                }
                var keys = section.topLevelKeys
                for group in section.groups {
                    keys += group.keys
                    if group.view == .ratings { keys += group.specialtyKeys }
                }
                for key in keys {
                    fields.appendNew(key, values.removeValue(forKey: key) ?? splat.trait(key)?.defaultValue ?? .null)
                }
                parts.append((OriginalModels.leaf(of: section.level), fields))
            }
            dropped.formUnion(values.keys)
            return parts
        }
    }

    /// A time as Django's JSON encoder writes it: ISO 8601 in UTC with milliseconds (cut, not rounded), or none when
    /// the time has no fraction, ending in `Z`.
    static func djangoTime(_ seconds: Double) -> String {
        let micros = Int64((seconds * 1_000_000).rounded())
        var whole = micros / 1_000_000
        var fraction = micros % 1_000_000
        if fraction < 0 {
            fraction += 1_000_000
            whole -= 1
        }
        let date = Date(timeIntervalSince1970: Double(whole))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text =
            "\(pad(c.year!, 4))-\(pad(c.month!, 2))-\(pad(c.day!, 2))T\(pad(c.hour!, 2)):\(pad(c.minute!, 2)):\(pad(c.second!, 2))"
        if fraction > 0 { text += "." + pad(Int(fraction / 1000), 3) }
        return text + "Z"
    }
}
