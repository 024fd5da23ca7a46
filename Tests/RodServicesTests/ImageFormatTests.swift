import Foundation
import Testing

@testable import RodServices

@Suite struct ImageFormatTests {
    static let png = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
    static let gif = Array(Data(base64Encoded: "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")!)
    /// 2×2 images written by Pillow: a baseline JPEG (with its tables, a scan and EOI), a lossy and a lossless WebP,
    /// and a GIF87a with a global colour table.
    static let jpeg = Array(
        Data(
            base64Encoded:
                "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDAooorgPrT/9k="
        )!)
    static let webp = Array(
        Data(base64Encoded: "UklGRjgAAABXRUJQVlA4ICwAAACQAQCdASoCAAIAAsBMJaACdLoAA5gA/u+ax9CjZRKpf/SbP+Js/4mz45gAAA==")!)
    static let losslessWebP = Array(Data(base64Encoded: "UklGRh4AAABXRUJQVlA4TBEAAAAvAUAAAAdQhSJXof+BiOh/AAA=")!)
    static let gif87 = Array(Data(base64Encoded: "R0lGODdhAgACAIEAAMgKCgAAAAAAAAAAACwAAAAAAgACAAAIBgABCAQQEAA7")!)

    @Test(arguments: [
        (png, ImageFormat.png), (gif, .gif), (gif87, .gif), (jpeg, .jpeg), (webp, .webp), (losslessWebP, .webp),
    ])
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

    /// Issue 12: a valid PNG header followed by an HTML page was accepted, since only the first bytes were read.
    @Test func refusesAValidHeaderFollowedByAPage() {
        let page = Array("<html><script>alert(document.cookie)</script></html>".utf8)
        let pngHeader = Array(Self.png.prefix(33))  // signature and IHDR, with its CRC
        #expect(ImageFormat.detect(pngHeader + page) == nil)
        #expect(ImageFormat.detect(Self.png + page) == nil)  // after IEND
        #expect(ImageFormat.detect(Self.gif + page) == nil)  // after the trailer
        #expect(ImageFormat.detect(Self.jpeg + page) == nil)  // after EOI
        let jpegHeader = Array(Self.jpeg.prefix(200))
        #expect(ImageFormat.detect(jpegHeader + page) == nil)
        #expect(ImageFormat.detect(Self.webp + page) == nil)  // beyond the RIFF size
    }

    @Test func refusesImagesWithABrokenChunkOrBlock() {
        var chunk = Self.png
        chunk[chunk.count - 20] ^= 0x01  // inside IDAT: its CRC no longer matches
        #expect(ImageFormat.detect(chunk) == nil)
        #expect(ImageFormat.detect(Array(Self.png.dropLast(12))) == nil)  // no IEND
        #expect(ImageFormat.detect(Array(Self.gif.dropLast())) == nil)  // no trailer
        #expect(ImageFormat.detect(Array(Self.jpeg.dropLast(2))) == nil)  // no EOI
        var size = Self.webp
        size[4] &+= 2  // the RIFF size no longer matches the file
        #expect(ImageFormat.detect(size) == nil)
    }

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
