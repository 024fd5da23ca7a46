import Foundation
import RodCore
import RodServices
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
    /// Values a save would refuse by its rules (a hunger of 9), kept as they were.
    public private(set) var valuesKept = 0
    /// Values beyond the bounds of a save (their size), not kept: the trait's default was stored instead.
    public private(set) var valuesDropped = 0

    init(source: String) { self.source = source }

    mutating func note(_ location: String, _ field: String? = nil, _ message: String) {
        notes.append(Note(location: location, field: field, message: message))
    }

    /// A value the registry refuses, kept as it was.
    mutating func kept(_ location: String, _ field: String?, _ message: String) {
        valuesKept += 1
        note(location, field, message + " (kept as it was)")
    }

    /// A value beyond the bounds of a save, not kept.
    mutating func dropped(_ location: String, _ field: String, _ message: String) {
        valuesDropped += 1
        note(location, field, message + " (not kept: the trait's default is stored)")
    }

    mutating func count(_ kind: String, _ count: Int) { counts.append((kind, count)) }

    public func count(of kind: String) -> Int { counts.first { $0.kind == kind }?.count ?? 0 }

    /// The report as `rod import` prints it.
    public var text: String {
        var lines = ["Imported from \(source):"]
        lines += counts.map { "  \($0.kind): \($0.count)" }
        lines.append(
            "Values a save would refuse by its rules, kept as they were: \(valuesKept); values beyond a save's bounds, not kept: \(valuesDropped)."
        )
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
    struct Written {
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
        var run = ImportRun(importer: self, writer: writer)
        let counts = try source.modelCounts()
        run.noteUnknownModels(counts)
        // Sessions first, so that only the passwords of users with a live session are held while users are read.
        try run.readSessions()
        try await run.users()
        try await run.bots()
        try await run.chronicles()
        try await run.members()
        try await run.storytellerRoles()
        try await run.initiativeTrackers()
        try await run.commandStats()
        try await run.characters(counts: counts, progress: progress)
        try await run.defaultCharacters()
        run.sessions()
        try await run.keyCounters()
        return run.report
    }

    /// The object's key, when it is a positive whole number (Discord's ids and the original's keys all are); noted and
    /// nil otherwise, and the object is not imported.
    func key(_ object: OriginalObject, _ report: inout ImportReport) -> Int64? {
        guard let id = object.pk.coercedInteger, id > 0 else {
            report.note(object.location, nil, "its key \(Self.quote(object.pk)) is not a positive whole number: not imported")
            return nil
        }
        return id
    }

    /// A live web session of the original that the secret key verifies, waiting for its user to be read.
    struct PendingSession {
        let tokenHash: String
        let expires: Double
        /// What Django checks the user's password against, when the session holds it.
        let authHash: String?
    }

    /// The web sessions that the secret key verifies and that are still live, by user (so that players stay signed
    /// in); and how many were left out, by reason. A session is imported once its user is, if the password it was
    /// opened with is still theirs. Nothing of a session (its key is a credential) is written in the report.
    func readSessions() throws(OriginalDataError) -> ([Int64: [PendingSession]], [String: Int]) {
        let now = clock()
        var pending: [Int64: [PendingSession]] = [:]
        var left: [String: Int] = [:]
        var objects = try source.objects(OriginalModels.session)
        while let object = try objects.next() {
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
            guard let user = session["_auth_user_id"]?.coercedInteger else {
                left["of no imported user", default: 0] += 1
                continue
            }
            // No CSRF token of ours: the browser holds Django's, checked as Django does (the cookie's and the header's).
            pending[user, default: []].append(
                PendingSession(
                    tokenHash: SessionService.hash(key), expires: expires, authHash: session["_auth_user_hash"]?.stringValue))
        }
        return (pending, left)
    }

    /// The fields of a character's parts that are its relations or the original's bookkeeping, not traits.
    static let relationFields: Set<String> = [
        "user", "chronicle", "member", "created_at", "last_updated", "avatar", "splat", "splat_old",
    ]

    /// One character from its parts, with its first history row; nil (noted) when it cannot be imported.
    func character(
        _ original: OriginalCharacter, _ written: inout Written, _ report: inout ImportReport
    ) -> (CharacterRecord, CharacterChange)? {
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
        for level in splat?.lineage ?? []
        where !original.parts.contains(where: { $0.model == OriginalModels.leaf(of: level, in: registry) }) {
            report.note(
                location, nil,
                "no \(OriginalModels.leaf(of: level, in: registry)) object for this character: its fields read as their defaults"
            )
        }
        let foreign = read(original.parts, into: &values, splat: splat, slug: slug, location: location, &report)
        if !foreign.isEmpty {
            report.note(
                location, nil,
                "field(s) no trait of \(slug) declares, kept as they were: \(foreign.sorted().joined(separator: ", "))")
        }
        if let splat {
            // Derived traits are computed, as every save computes them.
            splat.derive(&values)
            for constraint in splat.constraints where !constraint.holds({ values[$0]?.coercedInteger ?? 0 }) {
                report.kept(location, constraint.field, constraint.message)
            }
        }
        Self.fitDocument(&values, splat: splat, location: location, &report)
        let name = values["name"]?.stringValue ?? ""
        let unique = uniqueName(name, of: userID, id: original.id, &written, location, &report)
        if unique != name { values["name"] = .string(unique) }

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
        let character = CharacterRecord(
            id: original.id, splat: slug, userID: userID, chronicleID: chronicleID, memberID: memberID,
            avatar: base["avatar"]?.stringValue ?? "", values: values, revision: 1,
            createdAt: time(base, "created_at", original.parts[0], &report),
            lastUpdated: time(base, "last_updated", original.parts[0], &report))
        let change = CharacterChange(
            operation: .imported, face: .imported, actorID: nil,
            changes: ["from": .string("\(source.description), \(location)"), "state": character.snapshot], at: at)
        return (character, change)
    }

    /// The parts' fields into `values`, each through its trait (a renamed field into the trait that holds it now): a
    /// value the registry refuses is kept as it was, one beyond a save's bounds is not; answers the fields no trait of
    /// the splat declares (kept as they were).
    private func read(
        _ parts: [OriginalObject], into values: inout [String: JSON], splat: Splat?, slug: String, location: String,
        _ report: inout ImportReport
    ) -> [String] {
        var foreign: [String] = []
        for part in parts {
            for (field, value) in part.fields where !Self.relationFields.contains(field) {
                guard let splat else {
                    values[field] = value
                    continue
                }
                // A field of a trait renamed since is that trait's value.
                let key = splat.renames[field] ?? field
                guard let trait = splat.trait(key) else {
                    values[field] = value
                    foreign.append(field)
                    continue
                }
                do {
                    let normalized = try trait.normalize(value)
                    values[key] = normalized
                    if let name = trait.validator, let validator = registry.validator(named: name) {
                        let context = WriteContext(mode: .update, face: .imported, isOwner: true, isStaff: true)
                        let problems = validator(normalized, context)
                        if !problems.isEmpty {
                            report.kept(location, key, "refused by \(slug): \(problems.map(\.message).joined(separator: " "))")
                        }
                    }
                } catch {
                    let messages = error.messages.map(\.message).joined(separator: " ")
                    if error.messages.contains(where: { Self.boundCodes.contains($0.code) }) {
                        values[key] = trait.defaultValue
                        report.dropped(location, key, "\(Self.quote(value)) is beyond a save's bounds: \(messages)")
                    } else {
                        values[key] = value
                        report.kept(location, key, "\(Self.quote(value)) is refused by \(slug): \(messages)")
                    }
                }
            }
        }
        return foreign
    }

    /// The character's name, made unique among its user's names regardless of case (as the store compares them, not
    /// as the original's SQLite did): a second `Anna` becomes `Anna (<id>)`, noted.
    private func uniqueName(
        _ name: String, of userID: Int64, id: Int64, _ written: inout Written, _ location: String, _ report: inout ImportReport
    ) -> String {
        guard !written.names[userID, default: []].insert(CharacterRecord.nameKey(name)).inserted else { return name }
        var renamed = "\(name) (\(id))"
        var attempt = 2
        while !written.names[userID, default: []].insert(CharacterRecord.nameKey(renamed)).inserted {
            renamed = "\(name) (\(id)-\(attempt))"
            attempt += 1
        }
        report.note(location, "name", "the user has another character named \"\(name)\" (case aside): renamed \"\(renamed)\"")
        return renamed
    }

    /// The codes of a save's refusals that are about a value's size (a text's length, a list's entries), not its rules.
    static let boundCodes: Set<ValidationMessage.Code> = [.named("max_length"), .named("max_key_length")]

    /// The bound of every save on a whole character (`CharacterRecord.maximumDocumentBytes`): while the traits are larger,
    /// the largest value is not kept (its default stored, or nothing for a field no trait declares), and noted.
    static func fitDocument(_ values: inout [String: JSON], splat: Splat?, location: String, _ report: inout ImportReport) {
        func size() -> Int { CharacterRecord.documentBytes(of: values) }
        var total = size()
        guard total > CharacterRecord.maximumDocumentBytes else { return }
        let largest = values.map { (key: $0.key, bytes: $0.value.serialized().count) }
            .sorted { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.key < $1.key }
        for (key, bytes) in largest where total > CharacterRecord.maximumDocumentBytes {
            guard let value = values[key] else { continue }
            values[key] = splat?.trait(key)?.defaultValue
            total = size()
            report.dropped(
                location, key,
                "\(quote(value)) (\(bytes) bytes) makes the character larger than a save allows (\(CharacterRecord.maximumDocumentBytes / 1024) KiB)"
            )
        }
    }

    /// A value as the report quotes it: whole when short, else its first characters and its size.
    static func quote(_ value: JSON) -> String {
        let text = value.serializedString()
        guard text.utf8.count > 80 else { return text }
        return "\(text.prefix(60))… (\(text.utf8.count) bytes)"
    }

    /// The id a foreign key names, if that row was imported; noted when it names one that was not.
    func reference(
        _ fields: JSONObject, _ key: String, in written: Set<Int64>, _ object: OriginalObject, _ report: inout ImportReport
    ) -> Int64? {
        guard let value = fields[key], !value.isNull else { return nil }
        guard let id = value.coercedInteger, written.contains(id) else {
            report.note(object.location, key, "\(Self.quote(value)) names no imported row")
            return nil
        }
        return id
    }

    func time(_ fields: JSONObject, _ key: String, _ object: OriginalObject, _ report: inout ImportReport) -> Double {
        guard let text = fields[key]?.stringValue else { return 0 }
        if let seconds = Self.seconds(text) { return seconds }
        report.note(object.location, key, "\(Self.quote(.string(text))) is not a time: read as 1970-01-01")
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
