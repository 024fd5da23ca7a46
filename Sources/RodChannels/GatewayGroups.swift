/// The channel-layer groups of the original's gateway. Writers send to them; each connection joins those it may see.
public enum GatewayGroups {
    /// Every signed-in connection: new characters, filtered by who may see them.
    public static let characterNew = "characterNew"
    /// Joined as in the original; nothing is sent to it (deletions go to `characterUpdate_<id>`).
    public static let characterDelete = "characterDelete"
    /// Every signed-in connection: new memberships, filtered by who may see them.
    public static let memberNew = "memberNew"
    /// Every signed-in connection: memberships removed, filtered by who may see them.
    public static let memberDelete = "memberDelete"

    public static func characterUpdate(_ id: Int64) -> String { "characterUpdate_\(id)" }
    public static func memberUpdate(_ id: Int64) -> String { "memberUpdate_\(id)" }
    public static func userUpdate(_ id: Int64) -> String { "userUpdate_\(id)" }
    public static func chronicleUpdate(_ id: Int64) -> String { "chronicleUpdate_\(id)" }
    /// The sockets of one web session (by its token's hash), told `session.end` when it is revoked. Not the original's.
    public static func session(_ tokenHash: String) -> String { "session_\(tokenHash.prefix(32))" }
}
