import Foundation

/// Reads another stream ahead on a thread of its own, so that decompressing the next blocks
/// overlaps parsing the current one.
///
/// The thread fills a fixed set of blocks (`depth` × `blockSize` bytes, allocated once)
/// from `source` in order, each to its end as a caller reading `blockSize` bytes at a time
/// would, and this stream hands them out in that order. What a caller sees is what reading
/// `source` directly in `blockSize` reads shows: the same bytes, an error after the same
/// bytes, and `warnings` and `bytesConsumed` as the source had them right after the block
/// just emptied (so a caller that stops early sees the state at the point it reached, not
/// the reader's). Only this stream's owner may call it; the source belongs to the thread.
/// A caller reading more than a block at once gets the state of the last block boundary
/// it passed, which a direct read of that size might not match before the end.
///
/// ``stop()`` (or the end of the stream, an error, or `deinit`) ends the thread; `stop`
/// waits for it, which takes at most the source's current read.
public final class ReadAheadByteStream: ByteStream {
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
    /// The source's consumed bytes as of the last block emptied.
    public private(set) var bytesConsumed = 0
    /// Whether the source had stopped early as of the last block emptied.
    public private(set) var endedEarly = false

    /// Starts reading `source` ahead in `depth` blocks (at least 2) of `blockSize` bytes.
    ///
    /// `source` must not be used by anyone else afterwards.
    public init(source: ByteStream, blockSize: Int = 1 << 20, depth: Int = 3) {
        self.blockSize = max(blockSize, 1)
        blocks = ReadAheadBlocks(count: max(depth, 2), size: self.blockSize)
        warnings = source.warnings
        bytesConsumed = source.bytesConsumed
        let reader = BlockReader(source: source, blocks: blocks, ended: ended)
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
        guard let block = try currentBlock(), let start = block.storage.baseAddress else {
            return 0
        }

        let count = min(buffer.count, block.count - offset)
        base.copyMemory(from: start + offset, byteCount: count)
        offset += count
        if offset == block.count {
            finishBlock(block)
        }
        return count
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
            if next.count > 0 {
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

    init(source: ByteStream, blocks: ReadAheadBlocks, ended: DispatchSemaphore) {
        self.source = source
        self.blocks = blocks
        self.ended = ended
    }

    func run() {
        while let block = blocks.takeFree() {
            fill(block)
            blocks.publish(block)
            if block.isLast { break }
        }
        ended.signal()
    }

    /// Reads `block` full, or up to the source's end or error; stops early when cancelled.
    private func fill(_ block: ReadAheadBlock) {
        do throws(InputError) {
            while block.count < block.storage.count {
                let count = try source.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: block.storage[block.count...]))
                if count == 0 {
                    block.ended = true
                    break
                }
                block.count += count
                if blocks.isCancelled { break }
            }
        } catch {
            block.failure = error
        }
        block.bytesConsumed = source.bytesConsumed
        block.warnings = source.warnings
        block.endedEarly = source.endedEarly
    }
}
