import RodServices

/// How long characters' history is kept (`HistoryRetention`): a change stays while it is one of the character's last
/// `keep_changes` or younger than `keep_days`; a deleted character stays restorable for `keep_deleted_days`.
public struct HistoryConfiguration: Sendable {
    /// `history.keep_changes`, `ROD_HISTORY_KEEP_CHANGES` (at least 1, so that the last change can be undone),
    /// `history.keep_days`, `ROD_HISTORY_KEEP_DAYS`, and `history.keep_deleted_days`, `ROD_HISTORY_KEEP_DELETED_DAYS`.
    public var retention = HistoryRetention()

    public init() {}

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        try layer.read(&retention.keepChanges, "history.keep_changes", "ROD_HISTORY_KEEP_CHANGES", Parse.atLeast(1))
        try layer.read(&retention.keepDays, "history.keep_days", "ROD_HISTORY_KEEP_DAYS", Parse.atLeast(0))
        try layer.read(
            &retention.keepDeletedDays, "history.keep_deleted_days", "ROD_HISTORY_KEEP_DELETED_DAYS", Parse.atLeast(0))
    }
}
