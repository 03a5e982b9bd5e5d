/// A stream whose first bytes can be looked at before they are read.
///
/// `peek` pulls bytes from the source into a small buffer without consuming them;
/// `read` hands that buffer out first, then reads the source directly.
public final class PeekableByteStream: ByteStream {
    private let source: ByteStream
    private var peeked: [UInt8] = []
    private var peekedOffset = 0
    private var sourceEnded = false

    /// Wraps `source`, which must not be read by anyone else afterwards.
    public init(_ source: ByteStream) {
        self.source = source
    }

    /// The source's warnings.
    public var warnings: [String] { source.warnings }

    /// The source's damage.
    public var damage: [String] { source.damage }

    /// The source's consumed bytes, peeked ones included.
    public var bytesConsumed: Int { source.bytesConsumed }

    /// Returns up to `count` bytes from the front of the stream without consuming them.
    ///
    /// Fewer bytes come back only when the stream ends first.
    public func peek(_ count: Int) throws(InputError) -> [UInt8] {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
        defer { scratch.deallocate() }

        while peeked.count - peekedOffset < count, !sourceEnded {
            let wanted = min(scratch.count, count - (peeked.count - peekedOffset))
            let got = try source.read(
                into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<wanted]))
            sourceEnded = got == 0
            peeked.append(contentsOf: scratch[..<got])
        }

        let end = min(peeked.count, peekedOffset + count)
        return Array(peeked[peekedOffset..<end])
    }

    /// Hands out peeked bytes first, then reads the source.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let buffered = peeked.count - peekedOffset
        guard buffered > 0 else {
            return sourceEnded ? 0 : try source.read(into: buffer)
        }

        let count = min(buffered, buffer.count)
        peeked.withUnsafeBytes { raw in
            buffer.copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[peekedOffset..<(peekedOffset + count)]))
        }
        peekedOffset += count
        if peekedOffset == peeked.count {
            peeked = []
            peekedOffset = 0
        }
        return count
    }
}
