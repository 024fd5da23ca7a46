/// The files the server keeps and serves: avatars (under `<data>/media`, `Configuration.mediaDirectory`) and the
/// built web frontend.
public struct MediaConfiguration: Sendable {
    /// `avatar_hosts`, `ROD_AVATAR_HOSTS`: URL prefixes avatars may be downloaded from.
    public var avatarHosts = ["https://cdn.discordapp.com/"]
    /// `frontend_dir`, `ROD_FRONTEND_DIR`: the built web frontend, served at `/`.
    public var frontendDirectory = "frontend/build"

    public init() {}

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        try layer.read(&avatarHosts, "avatar_hosts", "ROD_AVATAR_HOSTS") { text, origin in Parse.list(text, origin) }
        try layer.read(&frontendDirectory, "frontend_dir", "ROD_FRONTEND_DIR")
    }
}
