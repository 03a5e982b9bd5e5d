import Foundation

/// Reads another stream ahead on a thread of its own, so that decompressing the next blocks
/// overlaps parsing the current one.
///
/// The thread fills up to `depth` blocks of `blockSize` bytes ahead from `source` in order,
/// each to its end as a caller reading `blockSize` bytes at a time would, and this stream
/// hands them out in that order. What a caller sees is what reading
/// `source` directly in `blockSize` reads shows: the same bytes, an error after the same
/// bytes, and `warnings`, `damage` and `bytesConsumed` as the source had them right after the
/// block just emptied (so a caller that stops early sees the state at the point it reached,
/// not the reader's). Only this stream's owner may call it; the source belongs to the thread.
/// A caller reading more than a block at once gets the state of the last block boundary
/// it passed, which a direct read of that size might not match before the end.
///
/// With `cutAtLines`, the thread ends each full block after its last `\n` and begins the next
/// with the rest, so that a block holds whole lines whenever a line ends in it; a line
/// chunker can then take blocks whole (``takeBlock()``), without copying them. Blocks are
/// then of other sizes than direct reads would give, but the bytes are the same.
///
/// ``stop()`` (or the end of the stream, an error, or `deinit`) ends the thread; `stop`
/// waits for it, which takes at most the source's current read.
public final class ReadAheadByteStream: BlockByteStream {
    /// The bytes each block holds.
    public let blockSize: Int

    private let blocks: ReadAheadBlocks
    private let ended = DispatchSemaphore(value: 0)
    private var running = true
    private var current: ReadAheadBlock?
    private var offset = 0
    private var finished = false
    private var failure: InputError?

    /// The source's warnings as of the last block emptied; complete once `read` returned `0`.
    public private(set) var warnings: [String] = []
    /// The source's damage as of the last block emptied; complete once `read` returned `0`.
    public private(set) var damage: [String] = []
    /// The source's consumed bytes as of the last block emptied.
    public private(set) var bytesConsumed = 0
    /// Whether the source had stopped early as of the last block emptied.
    public private(set) var endedEarly = false

    /// Starts reading `source` ahead in `depth` blocks (at least 2) of `blockSize` bytes, each
    /// ended after its last line with `cutAtLines` (and the next then longer by the rest).
    ///
    /// `source` must not be used by anyone else afterwards.
    public init(
        source: ByteStream, blockSize: Int = 1 << 20, depth: Int = 3, cutAtLines: Bool = false
    ) {
        self.blockSize = max(blockSize, 1)
        blocks = ReadAheadBlocks(count: max(depth, 2))
        warnings = source.warnings
        damage = source.damage
        bytesConsumed = source.bytesConsumed
        let reader = BlockReader(
            source: source, blocks: blocks, ended: ended, size: self.blockSize,
            cutAtLines: cutAtLines)
        let thread = Thread { reader.run() }
        thread.name = "runlens-read-ahead"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Copies the next bytes into `buffer`, at most the rest of one block.
    ///
    /// - Throws: the source's error, once the bytes it read before it were handed out.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        guard let block = try currentBlock() else { return 0 }

        let count = min(buffer.count, block.bytes.count - offset)
        block.bytes.withUnsafeBytes { raw in
            guard let start = raw.baseAddress else { return }
            base.copyMemory(from: start + offset, byteCount: count)
        }
        offset += count
        if offset == block.bytes.count {
            finishBlock(block)
        }
        return count
    }

    /// The rest of the current block, or the next block, handed over whole: without a copy
    /// when no `read` has taken part of it. `nil` at the end of the stream.
    ///
    /// - Throws: the source's error, once the bytes it read before it were handed out.
    public func takeBlock() throws(InputError) -> [UInt8]? {
        guard let block = try currentBlock() else { return nil }

        var bytes: [UInt8] = []
        swap(&bytes, &block.bytes)
        if offset > 0 {
            bytes.removeSubrange(..<offset)
        }
        finishBlock(block)
        return bytes
    }

    /// Takes back an array `takeBlock` handed out, once its lines were read, so that the
    /// reading thread fills it again instead of making a new one.
    public func giveBack(_ bytes: [UInt8]) {
        blocks.giveBack(bytes)
    }

    /// Ends the reading thread and waits for it; later reads return `0`. Safe to call twice.
    public func stop() {
        guard running else { return }

        running = false
        finished = true
        current = nil
        blocks.cancel()
        ended.wait()
    }

    /// The block being handed out, taking the next one when needed; `nil` at the end.
    private func currentBlock() throws(InputError) -> ReadAheadBlock? {
        while current == nil {
            if let failure {
                throw failure
            }
            guard !finished, let next = blocks.takeFilled() else { return nil }

            offset = 0
            if !next.bytes.isEmpty {
                current = next
            } else {
                finishBlock(next)
            }
        }
        return current
    }

    /// Takes on the source's state after `block`, and returns the block to the reader.
    private func finishBlock(_ block: ReadAheadBlock) {
        current = nil
        warnings = block.warnings
        damage = block.damage
        bytesConsumed = block.bytesConsumed
        endedEarly = block.endedEarly
        failure = block.failure
        if block.isLast {
            finished = true
            stop()
        } else {
            blocks.recycle(block)
        }
    }
}

/// The reading thread's loop, kept apart so that the thread holds only what it needs.
private final class BlockReader: @unchecked Sendable {
    let source: ByteStream
    let blocks: ReadAheadBlocks
    let ended: DispatchSemaphore
    /// The bytes each block reads from the source.
    let size: Int
    let cutAtLines: Bool
    /// With `cutAtLines`: the bytes after the last `\n` of the block before, which begin
    /// the next.
    private var carried: [UInt8] = []

    init(
        source: ByteStream, blocks: ReadAheadBlocks, ended: DispatchSemaphore, size: Int,
        cutAtLines: Bool
    ) {
        self.source = source
        self.blocks = blocks
        self.ended = ended
        self.size = size
        self.cutAtLines = cutAtLines
    }

    func run() {
        while let block = blocks.takeFree() {
            fill(block)
            if cutAtLines, !block.isLast {
                carried = Self.unfinishedLine(cutFrom: &block.bytes)
            }
            blocks.publish(block)
            if block.isLast { break }
        }
        ended.signal()
    }

    /// Reads `block` full (the bytes carried over, then `size` bytes), or up to the
    /// source's end or error; stops early when cancelled.
    ///
    /// The block's array is one given back when there is one about as long: making a new one
    /// each time lets the allocator hand memory back and fault it in again, about a quarter of
    /// the bytes read. A new array is left uninitialized past what is read into it, so a small
    /// input's block costs only the pages its bytes fill, whatever the block size.
    private func fill(_ block: ReadAheadBlock) {
        let capacity = carried.count + size
        var bytes = blocks.takeSpare()
        var outcome = Outcome()
        if !bytes.isEmpty, bytes.count + Self.zeroFillLimit >= capacity {
            if bytes.count < capacity {
                bytes.append(contentsOf: repeatElement(0, count: capacity - bytes.count))
            }
            let count = bytes.withUnsafeMutableBufferPointer { read(into: $0, capacity, &outcome) }
            bytes.removeSubrange(count...)
        } else {
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                count = read(into: buffer, capacity, &outcome)
            }
        }
        block.bytes = bytes
        carried = []
        block.failure = outcome.failure
        block.ended = outcome.ended
        block.bytesConsumed = source.bytesConsumed
        block.warnings = source.warnings
        block.damage = source.damage
        block.endedEarly = source.endedEarly
    }

    /// How a block's read ended.
    private struct Outcome {
        var failure: InputError?
        var ended = false
    }

    /// The most bytes a given-back array is grown by, zero-filled, to take a block.
    private static let zeroFillLimit = 1 << 16

    /// Writes the carried bytes and then the source's into `buffer`, up to `capacity` bytes,
    /// the source's end or error, or a cancel; returns the bytes written.
    private func read(
        into buffer: UnsafeMutableBufferPointer<UInt8>, _ capacity: Int, _ outcome: inout Outcome
    ) -> Int {
        var count = carried.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
        do throws(InputError) {
            while count < capacity {
                let rest = UnsafeMutableBufferPointer(rebasing: buffer[count..<capacity])
                let read = try source.read(into: UnsafeMutableRawBufferPointer(rest))
                if read == 0 {
                    outcome.ended = true
                    break
                }
                count += read
                if blocks.isCancelled { break }
            }
        } catch {
            outcome.failure = error
        }
        return count
    }

    /// Cuts the bytes after the last `\n` of `bytes` off and returns them; nothing when
    /// `bytes` holds no `\n`. Lines are short next to a block, so the search from the end
    /// is short too.
    private static func unfinishedLine(cutFrom bytes: inout [UInt8]) -> [UInt8] {
        guard let last = bytes.lastIndex(of: 0x0A), last + 1 < bytes.count else { return [] }

        let rest = Array(bytes[(last + 1)...])
        bytes.removeSubrange((last + 1)...)
        return rest
    }
}
