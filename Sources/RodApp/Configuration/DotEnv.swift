import Foundation

/// The original's `.env` file, read with python-dotenv's rules so that the same file configures both servers.
///
/// A file is a sequence of statements, each `[export ]NAME=value` with optional blanks around the `=`, optional
/// comments (`# …` on a line of their own, or after a value when a blank precedes the `#`) and blank lines. Values:
/// - unquoted: the rest of the line, trailing blanks and comment removed (`a=b#c` keeps `b#c`);
/// - `'single'`: taken as written except `\\` and `\'`; may span lines;
/// - `"double"`: the same, plus the escapes `\"`, `\n`, `\t`, `\r`, `\a`, `\b`, `\f`, `\v`; may span lines.
///
/// `${NAME}` and `${NAME:-default}` in any value are replaced by the variable from the process's environment, else
/// from an earlier line of the file, else the default (else nothing). A `NAME` with no `=` sets nothing. Unlike
/// python-dotenv, which warns and skips, a statement that is none of these is an error naming the file and line.
public enum DotEnv {
    /// One `NAME=value` of a file, as written (before `${…}` is replaced). `value` is nil for a bare `NAME`.
    public struct Binding: Equatable, Sendable {
        public var name: String
        public var value: String?
        /// The line the statement starts on, from 1.
        public var line: Int
    }

    /// The statements of a file's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> [Binding] {
        var reader = Reader(Array(text.unicodeScalars))
        var bindings: [Binding] = []
        while true {
            reader.skip { $0.isBlank || $0.isNewline }
            guard !reader.atEnd else { return bindings }
            let line = reader.line
            func fail(_ reason: String) -> ConfigurationError {
                ConfigurationError("\(file), line \(line): \(reason)")
            }
            if reader.peek == "e", reader.hasPrefix("export"), reader.peek(at: 6)?.isBlankNotNewline == true {
                reader.advance(6)
                reader.skip { $0.isBlankNotNewline }
            }
            var name: String?
            if reader.peek == "#" {
                name = nil
            } else if reader.peek == "'" {
                reader.advance(1)
                let key = reader.take { $0 != "'" }
                guard !key.isEmpty, reader.peek == "'" else { throw fail("a quoted name is not closed") }
                reader.advance(1)
                name = String(scalars: key)
            } else {
                let key = reader.take { !($0 == "=" || $0 == "#" || $0.isBlank || $0.isNewline) }
                guard !key.isEmpty else { throw fail("expected NAME=value") }
                name = String(scalars: key)
            }
            reader.skip { $0.isBlankNotNewline }
            var value: String?
            if name != nil, reader.peek == "=" {
                reader.advance(1)
                reader.skip { $0.isBlankNotNewline }
                value = try Self.value(&reader, fail: fail)
            }
            reader.skip { $0.isBlankNotNewline }
            if reader.peek == "#" { _ = reader.take { !$0.isNewline } }
            guard reader.atEnd || reader.peek?.isNewline == true else {
                throw fail(value == nil ? "expected NAME=value" : "unexpected text after the closing quote")
            }
            reader.skipNewline()
            if let name { bindings.append(Binding(name: name, value: value, line: line)) }
        }
    }

    private static func value(_ reader: inout Reader, fail: (String) -> ConfigurationError) throws(ConfigurationError) -> String {
        switch reader.peek {
        case "'":
            guard let body = reader.quoted("'") else { throw fail("a value's single quote is not closed") }
            return unescape(body, allowed: ["\\", "'"])
        case "\"":
            guard let body = reader.quoted("\"") else { throw fail("a value's double quote is not closed") }
            return unescape(body, allowed: ["\\", "'", "\"", "a", "b", "f", "n", "r", "t", "v"])
        default:
            // The rest of the line; a comment starts at a `#` that follows a blank.
            var scalars = reader.take { !$0.isNewline }
            if let hash = scalars.indices.first(where: { $0 > 0 && scalars[$0] == "#" && scalars[$0 - 1].isBlank }) {
                var start = hash
                while start > 0, scalars[start - 1].isBlank { start -= 1 }
                scalars.removeSubrange(start...)
            }
            while let last = scalars.last, last.isBlank { scalars.removeLast() }
            return String(scalars: scalars)
        }
    }

    /// Replaces the two-character escapes a quote style knows; any other backslash stays as written.
    private static func unescape(_ scalars: [Unicode.Scalar], allowed: Set<Unicode.Scalar>) -> String {
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count, allowed.contains(scalars[index + 1]) {
                result.append(Self.escapes[scalars[index + 1]] ?? scalars[index + 1])
                index += 2
            } else {
                result.append(scalar)
                index += 1
            }
        }
        return String(result)
    }

    private static let escapes: [Unicode.Scalar: Unicode.Scalar] = [
        "a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}",
    ]

    /// The variables a file sets, `${…}` replaced, without those `environment` already has (the environment wins).
    public static func variables(_ bindings: [Binding], environment: [String: String]) -> [String: String] {
        var fromFile: [String: String?] = [:]
        for binding in bindings {
            fromFile[binding.name] = binding.value.map { value in
                // A name set in the environment, or earlier in the file (a bare `NAME` there counts as empty).
                expand(value) { name in environment[name].map { .some($0) } ?? fromFile[name] }
            }
        }
        var result: [String: String] = [:]
        for case (let name, let value?) in fromFile where environment[name] == nil { result[name] = value }
        return result
    }

    /// `text` with each `${NAME}` or `${NAME:-default}` replaced by the variable's value when `lookup` finds it (nil
    /// when it is set without a value: nothing), else the default, else nothing.
    static func expand(_ text: String, lookup: (String) -> String??) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let reference = rest[start.upperBound..<end]
            // A name holds no `:`; `${A:b}` (not `:-`) is not a reference and stays as written.
            let name: Substring
            let fallback: Substring?
            if let colon = reference.firstIndex(of: ":") {
                guard reference[colon...].hasPrefix(":-") else {
                    result += rest[..<start.upperBound]
                    rest = rest[start.upperBound...]
                    continue
                }
                name = reference[..<colon]
                fallback = reference[reference.index(colon, offsetBy: 2)...]
            } else {
                name = reference
                fallback = nil
            }
            result += rest[..<start.lowerBound]
            if let found = lookup(String(name)) {
                result += found ?? ""
            } else {
                result += fallback ?? ""
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// Reads the file at `path` and returns `environment` with the file's variables added under it. Without a path,
    /// `.env` in the working folder is read when there is one.
    public static func load(path: String?, over environment: [String: String]) throws(ConfigurationError) -> [String: String] {
        let file = path ?? ".env"
        guard path != nil || FileManager.default.fileExists(atPath: file) else { return environment }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ConfigurationError("cannot read \(file): \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError("\(file) is not UTF-8 text")
        }
        let bindings = try parse(text, file: file)
        return environment.merging(variables(bindings, environment: environment)) { current, _ in current }
    }

    /// A cursor over a file's characters that counts lines (`\n`, `\r\n` and `\r` each end one).
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { peek(at: 0) }
        func peek(at offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

        func hasPrefix(_ text: String) -> Bool {
            let wanted = Array(text.unicodeScalars)
            return index + wanted.count <= scalars.count && Array(scalars[index..<index + wanted.count]) == wanted
        }

        mutating func advance(_ count: Int) {
            for _ in 0..<count where index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "\n" || (scalar == "\r" && peek != "\n") { line += 1 }
            }
        }

        mutating func take(while accept: (Unicode.Scalar) -> Bool) -> [Unicode.Scalar] {
            let start = index
            while let scalar = peek, accept(scalar) { advance(1) }
            return Array(scalars[start..<index])
        }

        mutating func skip(while accept: (Unicode.Scalar) -> Bool) { _ = take(while: accept) }

        mutating func skipNewline() {
            if peek == "\r" { advance(1) }
            if peek == "\n" { advance(1) }
        }

        /// The text between the quote here and its closing quote, which may span lines; a backslash before the quote
        /// character escapes it. When no unescaped quote closes it, the last escaped one does (its backslash is
        /// then taken as written), as python-dotenv's regular expression finds. Nil when nothing closes it.
        mutating func quoted(_ quote: Unicode.Scalar) -> [Unicode.Scalar]? {
            var position = index + 1
            var lastEscaped: Int?
            while position < scalars.count {
                let scalar = scalars[position]
                if scalar == "\\", position + 1 < scalars.count, scalars[position + 1] == quote {
                    lastEscaped = position + 1
                    position += 2
                } else if scalar == quote {
                    break
                } else {
                    position += 1
                }
            }
            guard let end = position < scalars.count ? position : lastEscaped else { return nil }
            let body = Array(scalars[(index + 1)..<end])
            advance(end + 1 - index)
            return body
        }
    }
}

extension String {
    fileprivate init(scalars: [Unicode.Scalar]) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self.init(view)
    }
}

extension Unicode.Scalar {
    /// Python's `\s`: Unicode white space, and the four separators it adds.
    fileprivate var isBlank: Bool { properties.isWhitespace || (0x1C...0x1F).contains(value) }
    fileprivate var isNewline: Bool { self == "\n" || self == "\r" }
    fileprivate var isBlankNotNewline: Bool { isBlank && !isNewline }
}
