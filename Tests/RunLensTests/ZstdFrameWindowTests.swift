import Testing

@testable import RunLens

/// Frame headers built by hand from RFC 8878, section 3.1.1.1: the magic number, the frame
/// header descriptor, then the window descriptor or (single segment) the content size.
struct ZstdFrameWindowTests {
    private static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    private func size(_ header: [UInt8]) -> UInt64? {
        header.withUnsafeBytes { ZstdFrameWindow.size(ofFrameAt: $0) }
    }

    /// Window descriptor: exponent in the high five bits, eighths in the low three;
    /// the window is 2^(10 + exponent) plus that many eighths of it.
    @Test(arguments: [
        (UInt8(0x58), UInt64(1) << 21),  // exponent 11: `zstd -3` on a stream
        (0xA8, 1 << 31),  // exponent 21: `--long=31`
        (0x90, 1 << 28),  // exponent 18: `--long=28`
        (0x83, 92_274_688),  // exponent 16, 3 eighths: 2^26 + 3 × 2^23
        (0x00, 1024),  // the smallest window
    ])
    func aWindowDescriptorGivesItsSize(descriptor: UInt8, expected: UInt64) {
        #expect(size(Self.magic + [0x04, descriptor]) == expected)
    }

    @Test func aSingleSegmentFrameKeepsItsContentSize() {
        // Descriptor 0x20: single segment, a one-byte content size.
        #expect(size(Self.magic + [0x20, 200]) == 200)
        // 0x60: a two-byte content size, stored less 256.
        #expect(size(Self.magic + [0x60, 0x00, 0x01]) == 512)
        // 0xE1: an eight-byte content size after a one-byte dictionary id (0x7F).
        #expect(size(Self.magic + [0xE1, 0x7F, 0, 0, 0, 0x10, 0, 0, 0, 0]) == 1 << 28)
    }

    @Test func aHeaderCutBeforeItsSizeGivesNothing() {
        #expect(size(Self.magic) == nil)
        #expect(size(Self.magic + [0x04]) == nil)
        #expect(size(Self.magic + [0xA0, 0x00, 0x00, 0x00]) == nil)
    }

    @Test(arguments: [
        (UInt64(1) << 28, "256 MiB"), (1 << 31, "2 GiB"), (92_274_688, "88 MiB"),
        (3 << 30, "3 GiB"), (1_500_000_000, "1431 MiB"),
    ])
    func aWindowIsWordedInMebibytesOrWholeGibibytes(size: UInt64, words: String) {
        #expect(ZstdFrameWindow.words(size) == words)
    }
}
