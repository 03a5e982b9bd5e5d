import Testing

@testable import RunLens

struct GzipByteStreamTests {
    /// Member sizes recorded in fixtures/input/README.md.
    static let memberA = 9515
    static let memberB = 9118
    static let memberC = 35494
    /// A member header with no name and no extra field (RFC 1952), written on Unix.
    static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03]

    private func decode(_ bytes: [UInt8], piece: Int = .max, buffer: Int = 1 << 16) throws
        -> (bytes: [UInt8], stream: GzipByteStream)
    {
        let stream = try GzipByteStream(
            source: MemoryByteStream(bytes, piece: piece), path: "x.gz")
        return (try readAll(stream, buffer: buffer), stream)
    }

    @Test(arguments: [(Int.max, 1 << 16), (1000, 1 << 20), (1, 4096), (Int.max, 100)])
    func decodesEveryMember(piece: Int, buffer: Int) throws {
        let expected = try InputFixtures.bytes("metrics.jsonl")

        let (bytes, stream) = try decode(
            InputFixtures.bytes("metrics.jsonl.gz"), piece: piece, buffer: buffer)

        #expect(bytes == expected)
        #expect(stream.membersCompleted == 3)
        #expect(stream.warnings.isEmpty)
    }

    @Test func truncatedLastMemberKeepsTheLinesBeforeTheCutAndWarns() throws {
        let whole = try InputFixtures.bytes("metrics.jsonl.gz")
        let cut = Self.memberA + Self.memberB + 17_000
        let original = try InputFixtures.metricsLines()

        let stream = try GzipByteStream(
            source: MemoryByteStream(Array(whole[..<cut])), path: "x.gz")
        let lines = try chunkedLines(stream)

        // `head -c 35633 | gzip -dc | wc -lc` gives 3900 whole lines and 252421 bytes, the
        // last line cut short.
        let complete = lines.dropLast()
        #expect(complete.count == 3900)
        for (index, line) in complete.enumerated() {
            #expect(line.number == index + 1)
            #expect(line.text == original[index])
        }
        #expect(lines.last?.number == 3901)
        #expect(lines.last.map { original[3900].hasPrefix($0.text) } == true)
        #expect(lines.map { $0.text.utf8.count + 1 }.reduce(0, +) - 1 == 252421)
        #expect(
            stream.warnings == [
                "truncated gzip stream: member 3 (at byte 18633) ended early after "
                    + "17000 compressed bytes; lines before the cut were read"
            ])
    }

    @Test func aStreamCutInItsHeaderSaysNothingCouldBeDecoded() throws {
        let whole = try InputFixtures.bytes("metrics.jsonl.gz")

        // The first member's header alone (10 bytes: no name, no extra field).
        let stream = try GzipByteStream(
            source: MemoryByteStream(Array(whole[..<10])), path: "x.gz")
        let bytes = try readAll(stream, buffer: 1 << 16)

        #expect(bytes.isEmpty)
        #expect(
            stream.warnings == [
                "truncated gzip stream: member 1 (at byte 0) ended early after "
                    + "10 compressed bytes; nothing before the cut could be decoded"
            ])
    }

    /// A stored block (RFC 1951, 3.2.4) of 20 bytes cut after 12: `gzip -dc` also gives
    /// `{"step": 1, ` and no line end.
    @Test func aStreamCutInsideItsFirstLineSaysNoWholeLineCameBeforeTheCut() throws {
        let data = Array("{\"step\": 1, \"loss\": ".utf8)
        let member = Self.header + [0x01, 0x14, 0x00, 0xEB, 0xFF] + data

        let (bytes, stream) = try decode(Array(member[..<27]))

        #expect(bytes == Array(data[..<12]))
        #expect(
            stream.warnings == [
                "truncated gzip stream: member 1 (at byte 0) ended early after 27 compressed "
                    + "bytes; no whole line came before the cut, only the start of the first "
                    + "(12 bytes)"
            ])
    }

    /// A stored block of `abc` (BFINAL 0), then a block of the reserved type 3.
    @Test func aCorruptBlockInsideTheFirstLineSaysNoWholeLineCameBeforeIt() throws {
        let member = Self.header + [0x00, 0x03, 0x00, 0xFC, 0xFF] + Array("abc".utf8) + [0x06]

        let (bytes, stream) = try decode(member)

        #expect(bytes == Array("abc".utf8))
        #expect(
            stream.warnings == [
                "corrupt gzip member 1 at byte 0: invalid block type; reading stopped, no whole "
                    + "line came before it, only the start of the first (3 bytes)"
            ])
    }

    /// A bad block found right after the decoder refilled its 1 MiB input, inside the first
    /// read, once made the whole member an error: the bytes of that read were not counted yet.
    @Test func aCorruptBlockAfterARefillInTheFirstReadKeepsTheBytesBeforeIt() throws {
        // Stored blocks built by hand (RFC 1951, 3.2.4) fill the first MiB exactly; then a
        // block header of the reserved type 3 (BFINAL 0, BTYPE bits 11: 0x06).
        var bytes: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0x03]
        for size in Array(repeating: 65_535, count: 15) + [65_461] {
            bytes += [0, UInt8(size & 0xFF), UInt8(size >> 8)]
            bytes += [UInt8(~size & 0xFF), UInt8((~size >> 8) & 0xFF)]
            bytes += (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251) }
        }
        #expect(bytes.count == 1 << 20)
        bytes += [0x06] + [UInt8](repeating: 0, count: 64)

        let stream = try GzipByteStream(source: MemoryByteStream(bytes), path: "x.gz")
        let decoded = try readAll(stream, buffer: 4 << 20)

        #expect(decoded.count == 15 * 65_535 + 65_461)
        #expect(
            stream.warnings == [
                "corrupt gzip member 1 at byte 0: invalid block type; reading stopped, lines "
                    + "before it were read"
            ])
    }

    @Test func badCRCNamesTheMemberAndLaterMembersAreStillRead() throws {
        var damaged = try InputFixtures.bytes("metrics.jsonl.gz")
        let expected = try InputFixtures.bytes("metrics.jsonl")
        // Member b's trailer is its last 8 bytes: CRC-32, then length.
        damaged[Self.memberA + Self.memberB - 8] ^= 0x01

        let (bytes, stream) = try decode(damaged)

        #expect(bytes == expected)
        #expect(stream.membersCompleted == 3)
        #expect(
            stream.warnings == [
                "gzip member 2 (at byte 9515) failed its CRC check; "
                    + "its lines were read but may be damaged"
            ])
    }

    @Test func badLengthNamesTheMember() throws {
        var damaged = try InputFixtures.bytes("metrics.jsonl.gz")
        damaged[Self.memberA - 4] ^= 0x01

        let (bytes, stream) = try decode(damaged)

        #expect(bytes == (try InputFixtures.bytes("metrics.jsonl")))
        #expect(
            stream.warnings == [
                "gzip member 1 (at byte 0) failed its length check; "
                    + "its lines were read but may be damaged"
            ])
    }

    @Test(arguments: [
        ("TRAILING GARBAGE\n", "ignored data after the last gzip member, from byte 54127: "),
        ("\u{1F}", "ignored data after the last gzip member, from byte 54127: "),
    ])
    func garbageAfterTheLastMemberIsAWarningWithItsOffset(tail: String, prefix: String) throws {
        let expected = try InputFixtures.bytes("metrics.jsonl")

        let (bytes, stream) = try decode(
            InputFixtures.bytes("metrics.jsonl.gz") + Array(tail.utf8))

        #expect(bytes == expected)
        #expect(stream.warnings == [prefix + "not a gzip member"])
    }

    @Test func corruptFirstMemberBeforeAnyOutputIsAnError() throws {
        // A valid gzip header (no flags), then a deflate block of reserved type 3.
        let bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0, 0, 0]

        #expect(throws: InputError(path: "x.gz", kind: .corrupt("gzip: invalid block type"))) {
            _ = try decode(bytes)
        }
    }
}
