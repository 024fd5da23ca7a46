import RodServices

/// The services the server talks to: Discord (the login, and the operators' reports) and Patreon (its webhook).
public struct ExternalServices: Sendable {
    /// `DISCORD_APP_ID` and `DISCORD_APP_SECRET`: the OAuth2 client of the Discord login.
    public var discordAppID = ""
    public var discordAppSecret = ""
    /// `discord_api_url`, `ROD_DISCORD_API_URL`: Discord's API, where the login sends users and exchanges codes and
    /// error reports go.
    public var discordAPIURL = "https://discord.com/api"
    /// `DISCORD_BOT_TOKEN` and `DISCORD_DEBUG_CHANNEL`: with both, server errors and Patreon events are posted to that
    /// channel (`DiscordReporter`).
    public var discordBotToken = ""
    public var discordDebugChannel = ""
    /// `PATREON_WEBHOOK_SECRET`: the key of the Patreon webhook's signatures. Empty refuses every webhook.
    public var patreonWebhookSecret = ""

    public init() {}

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        // Secrets come from the environment only.
        try layer.read(&discordAppID, nil, "DISCORD_APP_ID")
        try layer.read(&discordAppSecret, nil, "DISCORD_APP_SECRET")
        try layer.read(&discordAPIURL, "discord_api_url", "ROD_DISCORD_API_URL")
        try layer.read(&discordBotToken, nil, "DISCORD_BOT_TOKEN")
        try layer.read(&discordDebugChannel, nil, "DISCORD_DEBUG_CHANNEL") { text, origin throws(ConfigurationError) in
            guard text.allSatisfy(\.isNumber) else {
                throw ConfigurationError("\(origin) must be a channel id (a number), got \(text)")
            }
            return text
        }
        try layer.read(&patreonWebhookSecret, nil, "PATREON_WEBHOOK_SECRET")
    }

    /// Where error reports go: set when both `DISCORD_BOT_TOKEN` and `DISCORD_DEBUG_CHANNEL` are.
    public var discordReports: DiscordReporter.Channel? {
        guard !discordBotToken.isEmpty, !discordDebugChannel.isEmpty else { return nil }
        return DiscordReporter.Channel(apiURL: discordAPIURL, botToken: discordBotToken, channelID: discordDebugChannel)
    }
}
