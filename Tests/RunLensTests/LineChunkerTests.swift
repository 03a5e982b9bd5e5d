import Testing

@testable import RunLens

/// A stream that fails after handing out its bytes.
private final class FailingByteStream: ByteStream {
    private var delivered = false

    var warnings: [String] { [] }
    var bytesConsumed: Int { 0 }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard delivered else {
            delivered = true
            buffer[0] = UInt8(ascii: "a")
            return 1
        }
        throw InputError(path: "x", kind: .readFailed("Input/output error"))
    }
}

struct LineChunkerTests {
    private func chunks(
        _ text: String, chunkSize: Int, maxLineBytes: Int = 64 << 20, piece: Int = .max
    )
        throws -> [LineChunk]
    {
        let chunker = LineChunker(
            stream: MemoryByteStream(text, piece: piece), chunkSize: chunkSize,
            maxLineBytes: maxLineBytes)
        var result: [LineChunk] = []
        while let chunk = try chunker.next() {
            result.append(chunk)
        }
        return result
    }

    private func texts(_ lines: [(number: Int, text: String)]) -> [String] {
        lines.map { "\($0.number):\($0.text)" }
    }

    @Test(arguments: [
        (4, Int.max), (7, Int.max), (7, 3), (13, 1), (64, 5), (4096, 100), (1 << 20, Int.max),
    ])
    func tinyChunksGiveTheSameLinesAsOneBigChunk(chunkSize: Int, piece: Int) throws {
        let original = try InputFixtures.metricsLines()
        let bytes = try InputFixtures.bytes("metrics.jsonl")

        let lines = try chunkedLines(MemoryByteStream(bytes, piece: piece), chunkSize: chunkSize)

        #expect(lines.count == 6000)
        #expect(lines.map(\.text) == original)
        #expect(lines.map(\.number) == Array(1...6000))
    }

    @Test(arguments: [4, 7, 1 << 20])
    func chunksHoldWholeLinesAndExactFirstLineNumbers(chunkSize: Int) throws {
        let text = "one\ntwo\n\nfour is longer\nfive\nsix"

        let result = try chunks(text, chunkSize: chunkSize)

        #expect(result.flatMap(\.bytes) == Array(text.utf8))
        var expectedFirst = 1
        for (index, chunk) in result.enumerated() {
            #expect(chunk.firstLineNumber == expectedFirst)
            if index < result.count - 1 {
                #expect(chunk.bytes.last == UInt8(ascii: "\n"))
            }
            expectedFirst += chunk.lineCount
        }
        #expect(expectedFirst == 7)
        #expect(result.last?.bytes.last == UInt8(ascii: "x"))
    }

    @Test(arguments: [(4, Int.max), (7, 3), (16, 3), (101, Int.max), (1 << 20, Int.max)])
    func eachChunkKnowsWhereItsNewlinesAre(chunkSize: Int, piece: Int) throws {
        let long = String(repeating: "x", count: 500)
        let text = "a\nbb\r\n\n\(long)\nc\n\(String(repeating: "y", count: 90))\nd"

        let result = try chunks(text, chunkSize: chunkSize, maxLineBytes: 100, piece: piece)

        for chunk in result where chunk.oversizedLineLength == nil {
            let bytes = chunk.bytes
            #expect(chunk.newlines == bytes.indices.filter { bytes[$0] == 0x0A })
        }
    }

    @Test(arguments: [(4, 1), (7, Int.max), (1 << 20, Int.max)])
    func byteOrderMarkIsDroppedOnlyAtTheStart(chunkSize: Int, piece: Int) throws {
        let text = "\u{FEFF}{\"a\": 1}\n\u{FEFF}x\n"

        let lines = try chunkedLines(MemoryByteStream(text, piece: piece), chunkSize: chunkSize)

        #expect(texts(lines) == ["1:{\"a\": 1}", "2:\u{FEFF}x"])
    }

    @Test(arguments: [4, 7, 1 << 20])
    func crlfIsKeptInTheChunkAndStrippedFromLines(chunkSize: Int) throws {
        let text = "a,b\r\n1,2\r\n\r\n3,4\r\n"

        let result = try chunks(text, chunkSize: chunkSize)
        let lines = try chunkedLines(MemoryByteStream(text), chunkSize: chunkSize)

        #expect(result.flatMap(\.bytes) == Array(text.utf8))
        #expect(texts(lines) == ["1:a,b", "2:1,2", "3:", "4:3,4"])
    }

    @Test(arguments: [(4, Int.max), (7, 3), (13, 1), (1 << 20, Int.max)])
    func bareCarriageReturnsEndLinesInAFileWithoutNewlines(chunkSize: Int, piece: Int) throws {
        let text = "{\"a\": 1}\r{\"a\": 2}\r\r{\"a\": 3}\r"

        let lines = try chunkedLines(MemoryByteStream(text, piece: piece), chunkSize: chunkSize)

        #expect(texts(lines) == ["1:{\"a\": 1}", "2:{\"a\": 2}", "3:", "4:{\"a\": 3}"])
    }

    @Test(arguments: [
        ("one bare return at the end", "a\r", ["1:a"]),
        ("one bare return and no end", "a\rb", ["1:a", "2:b"]),
        ("a newline first", "a\nb\rc\rd\n", ["1:a", "2:b\rc\rd"]),
        ("CRLF first", "a\r\nb\rc\rd\r\n", ["1:a", "2:b\rc\rd"]),
        ("returns doubled before CRLF", "a,b\r\r\n1,2\r\r\n", ["1:a,b\r", "2:1,2\r"]),
        ("no line end at all", "abc", ["1:abc"]),
    ])
    func lineEndsAreDecidedByTheFirstLineEnds(name: String, text: String, expected: [String])
        throws
    {
        for chunkSize in [4, 1 << 20] {
            let lines = try chunkedLines(MemoryByteStream(text, piece: 1), chunkSize: chunkSize)

            #expect(texts(lines) == expected, "\(name), chunks of \(chunkSize)")
        }
    }

    @Test(arguments: [4, 7, 1 << 20])
    func lastLineWithoutNewlineIsDelivered(chunkSize: Int) throws {
        let lines = try chunkedLines(MemoryByteStream("first\nsecond"), chunkSize: chunkSize)

        #expect(texts(lines) == ["1:first", "2:second"])
    }

    @Test func emptyStreamGivesNoChunk() throws {
        #expect(try chunks("", chunkSize: 7).isEmpty)
        #expect(try chunks("\u{FEFF}", chunkSize: 7).isEmpty)
    }

    @Test(arguments: [4, 1 << 20])
    func blankLinesAreLinesToo(chunkSize: Int) throws {
        let lines = try chunkedLines(MemoryByteStream("\n\n\r\n"), chunkSize: chunkSize)

        #expect(texts(lines) == ["1:", "2:", "3:"])
    }

    @Test(arguments: [(4, Int.max), (7, Int.max), (16, 3), (101, Int.max), (1 << 20, Int.max)])
    func oversizedLineIsCountedAloneAndLaterLinesKeepTheirNumbers(chunkSize: Int, piece: Int)
        throws
    {
        let long = String(repeating: "x", count: 10_000)
        let text = "a\nb\n\(long)\nc\n\(String(repeating: "y", count: 100))\nd"

        let lines = try chunkedLines(
            MemoryByteStream(text, piece: piece), chunkSize: chunkSize, maxLineBytes: 100)

        #expect(
            texts(lines) == [
                "1:a", "2:b", "3:<oversized 10000>", "4:c",
                "5:" + String(repeating: "y", count: 100), "6:d",
            ])
    }

    @Test(arguments: [4, 7, 1 << 20])
    func oversizedLastLineWithoutNewlineIsCounted(chunkSize: Int) throws {
        let text = "a\n" + String(repeating: "z", count: 500)

        let lines = try chunkedLines(
            MemoryByteStream(text), chunkSize: chunkSize, maxLineBytes: 100)

        #expect(texts(lines) == ["1:a", "2:<oversized 500>"])
    }

    @Test func consecutiveOversizedLinesEachGetTheirNumber() throws {
        let long = String(repeating: "q", count: 300)
        let text = "\(long)\n\(long)\r\nok\n"

        let lines = try chunkedLines(MemoryByteStream(text), chunkSize: 64, maxLineBytes: 100)

        #expect(texts(lines) == ["1:<oversized 300>", "2:<oversized 301>", "3:ok"])
    }

    @Test func anOversizedLineIsNeverHeldWhole() throws {
        let text = "a\n" + String(repeating: "x", count: 10_000) + "\nb\n"

        let result = try chunks(text, chunkSize: 16, maxLineBytes: 100)

        #expect(result.allSatisfy { $0.bytes.count <= 100 + 16 })
        #expect(result.map(\.lineCount).reduce(0, +) == 3)
    }

    @Test func lineLongerThanAChunkButUnderTheCapIsDeliveredWhole() throws {
        let long = String(repeating: "w", count: 5000)

        let lines = try chunkedLines(
            MemoryByteStream("\(long)\nend\n", piece: 10), chunkSize: 7, maxLineBytes: 5000)

        #expect(texts(lines) == ["1:" + long, "2:end"])
    }

    @Test func streamErrorsPassThrough() throws {
        let chunker = LineChunker(stream: FailingByteStream(), chunkSize: 4)

        #expect(throws: InputError(path: "x", kind: .readFailed("Input/output error"))) {
            _ = try chunker.next()
        }
    }
}
