/// The image formats accepted for avatars, recognised by parsing their headers up to the dimensions,
/// as the original's `Image.open` does. Anything else (HTML error pages, truncated files, other formats) is refused.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, gif, webp

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    public var mimeType: String { "image/\(rawValue)" }

    /// The format of the bytes, if they start with a well-formed header with non-zero dimensions.
    public static func detect(_ bytes: [UInt8]) -> ImageFormat? {
        if isPNG(bytes) { return .png }
        if isJPEG(bytes) { return .jpeg }
        if isGIF(bytes) { return .gif }
        if isWebP(bytes) { return .webp }
        return nil
    }

    private static func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndian16(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    private static func littleEndian16(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    /// Signature, then an IHDR chunk of 13 bytes with valid dimensions, bit depth, colour type and CRC.
    static func isPNG(_ bytes: [UInt8]) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 33, Array(bytes[0..<8]) == signature, bigEndian32(bytes, 8) == 13,
            Array(bytes[12..<16]) == Array("IHDR".utf8)
        else { return false }
        let width = bigEndian32(bytes, 16)
        let height = bigEndian32(bytes, 20)
        let depth = bytes[24]
        let colourType = bytes[25]
        let validDepths: [UInt8: Set<UInt8>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard width > 0, height > 0, validDepths[colourType]?.contains(depth) == true else { return false }
        return CRC32.checksum(bytes[12..<29]) == bigEndian32(bytes, 29)
    }

    /// SOI, then segments up to a start-of-frame marker with non-zero dimensions and 1 to 4 components.
    static func isJPEG(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF else { return false }
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return false }
            let marker = bytes[offset + 1]
            if marker == 0xFF {
                offset += 1  // fill byte
                continue
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                offset += 2  // markers without a length
                continue
            }
            if marker == 0xD9 || marker == 0xDA { return false }  // end of image or scan before any frame header
            let length = bigEndian16(bytes, offset + 2)
            guard length >= 2 else { return false }
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrame {
                guard offset + 10 <= bytes.count else { return false }
                let height = bigEndian16(bytes, offset + 5)
                let width = bigEndian16(bytes, offset + 7)
                let components = bytes[offset + 9]
                return height > 0 && width > 0 && (1...4).contains(components)
            }
            offset += 2 + length
        }
        return false
    }

    /// `GIF87a` or `GIF89a` with a non-zero logical screen.
    static func isGIF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 10 else { return false }
        let header = Array(bytes[0..<6])
        guard header == Array("GIF87a".utf8) || header == Array("GIF89a".utf8) else { return false }
        return littleEndian16(bytes, 6) > 0 && littleEndian16(bytes, 8) > 0
    }

    /// A RIFF `WEBP` container whose first chunk is a VP8, VP8L or VP8X header.
    static func isWebP(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 30, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<12]) == Array("WEBP".utf8)
        else { return false }
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8 ":
            // Frame tag (3 bytes), then the start code 9D 01 2A, then 14-bit width and height.
            guard bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A else { return false }
            return littleEndian16(bytes, 26) & 0x3FFF > 0 && littleEndian16(bytes, 28) & 0x3FFF > 0
        case "VP8L":
            return bytes[20] == 0x2F
        case "VP8X":
            return true
        default:
            return false
        }
    }
}

/// CRC-32 (ISO-HDLC), as PNG chunks use.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
