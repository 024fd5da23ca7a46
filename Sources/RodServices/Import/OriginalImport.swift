import Foundation
import RodCore
import RodStore

/// What an import did: how many rows of each kind it wrote, and every value it kept as it was although the registry
/// would refuse it, changed, or could not bring over, each with where it was read.
public struct ImportReport: Sendable {
    public struct Note: Sendable, Equatable {
        /// Where the value was read: `haven_character 20`, `chronicle.member 3`.
        public let location: String
        public let field: String?
        public let message: String
    }

    public let source: String
    public private(set) var counts: [(kind: String, count: Int)] = []
    public private(set) var notes: [Note] = []

    init(source: String) { self.source = source }

    mutating func note(_ location: String, _ field: String? = nil, _ message: String) {
        notes.append(Note(location: location, field: field, message: message))
    }

    mutating func count(_ kind: String, _ count: Int) { counts.append((kind, count)) }

    public func count(of kind: String) -> Int { counts.first { $0.kind == kind }?.count ?? 0 }

    /// The report as `rod import` prints it.
    public var text: String {
        var lines = ["Imported from \(source):"]
        lines += counts.map { "  \($0.kind): \($0.count)" }
        if notes.isEmpty {
            lines.append("Every value was imported as it was.")
        } else {
            lines.append("\(notes.count) note(s):")
            lines += notes.map { note in
                "  \(note.location)\(note.field.map { ", `\($0)`" } ?? ""): \(note.message)"
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Brings the original backend's data into a store (`rod import`): users, bots, chronicles and their bots, members,
/// storyteller roles, initiative trackers, command statistics and characters of every splat, each with its own id.
/// A character's three objects become one character whose traits the registry checks one by one: a value it refuses
/// is kept as it was and noted, as is a field no trait of the splat declares; a reference to a row that does not exist
/// is dropped and noted (or the row, when it cannot stand without it).
public struct OriginalImport: Sendable {
    let registry: Registry
    let source: any OriginalSource
    /// The original's `SECRET_KEY`, which signed its web sessions; sessions it does not verify are not imported.
    let secretKey: String?
    let clock: @Sendable () -> Double
    /// Objects read and written at a time.
    static let batchSize = 500

    public init(
        registry: Registry, source: any OriginalSource, secretKey: String? = nil,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.registry = registry
        self.source = source
        self.secretKey = secretKey
        self.clock = clock
    }

    /// What the import has written so far, to check the references of what follows.
    private struct Written {
        var users: Set<Int64> = []
        var bots: Set<Int64> = []
        var chronicles: Set<Int64> = []
        var members: [Int64: (chronicle: Int64, user: Int64)] = [:]
        var characters: Set<Int64> = []
        /// Names in use per user, as the store compares them (`name_key`).
        var names: [Int64: Set<String>] = [:]
    }

    /// Reads everything and writes it through `writer` in batches; `progress` is told after each batch.
    public func run(
        into writer: any ImportWriter, progress: (String) -> Void = { _ in }
    ) async throws -> ImportReport {
        var report = ImportReport(source: source.description)
        var written = Written()
        let counts = try source.modelCounts()
        let known: Set<String> = [
            OriginalModels.user, OriginalModels.bot, OriginalModels.chronicle, OriginalModels.member,
            OriginalModels.storytellerRole, OriginalModels.initiativeTracker, OriginalModels.commandStat,
            OriginalModels.session,
        ]
        for (model, count) in counts.sorted(by: { $0.key < $1.key })
        where !known.contains(model) && !OriginalModels.ignored.contains(model) && !OriginalModels.isCharacterPart(model) {
            report.note(model, nil, "\(count) object(s) of a model this import does not know: not imported")
        }

        var batch = ImportBatch()
        func flush() async throws {
            guard !batch.isEmpty else { return }
            try await writer.write(batch)
            batch = ImportBatch()
        }

        var passwords: [Int64: String] = [:]
        for object in try source.objects(OriginalModels.user) {
            guard let id = object.pk.coercedInteger else {
                report.note(object.location, nil, "a user without a numeric id: not imported")
                continue
            }
            let fields = object.fields
            passwords[id] = fields["password"]?.stringValue
            batch.users.append(
                User(
                    id: id, username: fields["username"]?.stringValue ?? "",
                    discriminator: fields["discriminator"]?.stringValue ?? "0",
                    avatarURL: fields["avatar_url"]?.stringValue ?? "", email: fields["email"]?.stringValue,
                    verified: Self.bool(fields["verified"]), registered: Self.bool(fields["registered"]),
                    admin: Self.bool(fields["admin"]), supporter: fields["supporter"]?.coercedInteger ?? 0,
                    createdAt: time(fields, "created_at", object, &report),
                    lastSaved: time(fields, "last_saved", object, &report),
                    lastActive: time(fields, "last_active", object, &report)))
            written.users.insert(id)
            if batch.users.count >= Self.batchSize { try await flush() }
        }
        report.count("users", written.users.count)

        for object in try source.objects(OriginalModels.bot) {
            guard let id = object.pk.coercedInteger else { continue }
            let fields = object.fields
            batch.bots.append(
                Bot(
                    id: id, username: fields["username"]?.stringValue ?? "",
                    discriminator: fields["discriminator"]?.stringValue ?? "",
                    avatarURL: fields["avatar_url"]?.stringValue ?? "", shardCount: fields["shard_count"]?.coercedInteger ?? 0))
            written.bots.insert(id)
        }
        report.count("bots", written.bots.count)

        var botLinks = 0
        for object in try source.objects(OriginalModels.chronicle) {
            guard let id = object.pk.coercedInteger else { continue }
            let fields = object.fields
            var bots: [Int64] = []
            for bot in fields["bot"]?.arrayValue ?? [] {
                guard let botID = bot.coercedInteger, written.bots.contains(botID) else {
                    report.note(object.location, "bot", "bot \(bot.serializedString()) does not exist: its link is dropped")
                    continue
                }
                bots.append(botID)
            }
            botLinks += bots.count
            batch.chronicles.append(
                (
                    Chronicle(
                        id: id, name: fields["name"]?.stringValue ?? "", ownerID: fields["owner_id"]?.coercedInteger ?? 0,
                        shard: fields["shard"]?.coercedInteger ?? 0, isGuild: Self.bool(fields["is_guild"], default: true),
                        iconURL: fields["icon_url"]?.stringValue ?? "",
                        trackerChannel: fields["tracker_channel"]?.stringValue ?? "",
                        createdAt: time(fields, "created_at", object, &report),
                        lastUpdated: time(fields, "last_updated", object, &report)),
                    bots
                ))
            written.chronicles.insert(id)
        }
        report.count("chronicles", written.chronicles.count)
        report.count("chronicle bot links", botLinks)
        try await flush()

        var defaults: [(memberID: Int64, characterID: Int64, location: String)] = []
        for object in try source.objects(OriginalModels.member) {
            let fields = object.fields
            guard let id = object.pk.coercedInteger,
                let chronicle = reference(fields, "chronicle", in: written.chronicles, object, &report),
                let user = reference(fields, "user", in: written.users, object, &report)
            else {
                report.note(object.location, nil, "a membership without its chronicle or user: not imported")
                continue
            }
            batch.members.append(
                Member(
                    id: id, chronicleID: chronicle, userID: user, admin: Self.bool(fields["admin"]),
                    storyteller: Self.bool(fields["storyteller"]), nickname: fields["nickname"]?.stringValue ?? "",
                    avatarURL: fields["avatar_url"]?.stringValue ?? "",
                    defaultAutoHunger: Self.bool(fields["default_auto_hunger"]),
                    createdAt: time(fields, "created_at", object, &report),
                    lastUpdated: time(fields, "last_updated", object, &report)))
            written.members[id] = (chronicle, user)
            if let character = fields["default_character"]?.coercedInteger {
                defaults.append((id, character, object.location))
            }
        }
        report.count("members", written.members.count)

        var roles = 0
        for object in try source.objects(OriginalModels.storytellerRole) {
            guard let id = object.pk.coercedInteger,
                let chronicle = reference(object.fields, "guild", in: written.chronicles, object, &report)
            else { continue }
            batch.storytellerRoles.append((id, chronicle))
            roles += 1
        }
        report.count("storyteller roles", roles)

        var trackers = 0
        for object in try source.objects(OriginalModels.initiativeTracker) {
            guard let id = object.pk.coercedInteger,
                let chronicle = reference(object.fields, "chronicle", in: written.chronicles, object, &report)
            else { continue }
            batch.initiativeTrackers.append(
                InitiativeTracker(
                    channelID: id, chronicleID: chronicle, data: object.fields["data"] ?? .null,
                    lastUpdated: time(object.fields, "last_updated", object, &report)))
            trackers += 1
        }
        report.count("initiative trackers", trackers)

        var stats = 0
        for object in try source.objects(OriginalModels.commandStat) {
            let fields = object.fields
            guard let id = object.pk.coercedInteger, let user = reference(fields, "user", in: written.users, object, &report),
                let bot = reference(fields, "bot", in: written.bots, object, &report)
            else { continue }
            batch.commandStats.append(
                CommandStat(
                    id: id, userID: user, botID: bot, command: fields["command"]?.stringValue ?? "",
                    used: fields["used"]?.coercedInteger ?? 0, lastUsed: time(fields, "last_used", object, &report)))
            stats += 1
            if batch.commandStats.count >= Self.batchSize { try await flush() }
        }
        report.count("command statistics", stats)
        try await flush()

        let total = counts[OriginalModels.character] ?? 0
        var partsRead: [String: Int] = [:]
        var after: Int64?
        while true {
            let page = try source.characters(after: after, limit: Self.batchSize)
            guard let last = page.last else { break }
            for original in page {
                for part in original.parts { partsRead[part.model, default: 0] += 1 }
                if let character = character(original, &written, &report) {
                    batch.characters.append(character)
                    written.characters.insert(original.id)
                }
            }
            after = last.id
            try await flush()
            progress("characters \(written.characters.count) of \(total)")
        }
        report.count("characters", written.characters.count)
        for (model, count) in counts.sorted(by: { $0.key < $1.key }) where OriginalModels.isCharacterPart(model) {
            let orphans = count - partsRead[model, default: 0]
            if orphans > 0 {
                report.note(model, nil, "\(orphans) object(s) of no character (no haven.character of their key): not imported")
            }
        }

        for (memberID, characterID, location) in defaults {
            guard written.characters.contains(characterID) else {
                report.note(location, "default_character", "character \(characterID) does not exist: no default character")
                continue
            }
            batch.defaultCharacters.append((memberID, characterID))
        }
        report.count("default characters", batch.defaultCharacters.count)
        try await flush()

        try importSessions(passwords: passwords, written: written, into: &batch, &report)
        try await flush()
        return report
    }

    /// The web sessions that the secret key verifies, still live, of imported users whose password they were opened
    /// with (as Django checks them), so that players stay signed in. Nothing of a session (its key is a credential) is
    /// written in the report: only how many were left out, and why.
    private func importSessions(
        passwords: [Int64: String], written: Written, into batch: inout ImportBatch, _ report: inout ImportReport
    ) throws(OriginalDataError) {
        let now = clock()
        var kept = 0
        var left: [String: Int] = [:]
        for object in try source.objects(OriginalModels.session) {
            guard let key = object.pk.stringValue, let data = object.fields["session_data"]?.stringValue,
                let expires = object.fields["expire_date"]?.stringValue.flatMap(Self.seconds)
            else {
                left["malformed", default: 0] += 1
                continue
            }
            guard expires > now else {
                left["expired", default: 0] += 1
                continue
            }
            guard let secretKey, let session = try? DjangoSession.decode(data, secretKey: secretKey) else {
                left["signed with another SECRET_KEY (set SECRET_KEY to the original's to keep them)", default: 0] += 1
                continue
            }
            guard let user = session["_auth_user_id"]?.coercedInteger, written.users.contains(user) else {
                left["of no imported user", default: 0] += 1
                continue
            }
            if let hash = session["_auth_user_hash"]?.stringValue, let password = passwords[user],
                hash != DjangoSession.sessionAuthHash(password: password, secretKey: secretKey)
            {
                left["opened before their user's password changed", default: 0] += 1
                continue
            }
            // No CSRF token of ours: the browser holds Django's, checked as Django does (the cookie's and the header's).
            batch.sessions.append(
                Session(tokenHash: SessionService.hash(key), userID: user, csrfToken: "", createdAt: now, expiresAt: expires))
            kept += 1
        }
        report.count("web sessions", kept)
        for (reason, count) in left.sorted(by: { $0.key < $1.key }) {
            report.note(OriginalModels.session, nil, "\(count) web session(s) not imported: \(reason)")
        }
    }

    /// The fields of a character's parts that are its relations or the original's bookkeeping, not traits.
    static let relationFields: Set<String> = [
        "user", "chronicle", "member", "created_at", "last_updated", "avatar", "splat", "splat_old",
    ]

    /// One character from its parts, with its first history row; nil (noted) when it cannot be imported.
    private func character(
        _ original: OriginalCharacter, _ written: inout Written, _ report: inout ImportReport
    ) -> (Character, CharacterChange)? {
        let base = original.base
        let location = original.location
        guard let userID = reference(base, "user", in: written.users, original.parts[0], &report) else {
            report.note(location, nil, "a character whose user does not exist: not imported")
            return nil
        }
        let slug = base["splat"]?.stringValue ?? ""
        let splat = registry.splat(slug)
        if splat == nil {
            report.note(location, "splat", "splat \"\(slug)\" is declared by no splat file: imported as it is, not served")
        }
        var values = splat?.defaults() ?? [:]
        for level in splat?.lineage ?? [] where !original.parts.contains(where: { $0.model == OriginalModels.leaf(of: level) }) {
            report.note(
                location, nil, "no \(OriginalModels.leaf(of: level)) object for this character: its fields read as their defaults"
            )
        }
        var foreign: [String] = []
        for part in original.parts {
            for (key, value) in part.fields where !Self.relationFields.contains(key) {
                guard let splat else {
                    values[key] = value
                    continue
                }
                guard let trait = splat.trait(key) else {
                    values[key] = value
                    foreign.append(key)
                    continue
                }
                do {
                    let normalized = try trait.normalize(value)
                    values[key] = normalized
                    if let name = trait.validator, let validator = registry.validator(named: name) {
                        let context = WriteContext(mode: .update, face: .imported, isOwner: true, isStaff: true)
                        let problems = validator(normalized, context)
                        if !problems.isEmpty {
                            report.note(
                                location, key,
                                "refused by \(slug): \(problems.map(\.message).joined(separator: " ")) (kept as it was)")
                        }
                    }
                } catch {
                    values[key] = value
                    report.note(
                        location, key,
                        "\(value.serializedString()) is refused by \(slug): \(error.messages.map(\.message).joined(separator: " ")) (kept as it was)"
                    )
                }
            }
        }
        if !foreign.isEmpty {
            report.note(
                location, nil,
                "field(s) no trait of \(slug) declares, kept as they were: \(foreign.sorted().joined(separator: ", "))")
        }
        if let splat {
            for constraint in splat.constraints {
                let (sum, limit) = constraint.evaluate { values[$0]?.coercedInteger ?? 0 }
                if sum > limit { report.note(location, constraint.field, "\(constraint.message) (kept as it was)") }
            }
        }

        // Names are unique per user regardless of case here, not on the original's SQLite.
        let name = values["name"]?.stringValue ?? ""
        if !written.names[userID, default: []].insert(Character.nameKey(name)).inserted {
            var renamed = "\(name) (\(original.id))"
            var attempt = 2
            while !written.names[userID, default: []].insert(Character.nameKey(renamed)).inserted {
                renamed = "\(name) (\(original.id)-\(attempt))"
                attempt += 1
            }
            values["name"] = .string(renamed)
            report.note(location, "name", "the user has another character named \"\(name)\" (case aside): renamed \"\(renamed)\"")
        }

        var chronicleID = base["chronicle"]?.coercedInteger
        if let id = chronicleID, !written.chronicles.contains(id) {
            report.note(location, "chronicle", "chronicle \(id) does not exist: the character is in none")
            chronicleID = nil
        }
        var memberID = base["member"]?.coercedInteger
        if let id = memberID, written.members[id] == nil {
            report.note(location, "member", "membership \(id) does not exist: dropped")
            memberID = nil
        }
        let at = clock()
        let character = Character(
            id: original.id, splat: slug, userID: userID, chronicleID: chronicleID, memberID: memberID,
            avatar: base["avatar"]?.stringValue ?? "", values: values, revision: 1,
            createdAt: time(base, "created_at", original.parts[0], &report),
            lastUpdated: time(base, "last_updated", original.parts[0], &report))
        let change = CharacterChange(
            operation: .imported, face: .imported, actorID: nil,
            changes: ["from": .string("\(source.description), \(location)"), "state": character.snapshot], at: at)
        return (character, change)
    }

    /// The id a foreign key names, if that row was imported; noted when it names one that was not.
    private func reference(
        _ fields: JSONObject, _ key: String, in written: Set<Int64>, _ object: OriginalObject, _ report: inout ImportReport
    ) -> Int64? {
        guard let value = fields[key], !value.isNull else { return nil }
        guard let id = value.coercedInteger, written.contains(id) else {
            report.note(object.location, key, "\(value.serializedString()) names no imported row")
            return nil
        }
        return id
    }

    private func time(_ fields: JSONObject, _ key: String, _ object: OriginalObject, _ report: inout ImportReport) -> Double {
        guard let text = fields[key]?.stringValue else { return 0 }
        if let seconds = Self.seconds(text) { return seconds }
        report.note(object.location, key, "\"\(text)\" is not a time: read as 1970-01-01")
        return 0
    }

    static func bool(_ value: JSON?, default fallback: Bool = false) -> Bool {
        switch value {
        case .bool(let bool)?: bool
        case .int(let int)?: int != 0
        default: fallback
        }
    }

    /// A time as the original stores it (`2026-11-30 11:07:10.776368`, naive UTC) or dumpdata writes it
    /// (`2026-11-30T11:07:10.776Z`), in seconds since 1970.
    static func seconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"), let year = number(0..<4),
            let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13), let minute = number(14..<16),
            let second = number(17..<19), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        // Microseconds, as Python's datetime holds them: the result is then the same float `timestamp()` gives.
        var micros = 0
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100_000
            while index < bytes.count, (48...57).contains(bytes[index]) {
                micros += Int(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        guard ["", "Z", "+00:00"].contains(rest) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second
        return Double(whole * 1_000_000 + micros) / 1_000_000
    }
}

/// Discards what an import would write (`rod import --dry-run`).
public struct DiscardingImportWriter: ImportWriter {
    public init() {}
    public func write(_ batch: ImportBatch) async throws {}
}
