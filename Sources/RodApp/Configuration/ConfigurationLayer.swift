import Foundation
import RodCore
import Yams

/// Why the configuration cannot be used.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// One layer of settings: the keys of `config/<ENV>.yaml`, or the environment's variables.
///
/// Each part of the configuration reads its settings with one `read(_:)` function that names, for each setting, its
/// key in the file and its variable in the environment; `Configuration.load` runs it on the file's layer and then on
/// the environment's, so the environment wins. The file's keys no part read are refused (a misspelt key is an error,
/// not a silently ignored line).
final class ConfigurationLayer {
    private enum Values {
        case file(path: String, keys: [String: Node])
        case environment([String: String])
    }

    private let values: Values
    private var read: Set<String> = []

    /// The environment's layer.
    init(environment variables: [String: String]) {
        values = .environment(variables)
    }

    /// The file's layer: its mappings flattened to dotted keys (`database.engine`).
    init(file path: String) throws(ConfigurationError) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: try String(contentsOfFile: path, encoding: .utf8))
        } catch {
            throw ConfigurationError("\(path): \(error)")
        }
        var keys: [String: Node] = [:]
        if let node {
            guard node.mapping != nil else { throw ConfigurationError("\(path): expected a mapping of settings") }
            Self.flatten(node, prefix: "", into: &keys)
        }
        values = .file(path: path, keys: keys)
    }

    private static func flatten(_ node: Node, prefix: String, into keys: inout [String: Node]) {
        guard let mapping = node.mapping else {
            if node.null == nil { keys[prefix] = node }
            return
        }
        for (key, value) in mapping {
            let name = key.string ?? "\(key)"
            flatten(value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &keys)
        }
    }

    /// True for the environment's layer.
    var isEnvironment: Bool {
        if case .environment = values { return true }
        return false
    }

    /// A setting's text in this layer (a list in the file is joined with commas, as the environment writes it) and
    /// where it comes from, for messages: `ROD_PORT` or `config/production.yaml: port`.
    func text(_ key: String?, _ variable: String?) throws(ConfigurationError) -> (text: String, origin: String)? {
        switch values {
        case .environment(let variables):
            guard let variable, let value = variables[variable] else { return nil }
            return (value, variable)
        case .file(let path, let keys):
            guard let key, let node = keys[key] else { return nil }
            read.insert(key)
            let origin = "\(path): \(key)"
            if let sequence = node.sequence {
                var items: [String] = []
                for item in sequence {
                    guard let text = item.scalar?.string else { throw ConfigurationError("\(origin) must be a list of texts") }
                    items.append(text)
                }
                return (items.joined(separator: ","), origin)
            }
            guard let scalar = node.scalar else { throw ConfigurationError("\(origin) must be a value, not a mapping") }
            return (scalar.string, origin)
        }
    }

    /// Reads one setting into `target` when this layer has it, parsed by `parse` (given the text and its origin).
    func read<Value>(
        _ target: inout Value, _ key: String?, _ variable: String?,
        _ parse: (String, String) throws(ConfigurationError) -> Value
    ) throws(ConfigurationError) {
        guard let (text, origin) = try text(key, variable) else { return }
        target = try parse(text, origin)
    }

    /// Reads one text setting.
    func read(_ target: inout String, _ key: String?, _ variable: String?) throws(ConfigurationError) {
        try read(&target, key, variable) { text, _ in text }
    }

    /// Reads one optional text setting; an empty value leaves it unset.
    func read(_ target: inout String?, _ key: String?, _ variable: String?) throws(ConfigurationError) {
        try read(&target, key, variable) { text, _ in text.isEmpty ? nil : text }
    }

    /// The file's keys no part read.
    var unread: [String] {
        guard case .file(_, let keys) = values else { return [] }
        return keys.keys.filter { !read.contains($0) }.sorted()
    }

    var path: String? {
        guard case .file(let path, _) = values else { return nil }
        return path
    }
}

/// How settings' texts become values, each failure naming the setting and what it must be.
enum Parse {
    static func integer(_ text: String, _ origin: String) throws(ConfigurationError) -> Int {
        guard let number = Int(text.trimmingWhitespace) else {
            throw ConfigurationError("\(origin) must be a number, got \(text)")
        }
        return number
    }

    static func port(_ text: String, _ origin: String) throws(ConfigurationError) -> Int {
        guard let number = Int(text.trimmingWhitespace), (1...65535).contains(number) else {
            throw ConfigurationError("\(origin) must be a port number, got \(text)")
        }
        return number
    }

    /// A whole number of at least `minimum`.
    static func atLeast(_ minimum: Int) -> (String, String) throws(ConfigurationError) -> Int {
        { text, origin throws(ConfigurationError) in
            let number = try integer(text, origin)
            guard number >= minimum else { throw ConfigurationError("\(origin) must be at least \(minimum), got \(number)") }
            return number
        }
    }

    /// A duration in whole seconds, at least one.
    static func seconds(_ text: String, _ origin: String) throws(ConfigurationError) -> Duration {
        .seconds(try atLeast(1)(text, origin))
    }

    /// A comma-separated list (or a list in the file), blanks dropped.
    static func list(_ text: String, _ origin: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    /// One of a `RawRepresentable` enumeration's values, case-insensitively.
    static func choice<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> (String, String) throws(ConfigurationError)
        -> Value where Value.RawValue == String
    {
        { text, origin throws(ConfigurationError) in
            guard let value = Value(rawValue: text.lowercased()) else {
                let names = Value.allCases.map(\.rawValue)
                throw ConfigurationError(
                    "\(origin) must be \(names.dropLast().joined(separator: ", ")) or \(names.last ?? ""), got \(text)")
            }
            return value
        }
    }
}
