import Foundation
import Testing

@testable import RunLens

/// Reading ahead on a thread changes nothing a caller can see: the same bytes in order, the
/// same error after the same bytes, the same warnings and consumed bytes at every block's
/// end, and a caller that stops early leaves no thread behind.
struct ReadAheadByteStreamTests {
    /// Hands out `data` `piece` bytes at a time, then fails with `failure` if set; counts its
    /// reads and tells when it is freed.
    final class ScriptedStream: ByteStream {
        let data: [UInt8]
        let piece: Int
        let failure: InputError?
        let reads: Locked<Int>
        let freed: Locked<Bool>?
        private var offset = 0

        init(
            _ data: [UInt8], piece: Int = .max, failure: InputError? = nil,
            freed: Locked<Bool>?, reads: Locked<Int> = Locked(0)
        ) {
            self.data = data
            self.piece = piece
            self.failure = failure
            self.freed = freed
            self.reads = reads
        }

        deinit { freed?.set(true) }

        var warnings: [String] { offset >= data.count / 2 ? ["past the middle"] : [] }
        var bytesConsumed: Int { offset }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
            reads.set(reads.get() + 1)
            let count = min(buffer.count, piece, data.count - offset)
            if count == 0, let failure { throw failure }
            data.withUnsafeBytes { raw in
                buffer.copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
            }
            offset += count
            return count
        }
    }

    /// Bytes that repeat only after 251 of them, so a block out of order would show.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8($0 % 251) }
    }

    @Test(arguments: [(1000, 2, 333, 7), (4096, 3, 1 << 16, .max), (1, 2, 5, 3), (64, 5, 64, 64)])
    func deliversTheSourceBytesInOrder(block: Int, depth: Int, buffer: Int, piece: Int) throws {
        let data = Self.pattern(100_003)
        let source = ScriptedStream(data, piece: piece, freed: nil)

        let stream = ReadAheadByteStream(source: source, blockSize: block, depth: depth)
        let bytes = try readAll(stream, buffer: buffer)

        #expect(bytes == data)
        #expect(stream.bytesConsumed == 100_003)
        #expect(stream.warnings == ["past the middle"])
    }

    @Test(arguments: [0, 1, 4095, 4096, 4097, 10_000])
    func anErrorComesAfterTheSameBytes(length: Int) throws {
        let failure = InputError(path: "x.zst", kind: .corrupt("zstd: data corruption detected"))
        let stream = ReadAheadByteStream(
            source: ScriptedStream(Self.pattern(length), failure: failure, freed: nil),
            blockSize: 4096)

        var delivered: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        #expect(throws: failure) {
            while true {
                let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
                if count == 0 { break }
                delivered += buffer[..<count]
            }
        }
        #expect(delivered == Self.pattern(length))
        #expect(stream.bytesConsumed == length)
    }

    /// Damaged gzip and zstd inputs, read directly and read ahead in the same block size:
    /// after every read the two agree on the bytes, the warnings and the consumed bytes.
    @Test(arguments: [
        "gzip-bad-crc", "gzip-truncated", "gzip-garbage", "zstd-truncated",
        "zstd-garbage", "zstd-corrupt-start",
    ])
    func decodersReadAheadMatchDecodersReadDirectly(damage: String) throws {
        let input = try Self.damaged(damage)
        let direct = try InputOpener.decoding(MemoryByteStream(input), path: "x").stream
        let opened = try InputOpener.decoding(MemoryByteStream(input), path: "x").stream
        let ahead = ReadAheadByteStream(source: opened, blockSize: 4096, depth: 2)

        var one = [UInt8](repeating: 0, count: 4096)
        var two = [UInt8](repeating: 0, count: 4096)
        while true {
            let first = Result { try one.withUnsafeMutableBytes { try direct.read(into: $0) } }
            let second = Result { try two.withUnsafeMutableBytes { try ahead.read(into: $0) } }
            #expect(ahead.warnings == direct.warnings)
            #expect(ahead.bytesConsumed == direct.bytesConsumed)
            guard case .success(let count) = first, case .success(let other) = second else {
                #expect("\(first)" == "\(second)")
                break
            }
            #expect(count == other)
            #expect(one[..<count] == two[..<count])
            if count == 0 { break }
        }
        #expect(!direct.warnings.isEmpty || damage == "zstd-corrupt-start")
    }

    @Test func stoppingEarlyEndsTheThreadAndFreesTheSource() throws {
        let freed = Locked(false)
        var stream: ReadAheadByteStream? = ReadAheadByteStream(
            source: ScriptedStream(Self.pattern(1 << 20), piece: 100, freed: freed),
            blockSize: 1000, depth: 2)
        var buffer = [UInt8](repeating: 0, count: 10)
        let count = try buffer.withUnsafeMutableBytes { try stream?.read(into: $0) }

        stream?.stop()
        stream?.stop()
        let after = try buffer.withUnsafeMutableBytes { try stream?.read(into: $0) }

        #expect(count == 10)
        #expect(after == 0)
        stream = nil
        #expect(ObserverThreadTests.wait { freed.get() })
    }

    @Test func aStreamDroppedUnreadStopsItsThread() {
        let freed = Locked(false)
        let reads = Locked(0)
        var stream: ReadAheadByteStream? = ReadAheadByteStream(
            source: ScriptedStream(Self.pattern(1 << 20), piece: 10, freed: freed, reads: reads),
            blockSize: 100, depth: 2)
        _ = stream

        // Both blocks fill and the thread waits for one to come back: 20 reads, no more.
        #expect(ObserverThreadTests.wait { reads.get() == 20 })
        Thread.sleep(forTimeInterval: 0.05)
        #expect(reads.get() == 20)
        stream = nil
        #expect(ObserverThreadTests.wait { freed.get() })
    }

    /// The fixture compressed and damaged as `name` says; the damage is the same as in
    /// the gzip and zstd tests.
    static func damaged(_ name: String) throws -> [UInt8] {
        let gzip = try InputFixtures.bytes("metrics.jsonl.gz")
        let zstd = try InputFixtures.bytes("metrics.jsonl.zst")
        switch name {
        case "gzip-bad-crc":
            var bytes = gzip
            bytes[GzipByteStreamTests.memberA + GzipByteStreamTests.memberB - 8] ^= 0x01
            return bytes
        case "gzip-truncated": return Array(gzip[..<(gzip.count - 3000)])
        case "gzip-garbage": return gzip + Array("TRAILING GARBAGE\n".utf8)
        case "zstd-truncated": return Array(zstd[..<(zstd.count - 3000)])
        case "zstd-garbage": return zstd + Array("TRAILING GARBAGE\n".utf8)
        default: return Array(zstd[..<4]) + Array(repeating: 0xAA, count: 100)
        }
    }
}
