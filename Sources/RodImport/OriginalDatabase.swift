import Foundation
import GRDB
import RodCore

/// The original's SQLite database file, read (never written) as the objects `dumpdata` would write for it: each row of a
/// model's table becomes its object, with the field names Django gives them. What a column is comes from the table's
/// own declaration: foreign keys (their `_id` dropped from the name), `bool`, and JSON (text checked by `JSON_VALID`).
public final class OriginalDatabase: OriginalSource {
    public let path: String
    private let queue: DatabaseQueue

    /// The newest migration of each of the original's apps that this import knows; a database that has applied a later
    /// one has a schema the import was not written for.
    static let knownMigrations = [
        "auth": "0012_alter_user_first_name_max_length", "bot": "0005_alter_initiativetracker20th_last_updated",
        "chronicle": "0009_member_default_auto_hunger_member_default_character",
        "contenttypes": "0002_remove_content_type_name", "discordauth": "0010_clear_sessions",
        "haven": "0022_rename_torment_total_demontf_torment_permanent_and_more", "sessions": "0001_initial",
    ]

    public var description: String { "SQLite database \(URL(fileURLWithPath: path).lastPathComponent)" }

    public init(path: String) throws(OriginalDataError) {
        self.path = path
        let name = URL(fileURLWithPath: path).lastPathComponent
        var configuration = Configuration()
        configuration.readonly = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            for required in ["django_migrations", "discordauth_user", "haven_character"] where !tables.contains(required) {
                throw OriginalDataError(
                    "\(name) is a SQLite database, but not the original backend's: it has no \(required) table")
            }
            let newest = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT app, MAX(name) FROM django_migrations GROUP BY app")
                    .map { (app: $0[0] as String, name: $0[1] as String) }
            }
            for (app, migration) in newest {
                if let known = Self.knownMigrations[app], migration > known {
                    throw OriginalDataError(
                        "\(name) has a newer schema than this import knows (\(app) migration \(migration), after \(known)); import it with a newer rod, or export it with dumpdata"
                    )
                }
            }
        } catch let error as OriginalDataError {
            throw error
        } catch {
            throw OriginalDataError("\(name) cannot be read as a SQLite database: \(error)")
        }
    }

    /// Django's tables whose names are not `<app>_<model>`.
    static let renamedTables = [
        "sessions.session": "django_session", "contenttypes.contenttype": "django_content_type",
        "admin.logentry": "django_admin_log",
    ]
    /// Tables that hold no model of their own: migrations, SQLite's counters, the chronicles' bots (read with them).
    static let bookkeeping: Set<String> = ["django_migrations", "sqlite_sequence", "chronicle_chronicle_bot"]

    /// The table of a model: `discordauth.user` → `discordauth_user`, `sessions.session` → `django_session`.
    static func table(_ model: String) -> String {
        renamedTables[model] ?? model.replacingOccurrences(of: ".", with: "_")
    }

    /// The model of a table, the reverse of `table(_:)`.
    static func model(ofTable table: String) -> String? {
        if let renamed = renamedTables.first(where: { $0.value == table }) { return renamed.key }
        guard !bookkeeping.contains(table), let separator = table.firstIndex(of: "_") else { return nil }
        return table[..<separator] + "." + table[table.index(after: separator)...]
    }

    /// How each column of a table reads into a field.
    struct Layout {
        struct Column {
            let name: String
            let field: String
            let kind: Kind
        }
        enum Kind { case plain, bool, json }
        let columns: [Column]
        let primaryKey: String
    }

    private func layout(_ table: String, in db: Database) throws -> Layout? {
        let info = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [table])
        guard !info.isEmpty else { return nil }
        let foreignKeys = Set(try String.fetchAll(db, sql: "SELECT \"from\" FROM pragma_foreign_key_list(?)", arguments: [table]))
        let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table]) ?? ""
        var primaryKey = "id"
        var columns: [Layout.Column] = []
        for row in info {
            let name: String = row[0]
            let type = (row[1] as String).lowercased()
            if (row[2] as Int) == 1 { primaryKey = name }
            let kind: Layout.Kind =
                type == "bool" ? .bool : sql.contains("JSON_VALID(\"\(name)\")") ? .json : .plain
            let field = foreignKeys.contains(name) && name.hasSuffix("_id") ? String(name.dropLast(3)) : name
            columns.append(Layout.Column(name: name, field: field, kind: kind))
        }
        return Layout(columns: columns, primaryKey: primaryKey)
    }

    private func object(_ model: String, _ row: Row, _ layout: Layout) throws(OriginalDataError) -> OriginalObject {
        var fields = JSONObject()
        var pk: JSON = .null
        for column in layout.columns {
            let value = Self.json(row[column.name] as DatabaseValue)
            if column.name == layout.primaryKey {
                pk = value
                continue
            }
            switch column.kind {
            case .plain:
                fields.appendNew(column.field, value)
            case .bool:
                fields.appendNew(column.field, value.intValue.map { .bool($0 != 0) } ?? value)
            case .json:
                guard case .string(let text) = value else {
                    fields.appendNew(column.field, value)
                    continue
                }
                do {
                    fields.appendNew(column.field, try JSON.parse(text))
                } catch {
                    throw OriginalDataError(
                        "\(Self.table(model)) \(pk.serializedString()): column \(column.name) is not valid JSON: \(error)")
                }
            }
        }
        return OriginalObject(model: model, pk: pk, fields: fields, location: "\(Self.table(model)) \(pk.serializedString())")
    }

    static func json(_ value: DatabaseValue) -> JSON {
        switch value.storage {
        case .null: .null
        case .int64(let int): .int(int)
        case .double(let double): .double(double)
        case .string(let text): .string(text)
        case .blob(let data): .string(String(decoding: data, as: UTF8.self))
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(OriginalDataError) -> T {
        do {
            return try queue.read(body)
        } catch let error as OriginalDataError {
            throw error
        } catch {
            throw OriginalDataError("\(URL(fileURLWithPath: path).lastPathComponent): \(error)")
        }
    }

    public func modelCounts() throws(OriginalDataError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                guard let model = Self.model(ofTable: table) else { continue }
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0
                if count > 0 { counts[model] = count }
            }
            return counts
        }
    }

    public var leftOut: [(location: String, message: String)] { [] }

    public func keyCounters() throws(OriginalDataError) -> [String: Int64] {
        try read { db in
            guard try db.tableExists("sqlite_sequence") else { return [:] }
            var counters: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence") {
                if let model = Self.model(ofTable: row[0]) { counters[model] = row[1] }
            }
            return counters
        }
    }

    /// A page of a table in key order, after the last key read.
    public func objects(_ model: String) throws(OriginalDataError) -> OriginalObjects {
        OriginalObjects { _, last throws(OriginalDataError) in try self.objects(model, after: last?.pk) }
    }

    private func objects(_ model: String, after: JSON?) throws(OriginalDataError) -> [OriginalObject] {
        let table = Self.table(model)
        return try read { db in
            guard let layout = try layout(table, in: db) else { return [] }
            var objects: [OriginalObject] = []
            let key = "\"\(layout.primaryKey)\""
            let (condition, arguments): (String, StatementArguments) =
                switch after {
                case .int(let id)?: ("WHERE \(key) > ?", [id])
                case .string(let text)?: ("WHERE \(key) > ?", [text])
                default: ("", [])
                }
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM \"\(table)\" \(condition) ORDER BY \(key) LIMIT \(OriginalObjects.pageSize)",
                arguments: arguments)
            for row in rows {
                var object = try self.object(model, row, layout)
                if model == OriginalModels.chronicle {
                    // The chronicle's bots are rows of the many-to-many table; dumpdata lists them under `bot`.
                    let bots = try Int64.fetchAll(
                        db, sql: "SELECT bot_id FROM chronicle_chronicle_bot WHERE chronicle_id = ? ORDER BY id",
                        arguments: [object.pk.intValue ?? 0])
                    var fields = object.fields
                    fields["bot"] = .array(bots.map { .int($0) })
                    object = OriginalObject(model: model, pk: object.pk, fields: fields, location: object.location)
                }
                objects.append(object)
            }
            return objects
        }
    }

    public func characters(after: Int64?, limit: Int) throws(OriginalDataError) -> [OriginalCharacter] {
        try read { db in
            guard let baseLayout = try layout("haven_character", in: db) else { return [] }
            let bases = try Row.fetchAll(
                db, sql: "SELECT * FROM haven_character WHERE id > ? ORDER BY id LIMIT ?", arguments: [after ?? Int64.min, limit])
            guard !bases.isEmpty else { return [] }
            var characters: [(Int64, [OriginalObject])] = []
            for row in bases {
                let base = try object(OriginalModels.character, row, baseLayout)
                characters.append((base.pk.intValue ?? 0, [base]))
            }
            let marks = characters.map { _ in "?" }.joined(separator: ", ")
            let ids = StatementArguments(characters.map(\.0))
            // The editions' parts, then every leaf table's (a dumpdata file is read alike): which leaf a splat's fields
            // are in is the import's to know.
            let leaves = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .compactMap(Self.model(ofTable:))
                .filter {
                    OriginalModels.isCharacterPart($0) && $0 != OriginalModels.character && !OriginalModels.editions.contains($0)
                }
            var parts: [Int64: [OriginalObject]] = [:]
            for model in OriginalModels.editions + leaves.sorted() {
                let table = Self.table(model)
                guard let partLayout = try layout(table, in: db) else { continue }
                let rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM \"\(table)\" WHERE \"\(partLayout.primaryKey)\" IN (\(marks))", arguments: ids)
                for row in rows {
                    let part = try object(model, row, partLayout)
                    parts[part.pk.intValue ?? 0, default: []].append(part)
                }
            }
            return characters.map { OriginalCharacter(id: $0.0, parts: $0.1 + (parts[$0.0] ?? [])) }
        }
    }
}
