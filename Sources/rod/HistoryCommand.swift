import ArgumentParser
import Foundation
import RodApp
import RodCore
import RodServices
import RodStore

/// `rod history ...`: characters' history for operators.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Characters' history: read one, or prune every one by the retention rule.",
        subcommands: [Show.self, Prune.self]
    )

    /// `rod history show <id>`: every recorded change of a character, oldest first.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Print a character's history (a deleted one's too): each revision, when, through what, by whom, what changed."
        )

        @OptionGroup var settingsOptions: SettingsOptions

        @Argument(help: "The character's id.")
        var id: Int64

        @Option(help: "Cut each value to this many characters (0: whole).")
        var width = 60

        func run() async throws {
            let configuration = try settingsOptions.load()
            let logger = configuration.logging.bootstrap()
            let (id, width) = (id, width)
            let lines = try await Startup.withStore(configuration, logger: logger) { store in
                let rows = try await store.history(characterID: id)
                guard !rows.isEmpty else { return ["rod: character \(id) has no history"] }
                var lines: [String] = []
                let steps = (try? CharacterHistory.steps(rows)) ?? []
                for (index, row) in rows.enumerated() {
                    let change = row.change
                    var head = "r\(row.revision)  \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: change.at)))"
                    head += "  \(change.operation.rawValue) via \(change.face.rawValue)"
                    if let actor = change.actorID { head += " by \(actor)" }
                    if let restored = change.restoredFrom { head += ", restoring r\(restored)" }
                    lines.append(head)
                    guard index < steps.count, [.update].contains(change.operation) else { continue }
                    let step = steps[index]
                    for key in CharacterHistory.changedKeys(step) {
                        let old = Self.cut((step.before?[key] ?? .null).serializedString(), width)
                        let new = Self.cut((step.after?[key] ?? .null).serializedString(), width)
                        lines.append("    \(key): \(old) -> \(new)")
                    }
                }
                if steps.count < rows.count {
                    lines.append("rod: the history does not rebuild past r\(rows[steps.count].revision)")
                }
                return lines
            }
            for line in lines { print(line) }
        }

        static func cut(_ text: String, _ width: Int) -> String {
            width > 0 && text.count > width ? String(text.prefix(width)) + "…" : text
        }
    }

    /// `rod history prune`: what the server does every hour, now.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Prune every character's history by the retention rule (history.keep_changes, history.keep_days), keeping each one's state as a baseline, and forget characters deleted longer ago than history.keep_deleted_days."
        )

        @OptionGroup var settingsOptions: SettingsOptions

        func run() async throws {
            let configuration = try settingsOptions.load()
            let logger = configuration.logging.bootstrap()
            let retention = configuration.history.retention
            let outcome = try await Startup.withStore(configuration, logger: logger) { store in
                try await retention.prune(
                    store, media: configuration.mediaStore, now: Date().timeIntervalSince1970, logger: logger)
            }
            print(
                "rod: pruned \(outcome.rows) history rows of \(outcome.characters) characters (keeping each one's last \(retention.keepChanges) changes and the last \(retention.keepDays) days) and forgot \(outcome.deletedCharacters) characters deleted more than \(retention.keepDeletedDays) days ago"
            )
        }
    }
}
