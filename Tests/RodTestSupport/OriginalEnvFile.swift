/// The `.env` the original's setup script writes for development, as an operator would copy it beside the server.
public enum OriginalEnvFile {
    /// What the original's setup script writes for development (its `.env`, with the bots' key and app filled in).
    public static let development = """
        # Realm of Darkness Environment Configuration
        # Created on Sun Mar  2 10:00:00 UTC 2025

        # Development Environment
        ENV=development
        DB_ENGINE=sqlite3
        DB_NAME=db.sqlite3

        SECRET_KEY=django-insecure-dev-environment-key-change-in-production
        API_KEY="the bots' key"

        DISCORD_APP_ID=1234
        DISCORD_APP_SECRET=app-secret
        DISCORD_BOT_TOKEN=
        DISCORD_DEBUG_CHANNEL=

        PATREON_WEBHOOK_SECRET=
        """
}
