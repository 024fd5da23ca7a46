import Foundation
import Testing

/// No function of the server runs over 80 lines: a longer one is split where its steps are. Declaration tables are the
/// exception (a face's `routes`, the gateway's `schemas`): lists of values, read one entry at a time.
@Suite struct FunctionLengthTests {
    static let limit = 80
    static let tables: Set = ["routes", "schemas"]

    @Test func noFunctionIsLongerThanTheLimit() throws {
        let sources = repository.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        var long: [String] = []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (line, name, count) in Self.functions(in: text) where count > Self.limit && !Self.tables.contains(name) {
                long.append("\(file):\(line) \(name): \(count) lines")
            }
        }
        #expect(files.count > 100, "the check reads the sources")
        #expect(long == [], "split these where their steps are")
    }

    /// Each function or initializer whose body opens on its declaration (or within its signature's next lines): where
    /// it starts, its name, and how many lines it runs to its closing brace. Braces in text literals and comments are
    /// not counted.
    static func functions(in text: String) -> [(line: Int, name: String, lines: Int)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [(Int, String, Int)] = []
        for (index, line) in lines.enumerated() {
            let code = line.trimmingCharacters(in: .whitespaces)
            guard !code.hasPrefix("//"), let name = declaredName(code) else { continue }
            // A body on one line, or none (a protocol's requirement), is short; a signature may run over a few lines.
            let first = braces(line)
            if first.counts.0 > 0 && !first.opens { continue }
            let signature = first.opens ? index..<index + 1 : index..<min(index + 8, lines.count)
            guard let open = signature.first(where: { braces(lines[$0]).opens }) else { continue }
            var depth = 0
            var end = open
            while end < lines.count {
                let (opening, closing) = braces(lines[end]).counts
                depth += opening - closing
                if depth <= 0 { break }
                end += 1
            }
            found.append((index + 1, name, end - index + 1))
        }
        return found
    }

    static func declaredName(_ code: String) -> String? {
        if let range = code.range(of: "func ") {
            return String(code[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        }
        let words = ["init(", "init?(", "init<"]
        return words.contains { code.hasPrefix($0) || code.contains(" " + $0) } ? "init" : nil
    }

    /// The braces of a line outside text literals and a trailing comment, and whether it ends opening a body.
    static func braces(_ line: String) -> (counts: (Int, Int), opens: Bool) {
        var opening = 0
        var closing = 0
        var inText = false
        var previous: Character = " "
        var last: Character = " "
        for character in line {
            if inText {
                if character == "\"" && previous != "\\" { inText = false }
            } else if character == "\"" {
                inText = true
            } else if character == "/" && previous == "/" {
                break
            } else if character == "{" {
                opening += 1
            } else if character == "}" {
                closing += 1
            }
            if !character.isWhitespace && !inText { last = character }
            previous = character
        }
        return ((opening, closing), last == "{" && opening > closing)
    }
}
