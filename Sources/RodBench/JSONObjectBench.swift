import ArgumentParser
import Foundation
import OrderedCollections
import RodCore

/// Whether swift-collections' `OrderedDictionary` would serve as `JSONObject`'s storage: times what the server does
/// with objects (build one key by key, read every key back, walk it in order, replace and remove a few keys) on both,
/// at the sizes the server meets (a tracker's nested group of 5 keys, a sheet's 120), and parses and serializes a real
/// sheet with the server's own parser for scale. Prints a Markdown table for docs/performance.md.
struct JSONObjectBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json", abstract: "JSONObject against OrderedDictionary, and the JSON parser, on the server's shapes.")

    @Option(help: "A sheet (JSON) to parse and serialize; a generated one when absent.") var sheet: String?
    @Option(help: "Rounds per measurement.") var rounds = 20_000

    func run() throws {
        print("| operation | keys | JSONObject | OrderedDictionary | ratio |")
        print("|---|---|---|---|---|")
        for size in [5, 20, 120] {
            let keys = (0..<size).map { "trait_\($0)" }
            let values = keys.indices.map { JSON.int(Int64($0)) }
            let rounds = max(200, self.rounds * 5 / size)
            row("build, read every key, walk, replace and remove", size, rounds, keys, values)
        }
        let text = try sheet.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? Self.generatedSheet()
        let bytes = Array(text.utf8)
        let parsed = try JSON.parse(bytes)
        let parse = Self.time(rounds: rounds / 10) { _ = try? JSON.parse(bytes) }
        let serialize = Self.time(rounds: rounds / 10) { _ = parsed.serialized() }
        print()
        print("A sheet of \(bytes.count) bytes: parse \(Self.format(parse)), serialize \(Self.format(serialize)).")
    }

    private func row(_ name: String, _ size: Int, _ rounds: Int, _ keys: [String], _ values: [JSON]) {
        let ours = Self.time(rounds: rounds) { Self.exercise(JSONObject.self, keys, values) }
        let theirs = Self.time(rounds: rounds) { Self.exercise(OrderedDictionary<String, JSON>.self, keys, values) }
        print("| \(name) | \(size) | \(Self.format(ours)) | \(Self.format(theirs)) | \(String(format: "%.2f", theirs / ours)) |")
    }

    /// What the server does with an object: build it key by key, read every key, walk it, replace and remove a key.
    static func exercise<Object: OrderedObject>(_ type: Object.Type, _ keys: [String], _ values: [JSON]) {
        var object = Object()
        for (key, value) in zip(keys, values) { object[key] = value }
        var sum: Int64 = 0
        for key in keys { sum &+= object[key]?.intValue ?? 0 }
        for (_, value) in object { sum &+= value.intValue ?? 0 }
        object[keys[keys.count / 2]] = .bool(true)
        object[keys[0]] = nil
        precondition(sum >= 0)
    }

    /// Seconds per round, the best of five runs.
    static func time(rounds: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<rounds { body() }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(rounds))
        }
        return best
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1e-3 ? String(format: "%.2f µs", seconds * 1e6) : String(format: "%.2f ms", seconds * 1e3)
    }

    /// A sheet-like object: 120 traits of numbers, texts and nested groups.
    static func generatedSheet() -> String {
        var parts: [String] = []
        for index in 0..<120 {
            switch index % 3 {
            case 0: parts.append("\"trait_\(index)\": \(index % 6)")
            case 1: parts.append("\"trait_\(index)\": \"Some text for trait \(index)\"")
            default: parts.append("\"trait_\(index)\": {\"value\": \(index % 5), \"spec\": \"\"}")
            }
        }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// The two storages compared, as the benchmark uses them.
protocol OrderedObject: Sequence where Element == (key: String, value: JSON) {
    init()
    subscript(key: String) -> JSON? { get set }
}

extension JSONObject: OrderedObject {}
extension OrderedDictionary: OrderedObject where Key == String, Value == JSON {}
