import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `.env` file `rod setup` writes: what the original's setup script asks (environment, database, secrets, Discord,
/// Patreon) under the original's variable names, so that the file reads the same with python-dotenv and with `rod`.
public struct SetupFile: Sendable, Equatable {
    public var environment = Configuration.Environment.development
    public var databaseEngine = StoreConfiguration.Engine.sqlite3
    /// The SQLite file (relative to the data folder unless absolute) or the PostgreSQL database.
    public var databaseName: String
    public var databaseUser = "rod"
    public var databasePassword = ""
    public var databaseHost = "127.0.0.1"
    public var databasePort = 5432
    public var secretKey: String
    public var apiKey: String
    public var discordAppID = ""
    public var discordAppSecret = ""
    public var discordBotToken = ""
    public var discordDebugChannel = ""
    public var patreonWebhookSecret = ""

    /// Development on SQLite, with fresh secrets.
    public init() {
        databaseName = Self.defaultDatabaseName(.sqlite3)
        secretKey = Self.secret(bytes: 48)
        apiKey = Self.secret(bytes: 32)
    }

    public static func defaultDatabaseName(_ engine: StoreConfiguration.Engine) -> String {
        engine == .sqlite3 ? "db.sqlite3" : "rod"
    }

    /// `bytes` from the system's cryptographic generator, as URL-safe base64 (no characters a `.env` must quote).
    public static func secret(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The file's text. Refuses what the file cannot hold or the server would refuse.
    public func render(writtenAt date: Date = Date()) throws(ConfigurationError) -> String {
        try check()
        var lines = [
            "# Realm of Darkness configuration, written by `rod setup` on \(ISO8601DateFormatter().string(from: date)).",
            "# Read by rod (and by the original's python-dotenv); variables already in the environment win.",
            "# It holds secrets: keep it readable by its owner only.",
            "",
            "ENV=\(environment.rawValue)",
            "",
            "DB_ENGINE=\(databaseEngine.rawValue)",
            "DB_NAME=\(try Self.quoted(databaseName, "DB_NAME"))",
        ]
        if databaseEngine == .postgresql {
            lines += [
                "DB_USER=\(try Self.quoted(databaseUser, "DB_USER"))",
                "DB_PASSWORD=\(try Self.quoted(databasePassword, "DB_PASSWORD"))",
                "DB_HOST=\(try Self.quoted(databaseHost, "DB_HOST"))",
                "DB_PORT=\(databasePort)",
            ]
        }
        lines += [
            "",
            "SECRET_KEY=\(try Self.quoted(secretKey, "SECRET_KEY"))",
            "API_KEY=\(try Self.quoted(apiKey, "API_KEY"))",
            "",
            "DISCORD_APP_ID=\(discordAppID)",
            "DISCORD_APP_SECRET=\(try Self.quoted(discordAppSecret, "DISCORD_APP_SECRET"))",
            "DISCORD_BOT_TOKEN=\(try Self.quoted(discordBotToken, "DISCORD_BOT_TOKEN"))",
            "DISCORD_DEBUG_CHANNEL=\(discordDebugChannel)",
            "",
            "PATREON_WEBHOOK_SECRET=\(try Self.quoted(patreonWebhookSecret, "PATREON_WEBHOOK_SECRET"))",
        ]
        let text = lines.joined(separator: "\n") + "\n"
        // What is written must configure a server that starts.
        let variables = DotEnv.variables(try DotEnv.parse(text, file: ".env"), environment: [:])
        try Configuration.load(environment: variables, configDirectory: "/nonexistent").validate()
        return text
    }

    private func check() throws(ConfigurationError) {
        guard !databaseName.isEmpty else { throw ConfigurationError("the database needs a name") }
        guard (1...65535).contains(databasePort) else {
            throw ConfigurationError("the database port must be between 1 and 65535, got \(databasePort)")
        }
        for (name, value) in [("Discord application id", discordAppID), ("Discord debug channel", discordDebugChannel)]
        where !value.isEmpty && !value.allSatisfy(\.isASCIIDigit) {
            throw ConfigurationError("the \(name) is a number (Discord's id), got \(value)")
        }
    }

    /// A value as the file holds it: bare when nothing in it needs quoting, else in single quotes (which keep
    /// everything but `\` and `'`, escaped). `${` cannot be written: python-dotenv expands it even in quotes.
    static func quoted(_ value: String, _ name: String) throws(ConfigurationError) -> String {
        guard !value.contains("${") else {
            throw ConfigurationError("\(name) cannot contain `${` (a .env file reads it as a variable)")
        }
        if value.unicodeScalars.allSatisfy(plain.contains) { return value }
        return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@+,".unicodeScalars)

    /// Writes `text` to `path`, readable and writable by its owner only. An existing file is replaced only when
    /// `replacing`, and then atomically (a new file renamed over it), so a reader never sees half of it.
    public static func save(_ text: String, to path: String, replacing: Bool) throws(ConfigurationError) {
        let target = replacing ? path + ".\(secret(bytes: 6)).tmp" : path
        let descriptor = open(target, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw ConfigurationError("\(path) exists; run again with --force to replace it")
            }
            throw ConfigurationError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        // The mode given to open() is narrowed by the umask, never widened; fchmod states it exactly.
        var failure: Int32 = fchmod(descriptor, 0o600) == 0 ? 0 : errno
        let bytes = Array(text.utf8)
        var written = 0
        while failure == 0, written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { failure = errno } else { written += count }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, replacing, rename(target, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(target)
            throw ConfigurationError("cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
