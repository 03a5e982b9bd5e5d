import Testing

@testable import RunLens

struct ZstdByteStreamTests {
    /// Frame sizes recorded in fixtures/input/README.md.
    static let frameA = 8836
    static let frameB = 8309
    static let frameC = 35710

    private func decode(_ bytes: [UInt8], piece: Int = .max, buffer: Int = 1 << 16) throws
        -> (bytes: [UInt8], stream: ZstdByteStream)
    {
        let stream = try ZstdByteStream(
            source: MemoryByteStream(bytes, piece: piece), path: "x.zst")
        return (try readAll(stream, buffer: buffer), stream)
    }

    @Test(arguments: [(Int.max, 1 << 16), (1000, 1 << 20), (7, 4096), (Int.max, 100)])
    func decodesEveryFrameOfAMultiFrameStream(piece: Int, buffer: Int) throws {
        let expected = try InputFixtures.bytes("metrics.jsonl")

        let (bytes, stream) = try decode(
            InputFixtures.bytes("metrics.jsonl.zst"), piece: piece, buffer: buffer)

        #expect(bytes == expected)
        #expect(stream.framesCompleted == 3)
        #expect(stream.warnings.isEmpty)
    }

    @Test func passesOverSkippableFramesAtTheStartBetweenAndAtTheEnd() throws {
        let expected = try InputFixtures.bytes("metrics.jsonl")

        let (bytes, stream) = try decode(InputFixtures.bytes("metrics-skippable.zst"))

        #expect(bytes == expected)
        #expect(stream.framesCompleted == 6)
        #expect(stream.warnings.isEmpty)
    }

    @Test func truncatedLastFrameKeepsTheLinesBeforeTheCutAndWarns() throws {
        let whole = try InputFixtures.bytes("metrics.jsonl.zst")
        let cut = Self.frameA + Self.frameB + 17_855
        let original = try InputFixtures.metricsLines()

        let stream = try ZstdByteStream(
            source: MemoryByteStream(Array(whole[..<cut])), path: "x.zst")
        let lines = try chunkedLines(stream)

        // Frames a and b hold 2000 lines; the cut frame c has whole blocks before the cut.
        // `head -c 35000 | zstd -dc | wc -lc` gives 4016 whole lines and 259965 bytes, the
        // last line cut short.
        let complete = lines.dropLast()
        #expect(complete.count == 4016)
        for (index, line) in complete.enumerated() {
            #expect(line.number == index + 1)
            #expect(line.text == original[index])
        }
        #expect(lines.last?.number == 4017)
        #expect(lines.last.map { original[4016].hasPrefix($0.text) } == true)
        #expect(lines.map { $0.text.utf8.count + 1 }.reduce(0, +) - 1 == 259965)
        #expect(
            stream.warnings == [
                "truncated zstd stream: the last frame (at byte 17145) ended early after "
                    + "17855 compressed bytes; lines before the cut were read"
            ])
    }

    @Test func aStreamCutInsideItsFirstBlockSaysNothingCouldBeDecoded() throws {
        let whole = try InputFixtures.bytes("metrics.jsonl.zst")

        // `head -c 200 | zstd -dc | wc -c` gives 0: the first block is longer.
        let (bytes, stream) = try decode(Array(whole[..<200]))

        #expect(bytes.isEmpty)
        #expect(
            stream.warnings == [
                "truncated zstd stream: the last frame (at byte 0) ended early after "
                    + "200 compressed bytes; nothing before the cut could be decoded"
            ])
    }

    /// A single-segment frame (descriptor 0x20, content size 20) of one last raw block of 20
    /// bytes (header 0xA1 0 0), cut after 12 of them: `zstd -dc` also gives `{"step": 1, `.
    @Test func aStreamCutInsideItsFirstLineSaysNoWholeLineCameBeforeTheCut() throws {
        let data = Array("{\"step\": 1, \"loss\": ".utf8)
        let frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x20, 0x14, 0xA1, 0x00, 0x00] + data

        let (bytes, stream) = try decode(Array(frame[..<21]))

        #expect(bytes == Array(data[..<12]))
        #expect(
            stream.warnings == [
                "truncated zstd stream: the last frame (at byte 0) ended early after 21 "
                    + "compressed bytes; no whole line came before the cut, only the start of "
                    + "the first (12 bytes)"
            ])
    }

    @Test func garbageAfterTheLastFrameIsAWarningWithItsOffset() throws {
        let expected = try InputFixtures.bytes("metrics.jsonl")
        let garbage = Array("this is not zstd\n".utf8)

        let (bytes, stream) = try decode(InputFixtures.bytes("metrics.jsonl.zst") + garbage)

        #expect(bytes == expected)
        #expect(
            stream.warnings == [
                "ignored data after the last zstd frame, from byte 52855: not a zstd frame"
            ])
    }

    @Test func corruptFrameInTheMiddleStopsWithAWarningKeepingEarlierFrames() throws {
        var damaged = try InputFixtures.bytes("metrics.jsonl.zst")
        let original = try InputFixtures.bytes("metrics.jsonl")
        // Frame b is single-segment: magic (4), descriptor (1) and content size (2) bytes,
        // then its block header, whose bits 1-2 give the block type; 3 is reserved.
        #expect(damaged[Self.frameA + 7] == 0x3D)
        damaged[Self.frameA + 7] = 0x3F

        let (bytes, stream) = try decode(damaged)

        #expect(bytes.count >= 63_893)
        #expect(Array(bytes[..<63_893]) == Array(original[..<63_893]))
        #expect(bytes.count < original.count)
        #expect(stream.warnings.count == 1)
        #expect(stream.warnings.first?.hasPrefix("corrupt zstd frame at byte 8836: ") == true)
    }

    /// Found by fuzzing: zstd does not report the bytes it wrote in a call that fails, so a
    /// bad checksum at the end of a frame smaller than the read buffer lost the whole frame
    /// (and the file was called corrupt), while small buffers got every byte.
    @Test(arguments: [(Int.max, 1 << 20), (Int.max, 100), (7, 4096), (1, 1)])
    func checksumMismatchKeepsEveryDecodedByteWhateverTheBufferSize(piece: Int, buffer: Int)
        throws
    {
        let bytes = try CorpusFixture.bytes("bad/zstd-bad-checksum.jsonl.zst")
        let expected = (1...100).map { "{\"step\": \($0), \"loss\": \(1000 - $0)}\n" }.joined()

        let (decoded, stream) = try decode(bytes, piece: piece, buffer: buffer)

        #expect(decoded == Array(expected.utf8))
        #expect(
            stream.warnings == [
                "zstd frame at byte 0 failed its checksum; its lines were read but may be damaged"
            ])
    }

    /// As for a gzip member whose CRC fails: the frame's lines were read before its checksum
    /// could be checked, and the frames after it are read too.
    @Test(arguments: [(Int.max, 1 << 20), (7, 4096), (1, 1)])
    func aFrameFailingItsChecksumIsKeptAndTheFramesAfterItAreRead(piece: Int, buffer: Int)
        throws
    {
        var damaged = try InputFixtures.bytes("metrics.jsonl.zst")
        // Frame b's last four bytes are its checksum (its descriptor, 0x64, has bit 2 set).
        #expect(damaged[Self.frameA + 4] == 0x64)
        damaged[Self.frameA + Self.frameB - 1] ^= 0xFF

        let (bytes, stream) = try decode(damaged, piece: piece, buffer: buffer)

        #expect(bytes == (try InputFixtures.bytes("metrics.jsonl")))
        #expect(stream.framesCompleted == 3)
        #expect(!stream.endedEarly)
        #expect(
            stream.warnings == [
                "zstd frame at byte 8836 failed its checksum; its lines were read but may be "
                    + "damaged"
            ])
    }

    /// Found by fuzzing: a frame declaring 72 bytes whose one raw block holds 12. zstd
    /// checks a raw block whole when it has all of it but streams it out as pieces arrive,
    /// so bytes fed a few at a time came out (and the file was read) while the same bytes
    /// read at once were corrupt. The stream now fills its input buffer before decoding.
    @Test(arguments: [(Int.max, 1 << 20), (1, 1 << 16), (3, 7), (13, 1)])
    func aFrameShorterThanItsDeclaredSizeIsCorruptHoweverItIsFed(piece: Int, buffer: Int) throws {
        let bytes = try CorpusFixture.bytes("bad/fuzz-zstd-raw-block-shorter-than-frame.zst")

        #expect(throws: InputError(path: "x.zst", kind: .corrupt("zstd: data corruption detected")))
        {
            _ = try decode(bytes, piece: piece, buffer: buffer)
        }
    }

    /// `zstd --long=31` writes frames that `zstd -d` refuses without `--long=31` or
    /// `--memory=2048MB`; they used to be reported as corrupt.
    @Test(arguments: [(Int.max, 1 << 16), (7, 4096), (1, 100)])
    func aFrameAskingForALongWindowIsDecodedWithOneWarning(piece: Int, buffer: Int) throws {
        let frame = try InputFixtures.bytes("metrics-long.zst")
        let lines = try InputFixtures.metricsLines()[..<1000]
        let expected = Array((lines.joined(separator: "\n") + "\n").utf8)

        let (bytes, stream) = try decode(frame + frame, piece: piece, buffer: buffer)

        #expect(bytes == expected + expected)
        #expect(stream.framesCompleted == 2)
        #expect(
            stream.warnings == [
                "the zstd frame at byte 0 keeps a 2 GiB window (written with --long): "
                    + "decoding it can take up to that much memory"
            ])
    }

    @Test func dataThatIsNotZstdFromTheStartIsAnError() throws {
        #expect(throws: InputError(path: "x.zst", kind: .corrupt("not a zstd stream"))) {
            _ = try decode(Array("{\"loss\": 1}\n".utf8))
        }
    }

    @Test func emptyInputDecodesToNothingWithoutWarning() throws {
        let (bytes, stream) = try decode([])

        #expect(bytes.isEmpty)
        #expect(stream.warnings.isEmpty)
    }
}
