import Foundation
import RodServices

/// Everything `rod` is configured with, made of one part per component. Layered, each layer overriding the previous
/// one: built-in development defaults, `config/<ENV>.yaml`, the environment (the original's variable names, plus
/// `ROD_*` ones; `.env` under it, see `DotEnv`), then command-line flags. Development needs none of them.
///
/// Each part lists its own keys in its own file: `HTTPConfiguration`, `StoreConfiguration`, `ChannelConfiguration`,
/// `GatewayConfiguration`, `MediaConfiguration`, `ExternalServices`, `LoggingConfiguration`, `HistoryConfiguration`.
public struct Configuration: Sendable {
    public enum Environment: String, Sendable, CaseIterable {
        case development, preproduction, production
    }

    /// `ENV`: the original treats every value other than development and preproduction as production.
    public var environment = Environment.development
    /// `data_dir`, `ROD_DATA_DIR`: where the SQLite database and the media live.
    public var dataDirectory = "data"
    /// `splats_dir`, `ROD_SPLATS_DIR`: the folder of splat declarations.
    public var splatsDirectory = "splats"
    public var http = HTTPConfiguration()
    public var store = StoreConfiguration()
    public var channels = ChannelConfiguration()
    public var gateway = GatewayConfiguration()
    public var media = MediaConfiguration()
    public var services = ExternalServices()
    public var logging = LoggingConfiguration()
    public var history = HistoryConfiguration()

    public init() {}

    /// Development's defaults with the data under `folder`: what tests start from.
    public init(dataDirectory folder: String) {
        dataDirectory = folder
    }

    /// Reads `config/<ENV>.yaml` (when present) and then the environment over the built-in defaults.
    public static func load(environment variables: [String: String], configDirectory: String? = nil) throws(ConfigurationError)
        -> Configuration
    {
        var configuration = Configuration()
        configuration.environment = Environment(rawValue: variables["ENV"] ?? "development") ?? .production
        let folder = variables["ROD_CONFIG_DIR"] ?? configDirectory ?? "config"
        let path = "\(folder)/\(configuration.environment.rawValue).yaml"
        if FileManager.default.fileExists(atPath: path) {
            let file = try ConfigurationLayer(file: path)
            try configuration.read(file)
            if let unknown = file.unread.first {
                throw ConfigurationError("\(path): `\(unknown)` is not a setting (docs/configuration.md lists them)")
            }
        }
        try configuration.read(ConfigurationLayer(environment: variables))
        return configuration
    }

    private mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        try layer.read(&dataDirectory, "data_dir", "ROD_DATA_DIR")
        try layer.read(&splatsDirectory, "splats_dir", "ROD_SPLATS_DIR")
        try http.read(layer)
        try store.read(layer)
        try channels.read(layer)
        try gateway.read(layer)
        try media.read(layer)
        try services.read(layer)
        try logging.read(layer)
        try history.read(layer)
    }

    /// Refuses a configuration that would be unsafe in its environment.
    public func validate() throws(ConfigurationError) {
        guard environment != .development else { return }
        let name = environment.rawValue
        // The development defaults, of this server and of the original's setup script, are known to everyone.
        if http.apiKey.isEmpty || [HTTPConfiguration.developmentAPIKey, "dev-api-key-for-testing"].contains(http.apiKey) {
            throw ConfigurationError(
                "ENV=\(name) needs API_KEY set to a secret of its own (`rod setup` makes one; give the bots the same)")
        }
        if http.secretKey.isEmpty || http.secretKey.hasPrefix("django-insecure-") {
            throw ConfigurationError("ENV=\(name) needs SECRET_KEY set to a secret of its own (`rod setup` makes one)")
        }
        if !store.isExplicit {
            throw ConfigurationError(
                "ENV=\(name) needs its database named: DATABASE_URL, or DB_ENGINE=postgresql with DB_HOST, DB_NAME, DB_USER and DB_PASSWORD (or DB_ENGINE=sqlite3 with DB_NAME)"
            )
        }
    }

    public var isDevelopment: Bool { environment == .development }

    /// The SQLite file: `DB_NAME` under the data folder unless absolute.
    public var databasePath: String { store.sqlitePath(in: dataDirectory) }

    /// The media folder: `<data>/media`.
    public var mediaDirectory: String { dataDirectory + "/media" }

    /// The files of the media folder (avatars).
    public var mediaStore: MediaStore { MediaStore(root: URL(fileURLWithPath: mediaDirectory, isDirectory: true)) }

    /// The site's address, per environment as in the original unless set.
    public var publicURL: String {
        if let url = http.publicURL { return url.hasSuffix("/") ? String(url.dropLast()) : url }
        switch environment {
        case .development: return "http://localhost:\(http.port)"
        case .preproduction: return "https://dev.realmofdarkness.app"
        case .production: return "https://realmofdarkness.app"
        }
    }

    /// Where login and logout end, per environment as in the original unless set.
    public var finalRedirect: String {
        if let url = http.finalRedirect { return url }
        switch environment {
        case .development: return "http://localhost:3000/"
        case .preproduction: return "https://dev.realmofdarkness.app/"
        case .production: return "https://realmofdarkness.app/"
        }
    }

    /// The hosts a gateway socket's `Origin` may name: the original's `ALLOWED_HOSTS` per environment, unless set.
    public var allowedHosts: [String] {
        if let hosts = gateway.allowedHosts { return hosts }
        switch environment {
        case .development: return ["localhost", "127.0.0.1"]
        case .preproduction: return ["localhost", "127.0.0.1", "[::1]", "dev.realmofdarkness.app"]
        case .production: return ["localhost", "127.0.0.1", "[::1]", "realmofdarkness.app", "www.realmofdarkness.app"]
        }
    }

    /// Cookies are Secure outside development.
    public var secureCookies: Bool { !isDevelopment }
}
