/// The image formats accepted for avatars, recognised by walking the whole file's structure: every PNG chunk with
/// its CRC up to `IEND`, every JPEG segment and scan up to `EOI`, every GIF block up to its trailer, every WebP chunk
/// of the RIFF container, with nothing after the end. The original's `Image.open` read only the header, so a PNG
/// header followed by an HTML page passed; here anything but a whole image of these formats is refused. (Images are
/// also served with `nosniff` and a sandboxing CSP, so even a well-formed image is never read as a page.)
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, gif, webp

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    public var mimeType: String { "image/\(rawValue)" }

    /// The format of the bytes, if they are one whole, well-formed image with non-zero dimensions.
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

    private static func littleEndian32(_ bytes: [UInt8], _ offset: Int) -> Int {
        bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    private static func bigEndian16(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    private static func littleEndian16(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    /// The signature, an IHDR chunk with valid dimensions, bit depth and colour type, then chunks of letters, each with
    /// its CRC, with at least one IDAT, ending with IEND at the end of the file.
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
        var offset = 8
        var sawData = false
        while offset + 12 <= bytes.count {
            let length = Int(bigEndian32(bytes, offset))
            let type = bytes[(offset + 4)..<(offset + 8)]
            guard length <= bytes.count - offset - 12,
                type.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }),
                CRC32.checksum(bytes[(offset + 4)..<(offset + 8 + length)]) == bigEndian32(bytes, offset + 8 + length)
            else { return false }
            let name = String(decoding: type, as: UTF8.self)
            offset += 12 + length
            if name == "IDAT" { sawData = true }
            if name == "IEND" { return sawData && offset == bytes.count }
        }
        return false
    }

    /// SOI, a start-of-frame header with non-zero dimensions and 1 to 4 components before the first scan, segments
    /// and entropy-coded scans, then EOI at the end of the file.
    static func isJPEG(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF else { return false }
        var offset = 2
        var sawFrame = false
        while offset + 2 <= bytes.count {
            guard bytes[offset] == 0xFF else { return false }
            let marker = bytes[offset + 1]
            if marker == 0xFF {
                offset += 1  // fill byte
                continue
            }
            if marker == 0xD9 { return sawFrame && offset + 2 == bytes.count }  // end of image
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                offset += 2  // markers without a length
                continue
            }
            guard offset + 4 <= bytes.count else { return false }
            let length = bigEndian16(bytes, offset + 2)
            guard length >= 2, offset + 2 + length <= bytes.count else { return false }
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrame {
                guard length >= 8 else { return false }
                let height = bigEndian16(bytes, offset + 5)
                let width = bigEndian16(bytes, offset + 7)
                let components = bytes[offset + 9]
                guard height > 0, width > 0, (1...4).contains(components) else { return false }
                sawFrame = true
            }
            offset += 2 + length
            if marker == 0xDA {
                // A scan: entropy-coded bytes up to the next marker (0xFF not followed by 0x00 or a restart marker).
                guard sawFrame else { return false }
                while offset + 1 < bytes.count {
                    if bytes[offset] == 0xFF, bytes[offset + 1] != 0x00, !(0xD0...0xD7).contains(bytes[offset + 1]) { break }
                    offset += 1
                }
            }
        }
        return false
    }

    /// `GIF87a` or `GIF89a` with a non-zero logical screen, its colour table, then image descriptors and extensions
    /// (each with its data sub-blocks) up to the trailer at the end of the file, with at least one image.
    static func isGIF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 14 else { return false }
        let header = Array(bytes[0..<6])
        guard header == Array("GIF87a".utf8) || header == Array("GIF89a".utf8),
            littleEndian16(bytes, 6) > 0, littleEndian16(bytes, 8) > 0
        else { return false }
        var offset = 13
        if bytes[10] & 0x80 != 0 { offset += 3 << (Int(bytes[10] & 0x07) + 1) }
        /// Skips data sub-blocks up to and including their terminator; false when they run past the end.
        func skipSubBlocks() -> Bool {
            while offset < bytes.count {
                let size = Int(bytes[offset])
                offset += 1 + size
                if size == 0 { return offset <= bytes.count }
            }
            return false
        }
        var sawImage = false
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x3B:
                return sawImage && offset + 1 == bytes.count
            case 0x2C:
                guard offset + 10 <= bytes.count else { return false }
                let packed = bytes[offset + 9]
                offset += 10
                if packed & 0x80 != 0 { offset += 3 << (Int(packed & 0x07) + 1) }
                offset += 1  // LZW minimum code size
                guard offset <= bytes.count, skipSubBlocks() else { return false }
                sawImage = true
            case 0x21:
                offset += 2  // introducer and label
                guard skipSubBlocks() else { return false }
            default:
                return false
            }
        }
        return false
    }

    /// A RIFF `WEBP` container whose size is the file's, whose first chunk is a VP8, VP8L or VP8X header, and whose
    /// chunks (each padded to an even size) fill it exactly.
    static func isWebP(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 30, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<12]) == Array("WEBP".utf8),
            littleEndian32(bytes, 4) == bytes.count - 8
        else { return false }
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8 ":
            // Frame tag (3 bytes), then the start code 9D 01 2A, then 14-bit width and height.
            guard bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A,
                littleEndian16(bytes, 26) & 0x3FFF > 0, littleEndian16(bytes, 28) & 0x3FFF > 0
            else { return false }
        case "VP8L":
            guard bytes[20] == 0x2F else { return false }
        case "VP8X":
            break
        default:
            return false
        }
        var offset = 12
        while offset + 8 <= bytes.count {
            guard bytes[offset..<(offset + 4)].allSatisfy({ (0x20...0x7E).contains($0) }) else { return false }
            let size = littleEndian32(bytes, offset + 4)
            offset += 8 + size + (size & 1)
        }
        return offset == bytes.count
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
