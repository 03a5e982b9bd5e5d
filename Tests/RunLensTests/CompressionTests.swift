import Testing

@testable import RunLens

struct CompressionTests {
    @Test(
        arguments: [
            ([0x28, 0xB5, 0x2F, 0xFD], Compression.zstd),
            ([0x50, 0x2A, 0x4D, 0x18], .zstd),
            ([0x5F, 0x2A, 0x4D, 0x18, 0x00], .zstd),
            ([0x60, 0x2A, 0x4D, 0x18], .none),
            ([0x1F, 0x8B, 0x08, 0x00], .gzip),
            ([0x1F, 0x8B], .gzip),
            ([0x1F], .none),
            ([0x28, 0xB5, 0x2F], .none),
            (Array("{\"a\"".utf8), .none),
            ([], .none),
        ] as [([UInt8], Compression)])
    func detectsByMagicBytes(prefix: [UInt8], expected: Compression) {
        #expect(Compression.detect(prefix) == expected)
    }
}
