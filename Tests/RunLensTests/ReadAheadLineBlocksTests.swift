import Testing

@testable import RunLens

/// Read ahead with `cutAtLines`, a stream ends each block after its last line and hands
/// blocks out whole: the bytes stay the same, blocks end at a `\n` whenever one was read,
/// errors come after the same bytes, and an array given back to be filled again leaves any
/// other copy of it untouched.
struct ReadAheadLineBlocksTests {
    typealias ScriptedStream = ReadAheadByteStreamTests.ScriptedStream

    /// Lines of 1 to 60 bytes (a `\n` included), then one of 700 and one of 3; no `\n` at
    /// the end.
    static let text: [UInt8] = {
        var bytes: [UInt8] = []
        for line in 0..<500 {
            bytes += Array(repeating: UInt8(ascii: "a") + UInt8(line % 26), count: line % 60)
            bytes.append(0x0A)
        }
        bytes += Array(repeating: UInt8(ascii: "x"), count: 700) + [0x0A] + Array("end".utf8)
        return bytes
    }()

    /// Every block `takeBlock` hands out, in order.
    private func blocks(_ stream: ReadAheadByteStream) throws -> [[UInt8]] {
        var blocks: [[UInt8]] = []
        while let block = try stream.takeBlock() {
            blocks.append(block)
        }
        return blocks
    }

    @Test(arguments: [(64, 2, 7), (100, 3, Int.max), (1, 2, 1), (4096, 2, 333)])
    func blocksTakenWholeJoinToTheSourceBytes(block: Int, depth: Int, piece: Int) throws {
        let source = ScriptedStream(Self.text, piece: piece, freed: nil)
        let stream = ReadAheadByteStream(
            source: source, blockSize: block, depth: depth, cutAtLines: true)

        let taken = try blocks(stream)

        #expect(Array(taken.joined()) == Self.text)
        #expect(stream.bytesConsumed == Self.text.count)
        #expect(stream.warnings == ["past the middle"])
    }

    /// A block ends at a `\n` unless it is the last, or no `\n` was read in it: the bytes
    /// after its last line begin the next block.
    @Test(arguments: [64, 100, 1000])
    func eachBlockButTheLastEndsAfterALine(block: Int) throws {
        let stream = ReadAheadByteStream(
            source: ScriptedStream(Self.text, freed: nil), blockSize: block, cutAtLines: true)

        let taken = try blocks(stream)

        for bytes in taken.dropLast() where bytes.contains(0x0A) {
            #expect(bytes.last == 0x0A)
        }
        #expect(taken.last.map { Array($0.suffix(3)) } == Array("end".utf8))
        // The 700-byte line is longer than a 64- or 100-byte block: those blocks hold no
        // `\n` and are handed out as they are.
        #expect(taken.contains { !$0.contains(0x0A) } == (block < 700))
    }

    @Test(arguments: [0, 1, 63, 64, 65, 2000])
    func anErrorComesAfterTheSameBytesWhenTakingBlocks(length: Int) throws {
        let failure = InputError(path: "x.zst", kind: .corrupt("zstd: data corruption detected"))
        let data = Array(Self.text.prefix(length))
        let stream = ReadAheadByteStream(
            source: ScriptedStream(data, piece: 5, failure: failure, freed: nil),
            blockSize: 64, cutAtLines: true)

        var delivered: [UInt8] = []
        #expect(throws: failure) {
            while let block = try stream.takeBlock() { delivered += block }
        }
        #expect(delivered == data)
    }

    /// Reading part of a block and then taking blocks gives the rest of that block first.
    @Test func takingAfterAPartialReadGivesTheRestFirst() throws {
        let stream = ReadAheadByteStream(
            source: ScriptedStream(Self.text, freed: nil), blockSize: 100, cutAtLines: true)
        var head = [UInt8](repeating: 0, count: 10)

        let count = try head.withUnsafeMutableBytes { try stream.read(into: $0) }
        let rest = try blocks(stream)

        #expect(count == 10)
        #expect(head + Array(rest.joined()) == Self.text)
    }

    /// Arrays given back are filled again; one the caller still holds is copied first, so
    /// the caller's copy keeps its bytes.
    @Test func givenBackArraysAreRefilledWithoutTouchingOtherCopies() throws {
        let stream = ReadAheadByteStream(
            source: ScriptedStream(Self.text, piece: 9, freed: nil), blockSize: 50,
            depth: 2, cutAtLines: true)

        var taken: [[UInt8]] = []
        var kept: [[UInt8]] = []
        while let block = try stream.takeBlock() {
            taken.append(block)
            kept.append(Array(block))
            stream.giveBack(block)
        }

        #expect(Array(taken.joined()) == Self.text)
        #expect(taken == kept)
    }

    /// A line chunker over such a stream, handing each chunk back once read, gives the
    /// same numbered lines as one over the bytes read directly: with `\n`, CRLF and bare
    /// `\r` line ends, a BOM, lines longer than a block, and one past the line cap.
    @Test(arguments: [
        ("\n", 64), ("\r\n", 64), ("\r", 64), ("\n", 7), ("\r\n", 1000), ("\n", 1 << 16),
    ])
    func aChunkerReadsTheSameLines(ending: String, block: Int) throws {
        var text: [UInt8] = [0xEF, 0xBB, 0xBF]
        for line in 0..<300 {
            let padding = String(repeating: "y", count: line)
            text += Array("{\"step\": \(line), \"x\": \"\(padding)\"}".utf8)
            text += Array(ending.utf8)
        }
        text += Array("no end".utf8)
        let direct = try chunkedLines(MemoryByteStream(text), chunkSize: 32, maxLineBytes: 250)

        let stream = ReadAheadByteStream(
            source: ScriptedStream(text, piece: 13, freed: nil), blockSize: block,
            cutAtLines: true)
        let chunker = LineChunker(stream: stream, chunkSize: block, maxLineBytes: 250)
        var lines: [String] = []
        while var chunk = try chunker.next() {
            if let length = chunk.oversizedLineLength {
                lines.append("\(chunk.firstLineNumber):<oversized \(length)>")
            }
            chunk.forEachLine { line, number in
                lines.append("\(number):" + String(decoding: line, as: UTF8.self))
            }
            chunker.recycle(&chunk)
        }

        #expect(lines == direct.map { "\($0.number):\($0.text)" })
        #expect(direct.count == 301)
        #expect(direct.contains { $0.text.hasPrefix("<oversized") })
    }
}
