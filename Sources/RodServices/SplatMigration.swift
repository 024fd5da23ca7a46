import Logging
import RodCore
import RodStore

/// Brings stored characters in line with their splat files: derived traits computed (the server does it by itself at
/// start, so a derivation declared later needs no hand migration), keys moved to the traits renamed from them, and,
/// when asked, keys no trait declares dropped (`rod splat migrate`). Each character rewritten gets a history row of
/// face `migrate`; characters are read and rewritten a batch at a time, each batch in one transaction, so a run that
/// stops can simply be run again. Also reports the stored keys no splat declares.
public struct SplatMigration: Sendable {
    public struct Options: Sendable, Equatable {
        /// Move values stored under a key a trait was renamed from to that trait.
        public var renames: Bool
        /// Remove keys no trait of the character's splat declares (nor renames).
        public var dropUndeclared: Bool

        public init(renames: Bool = true, dropUndeclared: Bool = false) {
            self.renames = renames
            self.dropUndeclared = dropUndeclared
        }

        /// What the server does at start: derived traits only; renames and drops wait for the operator.
        public static let derivationsOnly = Options(renames: false)
    }

    public struct Outcome: Sendable, Equatable {
        /// Characters read.
        public var examined = 0
        /// Characters rewritten (or, in a dry run, that would be), by splat.
        public var rewritten: [String: Int] = [:]
        /// Characters changed by someone else between their read and their rewrite; the next run takes them.
        public var skipped = 0

        public init() {}

        public var total: Int { rewritten.values.reduce(0, +) }
    }

    /// A stored key no splat declares, with how many characters hold it.
    public struct UndeclaredKey: Sendable, Equatable {
        public let splat: String
        public let key: String
        public let characters: Int
        /// The splat itself is declared by no file.
        public let unknownSplat: Bool
    }

    public let registry: Registry
    public let store: any CharacterStore
    let broadcaster: Broadcaster?
    let clock: @Sendable () -> Double
    let logger: Logger

    public init(
        registry: Registry, store: any CharacterStore, broadcaster: Broadcaster?, logger: Logger,
        clock: @escaping @Sendable () -> Double
    ) {
        self.registry = registry
        self.store = store
        self.broadcaster = broadcaster
        self.logger = logger
        self.clock = clock
    }

    /// Characters read and rewritten at a time.
    public static let batchSize = 200

    /// Rewrites (or, with `dryRun`, counts) every character whose stored document differs from what `options` make
    /// of it. Splats with nothing to upgrade are not read unless undeclared keys are to be dropped.
    public func run(_ options: Options, dryRun: Bool, progress: (String) -> Void = { _ in }) async throws -> Outcome {
        var outcome = Outcome()
        for splat in registry.splats where splat.upgradesDocuments || options.dropUndeclared {
            var after: Int64?
            while true {
                let page = try await store.characters(
                    CharacterQuery(splats: [splat.slug], afterID: after, limit: Self.batchSize))
                guard let last = page.last else { break }
                after = last.id
                outcome.examined += page.count
                let changes = page.compactMap { character -> (character: CharacterRecord, change: CharacterChange)? in
                    let target = upgrade(character, splat: splat, options)
                    let changes = character.changes(to: target)
                    guard changes != .emptyObject else { return nil }
                    return (
                        target, CharacterChange(operation: .update, face: .migration, actorID: nil, changes: changes, at: clock())
                    )
                }
                guard !changes.isEmpty else { continue }
                if dryRun {
                    outcome.rewritten[splat.slug, default: 0] += changes.count
                    continue
                }
                let stored = try await store.rewrite(changes)
                outcome.rewritten[splat.slug, default: 0] += stored.count
                outcome.skipped += changes.count - stored.count
                if let broadcaster {
                    let before = Dictionary(uniqueKeysWithValues: page.map { ($0.id, $0) })
                    for character in stored {
                        if let previous = before[character.id] { broadcaster.characterChanged(from: previous, to: character) }
                    }
                }
                progress("\(splat.slug): \(outcome.rewritten[splat.slug] ?? 0) characters")
            }
        }
        return outcome
    }

    /// What `options` make of a stored character: derived traits computed from the character as its splat serves it,
    /// renamed keys moved when asked, undeclared keys dropped when asked.
    func upgrade(_ character: CharacterRecord, splat: Splat, _ options: Options) -> CharacterRecord {
        var target = character
        if options.renames { splat.moveRenamedKeys(&target.values) }
        let served = splat.upgraded(character)
        for key in splat.derivedKeys { target.values[key] = served.values[key] }
        for track in splat.damageTracks where splat.derivedKeys.contains(track.totalKey) {
            for key in track.levelKeys { target.values[key] = served.values[key] }
        }
        if options.dropUndeclared {
            target.values = target.values.filter { splat.trait($0.key) != nil || splat.renames[$0.key] != nil }
        }
        return target
    }

    /// The stored keys no splat declares (neither a trait nor a key a trait was renamed from), by splat; every key of
    /// a splat no file declares.
    public func undeclaredKeys() async throws -> [UndeclaredKey] {
        try await store.documentKeys().compactMap { entry in
            guard let splat = registry.splat(entry.splat) else {
                return UndeclaredKey(splat: entry.splat, key: entry.key, characters: entry.characters, unknownSplat: true)
            }
            guard splat.trait(entry.key) == nil, splat.renames[entry.key] == nil else { return nil }
            return UndeclaredKey(splat: entry.splat, key: entry.key, characters: entry.characters, unknownSplat: false)
        }
    }

    /// The report of undeclared keys, a line per splat, with what an operator can do about them.
    public static func describe(_ keys: [UndeclaredKey]) -> [String] {
        var lines: [String] = []
        for (splat, entries) in Dictionary(grouping: keys, by: \.splat).sorted(by: { $0.key < $1.key }) {
            let list = entries.map { "`\($0.key)` (\($0.characters) characters)" }.joined(separator: ", ")
            if entries.first?.unknownSplat == true {
                lines.append("\(splat): no splat file declares this splat; its characters are kept but not served")
            } else {
                lines.append("\(splat): stored keys no trait declares: \(list)")
            }
        }
        if !lines.isEmpty {
            lines.append(
                "Each is kept in the stored documents, unseen. To serve one under a trait, declare `renamed_from: [<key>]` on that trait; to remove them, `rod splat migrate --drop-undeclared` (a dry run first: add --dry-run)."
            )
        }
        return lines
    }
}
