/// A bot route a splat module adds (`bot/<path>`), for a game line whose bot commands need more than the core's
/// character routes: POST with the bot's JSON body (its `APIKey` already checked), answered in the original's format.
/// The server mounts it with the core's bot routes and documents it with them (OpenAPI, docs page, TypeScript), from
/// this one value.
public struct BotRoute: Sendable {
    /// Under `bot/`, without a leading slash.
    public let path: String
    public let summary: String
    /// The JSON Schema of the body, `APIKey` aside.
    public let body: JSON
    public let responses: [Response]
    public let handle: @Sendable (BotRouteRequest) async throws -> BotRouteReply

    public init(
        _ path: String, summary: String, body: JSON, responses: [Response],
        handle: @escaping @Sendable (BotRouteRequest) async throws -> BotRouteReply
    ) {
        self.path = path
        self.summary = summary
        self.body = body
        self.responses = responses
        self.handle = handle
    }

    /// One documented answer.
    public struct Response: Sendable {
        public enum Content: Sendable {
            /// A splat's full sheet, as its read schema describes it.
            case sheet(of: String)
            case json(JSON)
        }

        public let status: Int
        public let description: String
        public let content: Content?

        public init(_ status: Int, _ description: String, _ content: Content? = nil) {
            self.status = status
            self.description = description
            self.content = content
        }
    }
}

/// What a module's bot route gets: the body, the characters to read, and the registry (for views).
public struct BotRouteRequest: Sendable {
    public let body: JSONObject
    public let characters: any CharacterReading
    public let registry: Registry

    public init(body: JSONObject, characters: any CharacterReading, registry: Registry) {
        self.body = body
        self.characters = characters
        self.registry = registry
    }

    /// A Discord id the bot must send; a 400 `{"error": "<key> is required"}` when it is missing or malformed.
    public func snowflake(_ key: String) throws(BotRouteReply) -> Int64 {
        guard let id = Snowflake.parse(body[key]) else { throw .error("\(key) is required") }
        return id
    }
}

/// A module route's answer, thrown to answer early: a status with a compact JSON body or none.
public struct BotRouteReply: Error, Sendable, Equatable {
    public let status: Int
    public let body: JSON?

    public static func json(_ body: JSON, status: Int = 200) -> BotRouteReply { BotRouteReply(status: status, body: body) }
    public static func empty(_ status: Int) -> BotRouteReply { BotRouteReply(status: status, body: nil) }
    /// 400 `{"error": message}`, as the original's bot views refuse a body.
    public static func error(_ message: String) -> BotRouteReply { .json(["error": .string(message)], status: 400) }
}
