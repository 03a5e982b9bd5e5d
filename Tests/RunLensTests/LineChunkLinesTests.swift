import Testing

@testable import RunLens

struct LineChunkLinesTests {
    private func lines(of chunk: LineChunk) -> [String] {
        var result: [String] = []
        chunk.forEachLine { line, number in
            result.append("\(number):\(String(decoding: line, as: UTF8.self))")
        }
        return result
    }

    @Test(arguments: [
        ("a\nbb\n", 1, ["1:a", "2:bb"], 2),
        ("a\r\nbb\r\n", 5, ["5:a", "6:bb"], 2),
        ("a\n\n\r\nlast", 10, ["10:a", "11:", "12:", "13:last"], 4),
        ("only\r", 1, ["1:only"], 1),
        ("inner\rcr\n", 1, ["1:inner\rcr"], 1),
        ("\n", 3, ["3:"], 1),
        ("", 1, [], 0),
    ])
    func yieldsLinesWithoutTerminatorsNumbered(
        text: String, first: Int, expected: [String], count: Int
    ) {
        let bytes = Array(text.utf8)
        let chunk = LineChunk(bytes: bytes, firstLineNumber: first)
        let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
        let cut = LineChunk(bytes: bytes, firstLineNumber: first, newlines: newlines)

        #expect(lines(of: chunk) == expected)
        #expect(chunk.lineCount == count)
        #expect(lines(of: cut) == expected, "with the newlines the chunker found")
        #expect(cut.lineCount == count)
    }

    @Test func appendingAChunkKeepsBothChunksNewlines() {
        var chunk = LineChunk(bytes: Array("a\nbb\n".utf8), firstLineNumber: 1, newlines: [1, 4])
        chunk.append(LineChunk(bytes: Array("c\nlast".utf8), firstLineNumber: 3, newlines: [1]))

        #expect(chunk.newlines == [1, 4, 6])
        #expect(lines(of: chunk) == ["1:a", "2:bb", "3:c", "4:last"])
    }

    @Test func changingTheBytesForgetsTheNewlines() {
        var chunk = LineChunk(bytes: Array("a\nbb\n".utf8), firstLineNumber: 1, newlines: [1, 4])
        chunk.bytes += Array("c\n".utf8)

        #expect(chunk.newlines == nil)
        #expect(lines(of: chunk) == ["1:a", "2:bb", "3:c"])
    }

    @Test func oversizedChunkYieldsNothingButCountsOneLine() {
        let chunk = LineChunk(bytes: [], firstLineNumber: 4, oversizedLineLength: 10_000)

        #expect(lines(of: chunk).isEmpty)
        #expect(chunk.lineCount == 1)
    }
}
