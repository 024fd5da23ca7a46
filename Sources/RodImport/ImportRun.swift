import Foundation
import RodCore
import RodServices
import RodStore

/// One run of an `OriginalImport`: each model read in turn, in the order their references need (users and bots, then
/// chronicles, members and what hangs on them, then characters), written in batches of `OriginalImport.batchSize`
/// rows so that no table is ever held whole, with what it kept, changed or left out noted in `report`.
struct ImportRun {
    let importer: OriginalImport
    let writer: any ImportWriter
    private(set) var report: ImportReport
    private var written = OriginalImport.Written()
    private var batch = ImportBatch()
    /// Live sessions waiting for their user, and how many were left out, by reason.
    private var pendingSessions: [Int64: [OriginalImport.PendingSession]] = [:]
    private var sessionsLeft: [String: Int] = [:]
    private var acceptedSessions: [Session] = []
    /// Members' default characters, set once characters are written.
    private var defaults: [(memberID: Int64, characterID: Int64, location: String)] = []

    private var source: any OriginalSource { importer.source }

    init(importer: OriginalImport, writer: any ImportWriter) {
        self.importer = importer
        self.writer = writer
        report = ImportReport(source: importer.source.description)
    }

    private mutating func flush() async throws {
        guard !batch.isEmpty else { return }
        try await writer.write(batch)
        batch = ImportBatch()
    }

    /// Writes the batch once it holds `batchSize` rows.
    private mutating func flushWhenFull() async throws {
        if batch.rows >= OriginalImport.batchSize { try await flush() }
    }

    /// Every object of `model`, each given to `read` with its key once that key is a positive whole number.
    private mutating func each(
        _ model: String, _ read: (inout ImportRun, OriginalObject, Int64) throws -> Void
    ) async throws {
        var objects = try source.objects(model)
        while let object = try objects.next() {
            guard let id = importer.key(object, &report) else { continue }
            try read(&self, object, id)
            try await flushWhenFull()
        }
    }

    mutating func noteUnknownModels(_ counts: [String: Int]) {
        let known: Set<String> = [
            OriginalModels.user, OriginalModels.bot, OriginalModels.chronicle, OriginalModels.member,
            OriginalModels.storytellerRole, OriginalModels.initiativeTracker, OriginalModels.commandStat,
            OriginalModels.session,
        ]
        for (model, count) in counts.sorted(by: { $0.key < $1.key })
        where !known.contains(model) && !OriginalModels.ignored.contains(model) && !OriginalModels.isCharacterPart(model) {
            report.note(model, nil, "\(count) object(s) of a model this import does not know: not imported")
        }
        for (location, message) in source.leftOut { report.note(location, nil, message) }
    }

    mutating func readSessions() throws {
        (pendingSessions, sessionsLeft) = try importer.readSessions()
    }

    mutating func users() async throws {
        try await each(OriginalModels.user) { run, object, id in
            let fields = object.fields
            run.acceptSessions(of: id, password: fields["password"]?.stringValue)
            run.batch.users.append(
                User(
                    id: id, username: fields["username"]?.stringValue ?? "",
                    discriminator: fields["discriminator"]?.stringValue ?? "0",
                    avatarURL: fields["avatar_url"]?.stringValue ?? "", email: fields["email"]?.stringValue,
                    verified: OriginalImport.bool(fields["verified"]), registered: OriginalImport.bool(fields["registered"]),
                    admin: OriginalImport.bool(fields["admin"]), supporter: fields["supporter"]?.coercedInteger ?? 0,
                    createdAt: run.time(object, "created_at"), lastSaved: run.time(object, "last_saved"),
                    lastActive: run.time(object, "last_active")))
            run.written.users.insert(id)
        }
        report.count("users", written.users.count)
    }

    /// The user's live sessions, as Django checks them: one opened before the user's password changed is signed out.
    private mutating func acceptSessions(of id: Int64, password: String?) {
        guard let pending = pendingSessions.removeValue(forKey: id), let secretKey = importer.secretKey else { return }
        for session in pending {
            if let hash = session.authHash, let password,
                hash != DjangoSession.sessionAuthHash(password: password, secretKey: secretKey)
            {
                sessionsLeft["opened before their user's password changed", default: 0] += 1
            } else {
                acceptedSessions.append(
                    Session(
                        tokenHash: session.tokenHash, userID: id, csrfToken: "", createdAt: importer.clock(),
                        expiresAt: session.expires))
            }
        }
    }

    mutating func bots() async throws {
        try await each(OriginalModels.bot) { run, object, id in
            let fields = object.fields
            run.batch.bots.append(
                Bot(
                    id: id, username: fields["username"]?.stringValue ?? "",
                    discriminator: fields["discriminator"]?.stringValue ?? "",
                    avatarURL: fields["avatar_url"]?.stringValue ?? "", shardCount: fields["shard_count"]?.coercedInteger ?? 0))
            run.written.bots.insert(id)
        }
        report.count("bots", written.bots.count)
    }

    mutating func chronicles() async throws {
        var botLinks = 0
        try await each(OriginalModels.chronicle) { run, object, id in
            let fields = object.fields
            var bots: [Int64] = []
            for bot in fields["bot"]?.arrayValue ?? [] {
                guard let botID = bot.coercedInteger, run.written.bots.contains(botID) else {
                    run.report.note(
                        object.location, "bot", "bot \(OriginalImport.quote(bot)) does not exist: its link is dropped")
                    continue
                }
                bots.append(botID)
            }
            botLinks += bots.count
            let chronicle = Chronicle(
                id: id, name: fields["name"]?.stringValue ?? "", ownerID: fields["owner_id"]?.coercedInteger ?? 0,
                shard: fields["shard"]?.coercedInteger ?? 0, isGuild: OriginalImport.bool(fields["is_guild"], default: true),
                iconURL: fields["icon_url"]?.stringValue ?? "", trackerChannel: fields["tracker_channel"]?.stringValue ?? "",
                createdAt: run.time(object, "created_at"), lastUpdated: run.time(object, "last_updated"))
            run.batch.chronicles.append((chronicle, bots))
            run.written.chronicles.insert(id)
        }
        report.count("chronicles", written.chronicles.count)
        report.count("chronicle bot links", botLinks)
        try await flush()
    }

    mutating func members() async throws {
        try await each(OriginalModels.member) { run, object, id in
            let fields = object.fields
            guard let chronicle = run.reference(object, "chronicle", in: run.written.chronicles),
                let user = run.reference(object, "user", in: run.written.users)
            else {
                run.report.note(object.location, nil, "a membership without its chronicle or user: not imported")
                return
            }
            run.batch.members.append(
                Member(
                    id: id, chronicleID: chronicle, userID: user, admin: OriginalImport.bool(fields["admin"]),
                    storyteller: OriginalImport.bool(fields["storyteller"]), nickname: fields["nickname"]?.stringValue ?? "",
                    avatarURL: fields["avatar_url"]?.stringValue ?? "",
                    defaultAutoHunger: OriginalImport.bool(fields["default_auto_hunger"]),
                    createdAt: run.time(object, "created_at"), lastUpdated: run.time(object, "last_updated")))
            run.written.members[id] = (chronicle, user)
            if let character = fields["default_character"]?.coercedInteger {
                run.defaults.append((id, character, object.location))
            }
        }
        report.count("members", written.members.count)
    }

    mutating func storytellerRoles() async throws {
        var roles = 0
        try await each(OriginalModels.storytellerRole) { run, object, id in
            guard let chronicle = run.reference(object, "guild", in: run.written.chronicles) else { return }
            run.batch.storytellerRoles.append((id, chronicle))
            roles += 1
        }
        report.count("storyteller roles", roles)
    }

    mutating func initiativeTrackers() async throws {
        var trackers = 0
        try await each(OriginalModels.initiativeTracker) { run, object, id in
            guard let chronicle = run.reference(object, "chronicle", in: run.written.chronicles) else { return }
            run.batch.initiativeTrackers.append(
                InitiativeTracker(
                    channelID: id, chronicleID: chronicle, data: object.fields["data"] ?? .null,
                    lastUpdated: run.time(object, "last_updated")))
            trackers += 1
        }
        report.count("initiative trackers", trackers)
    }

    mutating func commandStats() async throws {
        var stats = 0
        try await each(OriginalModels.commandStat) { run, object, id in
            let fields = object.fields
            guard let user = run.reference(object, "user", in: run.written.users),
                let bot = run.reference(object, "bot", in: run.written.bots)
            else { return }
            run.batch.commandStats.append(
                CommandStat(
                    id: id, userID: user, botID: bot, command: fields["command"]?.stringValue ?? "",
                    used: fields["used"]?.coercedInteger ?? 0, lastUsed: run.time(object, "last_used")))
            stats += 1
        }
        report.count("command statistics", stats)
        try await flush()
    }

    /// Characters a page at a time, each from its parts; parts of no character are counted and noted.
    mutating func characters(counts: [String: Int], progress: (String) -> Void) async throws {
        let total = counts[OriginalModels.character] ?? 0
        var partsRead: [String: Int] = [:]
        var after: Int64?
        while true {
            let page = try source.characters(after: after, limit: OriginalImport.batchSize)
            guard let last = page.last else { break }
            for original in page {
                for part in original.parts { partsRead[part.model, default: 0] += 1 }
                if let character = importer.character(original, &written, &report) {
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
    }

    mutating func defaultCharacters() async throws {
        for (memberID, characterID, location) in defaults {
            guard written.characters.contains(characterID) else {
                report.note(location, "default_character", "character \(characterID) does not exist: no default character")
                continue
            }
            batch.defaultCharacters.append((memberID, characterID))
        }
        report.count("default characters", batch.defaultCharacters.count)
        try await flush()
    }

    /// The sessions whose user was imported, written with the last batch; the others counted by reason.
    mutating func sessions() {
        sessionsLeft["of no imported user", default: 0] += pendingSessions.values.reduce(0) { $0 + $1.count }
        pendingSessions = [:]
        batch.sessions = acceptedSessions
        report.count("web sessions", acceptedSessions.count)
        for (reason, count) in sessionsLeft.sorted(by: { $0.key < $1.key }) where count > 0 {
            report.note(OriginalModels.session, nil, "\(count) web session(s) not imported: \(reason)")
        }
    }

    /// New keys continue after the original's own counter where it kept one (a deleted row's key is never given again,
    /// as the original never does), after the largest imported key otherwise.
    mutating func keyCounters() async throws {
        let counters = try source.keyCounters()
        for (model, table) in OriginalModels.generatedKeys.sorted(by: { $0.value < $1.value }) {
            if let counter = counters[model] {
                batch.keyCounters[table] = counter
                report.note(table, nil, "new keys continue after \(counter), the original's own counter")
            } else {
                report.note(table, nil, "new keys continue after the largest imported (the source keeps no counter)")
            }
        }
        try await flush()
    }

    private mutating func time(_ object: OriginalObject, _ key: String) -> Double {
        importer.time(object.fields, key, object, &report)
    }

    private mutating func reference(_ object: OriginalObject, _ key: String, in written: Set<Int64>) -> Int64? {
        importer.reference(object.fields, key, in: written, object, &report)
    }
}
