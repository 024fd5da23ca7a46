extension JSON {
    /// How the text is written. The original renders DRF views compactly (`{"a":1}`, UTF-8 as is) and plain
    /// Django views with Python's `json.dumps` defaults (`{"a": 1}`, non-ASCII escaped as `\u00e9`);
    /// clients parse both alike.
    public enum Style: Sendable {
        case compact
        case python
    }

    /// The UTF-8 text of this value. Object keys keep their order.
    public func serialized(_ style: Style = .compact) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, style: style)
        return out
    }

    public func serializedString(_ style: Style = .compact) -> String {
        String(decoding: serialized(style), as: UTF8.self)
    }

    public func write(into out: inout [UInt8], style: Style) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): Self.writeInteger(i, into: &out)
        case .double(let d):
            // Python and Swift both print the shortest text that reads back as the same double.
            if d.isFinite {
                out.append(contentsOf: d.description.utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let s): Self.writeString(s, into: &out, style: style)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { Self.writeComma(into: &out, style: style) }
                item.write(into: &out, style: style)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in object {
                if !first { Self.writeComma(into: &out, style: style) }
                first = false
                Self.writeString(key, into: &out, style: style)
                out.append(UInt8(ascii: ":"))
                if style == .python { out.append(UInt8(ascii: " ")) }
                value.write(into: &out, style: style)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes the decimal digits of an integer without making a string.
    private static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var digits = (UInt64(0), UInt64(0), UInt64(0))  // 24 bytes: room for the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            while magnitude > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            out.append(contentsOf: buffer[start...])
        }
    }

    private static func writeComma(into out: inout [UInt8], style: Style) {
        out.append(UInt8(ascii: ","))
        if style == .python { out.append(UInt8(ascii: " ")) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, into out: inout [UInt8], style: Style) {
        out.append(UInt8(ascii: "\""))
        if style == .python, !string.utf8.allSatisfy({ $0 < 0x80 }) {
            for unit in string.utf16 {
                if unit < 0x80 { writeASCII(UInt8(unit), into: &out) } else { writeUnicodeEscape(unit, into: &out) }
            }
        } else {
            for byte in string.utf8 {
                if byte < 0x80 { writeASCII(byte, into: &out) } else { out.append(byte) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// One ASCII character, escaped as JSON requires.
    private static func writeASCII(_ byte: UInt8, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0..<0x20: writeUnicodeEscape(UInt16(byte), into: &out)
        default: out.append(byte)
        }
    }

    /// `\uXXXX`, lowercase, as Python writes it.
    private static func writeUnicodeEscape(_ unit: UInt16, into out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}

extension JSON: CustomStringConvertible {
    public var description: String { serializedString() }
}
