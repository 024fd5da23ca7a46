import Foundation
import Testing

@testable import RodServices

@Suite struct ImageFormatTests {
    static let png = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
    static let gif = Array(Data(base64Encoded: "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")!)
    /// SOI, an APP0 (JFIF) segment, then a baseline frame header of 16×8 pixels with 3 components.
    static let jpeg: [UInt8] =
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x08, 0x00, 0x10, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
    /// A lossy WebP header of 4×4 pixels.
    static let webp: [UInt8] =
        Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8) + [0x18, 0, 0, 0]
        + [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x04, 0x00, 0x04, 0x00] + [UInt8](repeating: 0, count: 8)

    @Test(arguments: [(png, ImageFormat.png), (gif, .gif), (jpeg, .jpeg), (webp, .webp)])
    func recognisesTheFourWebFormats(bytes: [UInt8], format: ImageFormat) {
        #expect(ImageFormat.detect(bytes) == format)
    }

    @Test func extensionsAndTypes() {
        #expect(ImageFormat.jpeg.fileExtension == "jpg")
        #expect(ImageFormat.png.mimeType == "image/png")
    }

    @Test func refusesPagesTruncatedFilesAndBrokenHeaders() {
        #expect(ImageFormat.detect(Array("<html></html>".utf8)) == nil)
        #expect(ImageFormat.detect([]) == nil)
        #expect(ImageFormat.detect(Array(Self.png.prefix(20))) == nil)
        var corrupted = Self.png
        corrupted[18] ^= 0xFF  // changes the width, so the IHDR checksum no longer matches
        #expect(ImageFormat.detect(corrupted) == nil)
        var zeroWidth = Self.gif
        zeroWidth[6] = 0
        zeroWidth[7] = 0
        #expect(ImageFormat.detect(zeroWidth) == nil)
        #expect(ImageFormat.detect(Array(Self.jpeg.prefix(22))) == nil)
        #expect(ImageFormat.detect([0xFF, 0xD8, 0xFF, 0xD9]) == nil)
    }

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
