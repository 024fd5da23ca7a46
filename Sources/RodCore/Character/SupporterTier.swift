/// Supporter tiers (Patreon levels) and the limits they grant, as in the original's constants.
public struct SupporterTier: Sendable, Hashable {
    public let level: Int64
    public let name: String
    /// Active web sheets (Draft, Review, Active) a user may have.
    public let sheetLimit: Int
    /// Characters of any kind (sheets and bot trackers) a user may have.
    public let characterLimit: Int
    /// Web API requests a day.
    public let dailyRequests: Int

    public static let all: [SupporterTier] = [
        SupporterTier(level: 0, name: "NONE", sheetLimit: 2, characterLimit: 50, dailyRequests: 2000),
        SupporterTier(level: 1, name: "MORTAL", sheetLimit: 4, characterLimit: 75, dailyRequests: 5000),
        SupporterTier(level: 2, name: "FLEDGLING", sheetLimit: 8, characterLimit: 100, dailyRequests: 5000),
        SupporterTier(level: 3, name: "NEONATE", sheetLimit: 30, characterLimit: 150, dailyRequests: 10000),
        SupporterTier(level: 4, name: "ANCILLA", sheetLimit: 60, characterLimit: 200, dailyRequests: 10000),
        SupporterTier(level: 5, name: "ELDER", sheetLimit: 150, characterLimit: 300, dailyRequests: 10000),
        SupporterTier(level: 6, name: "METHUSELAH", sheetLimit: 300, characterLimit: 500, dailyRequests: 10000),
        SupporterTier(level: 7, name: "ANTEDILUVIAN", sheetLimit: 500, characterLimit: 1000, dailyRequests: 10000),
    ]

    /// The tier of a supporter level. Unknown levels get the base limits; their request quota still
    /// follows the original's `>= 3` / `>= 1` thresholds.
    public static func of(level: Int64) -> SupporterTier {
        if let tier = all.first(where: { $0.level == level }) { return tier }
        let daily = level >= 3 ? 10000 : level >= 1 ? 5000 : 2000
        return SupporterTier(level: level, name: "UNKNOWN", sheetLimit: 2, characterLimit: 50, dailyRequests: daily)
    }
}
