import Testing

@testable import RodCore

/// Digests are spelled in lowercase hex, two digits a byte, leading zeros kept: what the stored session hashes and
/// the original's Patreon delivery hashes are.
@Suite struct HexTests {
    @Test func bytesAreSpelledTwoLowercaseDigitsEach() {
        #expect([UInt8]().lowercaseHex == "")
        #expect([0x00, 0x0F, 0xA0, 0xFF, 0x5C].lowercaseHex == "000fa0ff5c")
        #expect(
            (0...255).map(UInt8.init).lowercaseHex
                == (0...255).map { byte in
                    let digits = String(byte, radix: 16)
                    return digits.count == 1 ? "0" + digits : digits
                }.joined())
    }
}
