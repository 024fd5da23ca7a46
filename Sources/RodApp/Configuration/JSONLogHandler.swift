import Foundation
import Logging
import RodCore

/// Writes each log entry as one JSON object on one line of standard error (`LOG_FORMAT=json`), for log collectors:
/// `{"time": ..., "level": ..., "message": ..., "label": ..., <metadata>...}`. Metadata keys keep their names
/// (`hb.request.id` is the request id); nested metadata becomes nested JSON.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable ([UInt8]) -> Void

    public init(label: String, write: @escaping @Sendable ([UInt8]) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var entry = JSONObject()
        entry["time"] = .string(Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        entry["level"] = .string(event.level.rawValue)
        entry["message"] = .string(event.message.description)
        entry["label"] = .string(label)
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) where entry[key] == nil {
            entry[key] = Self.json(value)
        }
        if event.level >= .error { entry["source"] = .string("\(event.file):\(event.line)") }
        write(JSON.object(entry).serialized() + [UInt8(ascii: "\n")])
    }

    static func json(_ value: Logger.Metadata.Value) -> JSON {
        switch value {
        case .string(let text): return .string(text)
        case .stringConvertible(let value): return .string(value.description)
        case .array(let values): return .array(values.map(json))
        case .dictionary(let values):
            return .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// One `write(2)` per entry, so lines from concurrent tasks never interleave.
    public static let standardError: @Sendable ([UInt8]) -> Void = { bytes in
        bytes.withUnsafeBytes { _ = Foundation.write(2, $0.baseAddress, $0.count) }
    }
}
