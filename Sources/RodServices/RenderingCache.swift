import RodCore
import RodGateway
import RodStore
import Synchronization

/// One rendering of each character per revision, for answers read far more often than the character changes:
/// - the tracker views as the gateway writes them (`GatewayService`): READY lists each character it finds here at the
///   revision the store names without reading or rendering it again, so a storyteller's READY of ten thousand
///   characters is one light read, and any number of READYs share one rendering of each, at once too (`rendering`);
/// - the sheets the bot's `character/get` and the web's `api/character/get/<splat>` answer (`CharacterService.sheet(of:)`,
///   the same bytes for both): a read of a character kept at its revision neither reads its document nor renders it.
///
/// An entry is current while the character is at the same revision and time of change: every write of a character
/// moves its revision (a restore, a splat migration and a chronicle's departure included). What is kept is bounded by
/// bytes: past `budget`, the entries used least recently are dropped until half of it is left.
public final class RenderingCache: Sendable {
    private struct Entry {
        let revision: Int64
        let lastUpdated: Double
        let text: GatewayText
        var used: UInt64
    }

    private struct State {
        var entries: [Int64: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    public let budget: Int
    /// A READY missing more renderings than this takes its turn to render them (`rendering`); one missing fewer
    /// renders them at once, so that a player's READY never waits behind a storyteller's large one.
    public let turnAbove: Int
    private let state = Mutex(State())
    /// Whether one caller is rendering, and who waits for their turn.
    private let turns = Mutex<(busy: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    /// `budget`: the most bytes of rendered views kept (32 MiB: about 60,000 characters' views). `turnAbove`: a
    /// batch of reads (`SQL.listBatch`).
    public init(budget: Int = 32 * 1024 * 1024, turnAbove: Int = SQL.listBatch) {
        self.budget = budget
        self.turnAbove = turnAbove
    }

    /// The rendering of each character at its stamp's revision, where one is kept (nil where not).
    public func renderings(of stamps: [CharacterStamp]) -> [GatewayText?] {
        state.withLock { state in
            state.clock += 1
            let now = state.clock
            return stamps.map { stamp in
                guard let entry = state.entries[stamp.id], entry.revision == stamp.revision,
                    entry.lastUpdated == stamp.lastUpdated
                else { return nil }
                state.entries[stamp.id]?.used = now
                return entry.text
            }
        }
    }

    /// Keeps these renderings, each replacing what was kept of its character.
    public func keep(_ renderings: [(character: CharacterRecord, text: GatewayText)]) {
        guard !renderings.isEmpty else { return }
        state.withLock { state in
            state.clock += 1
            for (character, text) in renderings {
                let entry = Entry(
                    revision: character.revision, lastUpdated: character.lastUpdated, text: text, used: state.clock)
                if let old = state.entries.updateValue(entry, forKey: character.id) { state.bytes -= old.text.bytes.count }
                state.bytes += text.bytes.count
            }
            guard state.bytes > budget else { return }
            for (id, entry) in state.entries.sorted(by: { $0.value.used < $1.value.used }) {
                if state.bytes <= budget / 2 { break }
                state.entries[id] = nil
                state.bytes -= entry.text.bytes.count
            }
        }
    }

    /// Runs `body`, which renders `missing` renderings not kept, one caller at a time when they are more than
    /// `turnAbove`: a READY that comes while another renders waits, then finds kept what that one rendered, so several
    /// large READYs of one chronicle at once render it once. (Two unrelated large READYs render one after the other:
    /// rendering is bound by the processor, not by waiting.) Fewer are rendered at once, without waiting.
    public func rendering<T>(missing: Int, _ body: () async throws -> T) async rethrows -> T {
        guard missing > turnAbove else { return try await body() }
        await withCheckedContinuation { continuation in
            let now = turns.withLock { turns in
                if !turns.busy {
                    turns.busy = true
                    return true
                }
                turns.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
        defer {
            // The turn passes to the first who waits, or the cache is free.
            let next = turns.withLock { turns in
                if turns.waiting.isEmpty { turns.busy = false }
                return turns.waiting.isEmpty ? nil : turns.waiting.removeFirst()
            }
            next?.resume()
        }
        return try await body()
    }

    /// How many characters' views are kept, and their bytes (for tests and diagnostics).
    public var usage: (characters: Int, bytes: Int) { state.withLock { ($0.entries.count, $0.bytes) } }
}
