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
    let store: any TransferStore

    public init(registry: Registry, store: any TransferStore) {
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
        var botsOf: [Int64: [JSON]] = [:]
        try await store.exportRows(.chronicleBots) { page in
            for row in page {
                if let chronicle = row["chronicle_id"]?.intValue {
                    botsOf[chronicle, default: []].append(Django.id(row["bot_id"]))
                }
            }
        }
        try await rows(.users, as: "discordauth.user", into: &writer, &summary, Self.user)
        try await rows(.bots, as: "bot.bot", into: &writer, &summary, Self.bot)
        try await rows(.chronicles, as: "chronicle.chronicle", into: &writer, &summary) { row in
            var fields = Self.chronicle(row)
            fields.appendNew("bot", .array(botsOf[row["id"]?.intValue ?? 0] ?? []))
            return fields
        }
        try await rows(.storytellerRoles, as: "chronicle.storytellerrole", into: &writer, &summary) { row in
            ["guild": Django.id(row["chronicle_id"])]
        }
        try await rows(.members, as: "chronicle.member", into: &writer, &summary, Self.member)
        try await characters(into: &writer, &summary)
        try await rows(.commandStats, as: "bot.commandstat", into: &writer, &summary, Self.commandStat)
        try await rows(.initiativeTrackers, as: "bot.initiativetracker20th", into: &writer, &summary) { row in
            let data = (row["data"]?.stringValue).flatMap { try? JSON.parse($0) } ?? .null
            return ["chronicle": Django.id(row["chronicle_id"]), "data": data, "last_updated": Django.time(row["last_updated"])]
        }
        summary.notes.append(
            "not written, the original having no place for them: web sessions (players sign in again), characters' revisions and history, users' passwords and last logins"
        )
        return summary
    }

    /// Every row of a table as an object of `model`, a page at a time, its key its `id`.
    private func rows(
        _ table: ExportTable, as model: String, into writer: inout ObjectWriter, _ summary: inout Summary,
        _ fields: (JSONObject) -> JSONObject
    ) async throws {
        var count = 0
        try await store.exportRows(table) { page in
            for row in page { try writer.add(model, Django.id(row["id"]), fields(row)) }
            count += page.count
        }
        summary.counts.append((model, count))
    }

    private static func user(_ row: JSONObject) -> JSONObject {
        [
            "password": "!", "last_login": nil, "username": row["username"] ?? "",
            "discriminator": row["discriminator"] ?? "", "avatar_url": row["avatar_url"] ?? "", "email": row["email"] ?? nil,
            "verified": Django.bool(row["verified"]), "registered": Django.bool(row["registered"]),
            "admin": Django.bool(row["admin"]),
            "supporter": row["supporter"] ?? 0, "created_at": Django.time(row["created_at"]),
            "last_saved": Django.time(row["last_saved"]), "last_active": Django.time(row["last_active"]),
        ]
    }

    private static func bot(_ row: JSONObject) -> JSONObject {
        [
            "username": row["username"] ?? "", "discriminator": row["discriminator"] ?? "",
            "avatar_url": row["avatar_url"] ?? "", "shard_count": row["shard_count"] ?? 0,
        ]
    }

    /// A chronicle's fields but its bots.
    private static func chronicle(_ row: JSONObject) -> JSONObject {
        [
            "name": row["name"] ?? "", "owner_id": row["owner_id"] ?? 0, "shard": row["shard"] ?? 0,
            "is_guild": Django.bool(row["is_guild"]), "icon_url": row["icon_url"] ?? "",
            "tracker_channel": row["tracker_channel"] ?? "", "created_at": Django.time(row["created_at"]),
            "last_updated": Django.time(row["last_updated"]),
        ]
    }

    private static func member(_ row: JSONObject) -> JSONObject {
        [
            "chronicle": Django.id(row["chronicle_id"]), "user": Django.id(row["user_id"]), "admin": Django.bool(row["admin"]),
            "storyteller": Django.bool(row["storyteller"]), "nickname": row["nickname"] ?? "",
            "avatar_url": row["avatar_url"] ?? "", "created_at": Django.time(row["created_at"]),
            "last_updated": Django.time(row["last_updated"]), "default_character": Django.id(row["default_character_id"]),
            "default_auto_hunger": Django.bool(row["default_auto_hunger"]),
        ]
    }

    private static func commandStat(_ row: JSONObject) -> JSONObject {
        [
            "user": Django.id(row["user_id"]), "bot": Django.id(row["bot_id"]), "command": row["command"] ?? "",
            "used": row["used"] ?? 0, "last_used": Django.time(row["last_used"]),
        ]
    }

    /// Characters, each as its models' objects; those of a splat no file declares, and traits no column holds, noted.
    private func characters(into writer: inout ObjectWriter, _ summary: inout Summary) async throws {
        var characters = 0
        var skipped: [String] = []
        var dropped: Set<String> = []
        try await store.exportRows(.characters) { page in
            for row in page {
                guard let parts = try characterObjects(row, dropped: &dropped) else {
                    skipped.append("\(row["id"]?.intValue ?? 0) (\(row["splat"]?.stringValue ?? "?"))")
                    continue
                }
                for (model, fields) in parts { try writer.add(model, Django.id(row["id"]), fields) }
                characters += 1
            }
        }
        summary.counts.append(("haven.character", characters))
        if !skipped.isEmpty {
            summary.notes.append(
                "characters of a splat no file declares, which the original has no model for: \(skipped.joined(separator: ", "))")
        }
        if !dropped.isEmpty {
            summary.notes.append("traits no column of the original holds, left out: \(dropped.sorted().joined(separator: ", "))")
        }
    }

    /// A character as the original's three models hold it: the base, the edition, the splat's own fields.
    private func characterObjects(_ row: JSONObject, dropped: inout Set<String>) throws -> [(String, JSONObject)]? {
        guard let splat = registry.splat(row["splat"]?.stringValue ?? "") else { return nil }
        let columns = CharacterColumns(
            name: row["name"]?.stringValue ?? "", isSheet: Django.bool(row["is_sheet"]).boolValue ?? false,
            status: row["status"]?.intValue ?? 1, storytellerLock: Django.bool(row["st_lock"]).boolValue ?? false,
            theme: row["theme"]?.stringValue ?? "", expCurrent: row["exp_current"]?.intValue ?? 0,
            expTotal: row["exp_total"]?.intValue ?? 0, document: row["traits"]?.stringValue ?? "{}")
        var values = try columns.values()
        var parts: [(String, JSONObject)] = []
        for section in splat.sections {
            var fields = JSONObject()
            if section.level == OriginalModels.baseLevel {
                fields.appendNew("user", Django.id(row["user_id"]))
                fields.appendNew("chronicle", Django.id(row["chronicle_id"]))
                fields.appendNew("member", Django.id(row["member_id"]))
                fields.appendNew("created_at", Django.time(row["created_at"]))
                fields.appendNew("last_updated", Django.time(row["last_updated"]))
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
            parts.append((OriginalModels.leaf(of: section.level, in: registry), fields))
        }
        dropped.formUnion(values.keys)
        return parts
    }

    /// Our columns' values as the original's fields hold them.
    private enum Django {
        static func bool(_ value: JSON?) -> JSON { .bool(value?.boolValue ?? ((value?.intValue ?? 0) != 0)) }

        static func time(_ value: JSON?) -> JSON {
            switch value {
            case .double(let number)?: .string(ISOTimestamp.string(number, fractionDigits: 3))
            case .int(let number)?: .string(ISOTimestamp.string(Double(number), fractionDigits: 3))
            default: .null
            }
        }

        static func id(_ value: JSON?) -> JSON { value?.intValue.map(JSON.int) ?? .null }
    }
}
