import Logging

/// The log: its level and its format.
public struct LoggingConfiguration: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    /// `log_level`, `LOG_LEVEL`: trace, debug, info, notice, warning, error, critical.
    public var level = Logger.Level.info
    /// `log_format`, `LOG_FORMAT`: `text` (one readable line per entry) or `json` (one JSON object per line, for log
    /// collectors).
    public var format = Format.text

    public init() {}

    mutating func read(_ layer: ConfigurationLayer) throws(ConfigurationError) {
        try layer.read(&level, "log_level", "LOG_LEVEL", Parse.choice(Logger.Level.self))
        try layer.read(&format, "log_format", "LOG_FORMAT", Parse.choice(Format.self))
    }

    /// Makes every logger of the process log to standard error at this level, in this format, and returns `rod`'s.
    public func bootstrap() -> Logger {
        let (level, format) = (level, format)
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "rod")
    }
}
