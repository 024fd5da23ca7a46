import RodCore

/// The store's tables as `rod export` reads them back: each row by column name, as stored (SQLite's flags as 0 and 1).
public enum ExportTable: String, Sendable, CaseIterable {
    case users, bots, chronicles
    case chronicleBots = "chronicle_bots"
    case members
    case storytellerRoles = "storyteller_roles"
    case initiativeTrackers = "initiative_trackers"
    case commandStats = "command_stats"
    case characters

    /// The statement reading a page of rows after a key; the chronicles' bots are read whole (a small table).
    var sql: String {
        switch self {
        case .chronicleBots: "SELECT chronicle_id, bot_id FROM chronicle_bots ORDER BY chronicle_id, bot_id"
        default: "SELECT * FROM \(rawValue) WHERE id > ? ORDER BY id LIMIT ?"
        }
    }

    var isPaged: Bool { self != .chronicleBots }
}
