import Testing

@testable import RunLens

struct PeekableByteStreamTests {
    @Test func peekedBytesAreStillDelivered() throws {
        let stream = PeekableByteStream(MemoryByteStream("abcdefgh", piece: 3))

        let peeked = try stream.peek(4)
        let again = try stream.peek(2)
        let all = try readAll(stream, buffer: 3)

        #expect(peeked == Array("abcd".utf8))
        #expect(again == Array("ab".utf8))
        #expect(all == Array("abcdefgh".utf8))
    }

    @Test func peekPastTheEndGivesWhatThereIs() throws {
        let stream = PeekableByteStream(MemoryByteStream("ab"))

        #expect(try stream.peek(4) == Array("ab".utf8))
        #expect(try readAll(stream) == Array("ab".utf8))
    }

    @Test func emptyStreamPeeksNothing() throws {
        let stream = PeekableByteStream(MemoryByteStream(""))

        #expect(try stream.peek(4).isEmpty)
        #expect(try readAll(stream).isEmpty)
    }
}
