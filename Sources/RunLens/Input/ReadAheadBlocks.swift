import Foundation

/// One block of decoded bytes read ahead, with the source's state right after it was read.
///
/// Each fill puts its bytes in an array of their own (a new one, or one the consumer gave
/// back), so that the consumer can take it whole without a copy.
final class ReadAheadBlock: @unchecked Sendable {
    /// The bytes read into the block.
    var bytes: [UInt8] = []
    /// The source's `bytesConsumed` after the block was read.
    var bytesConsumed = 0
    /// The source's `warnings` after the block was read.
    var warnings: [String] = []
    /// The source's `damage` after the block was read.
    var damage: [String] = []
    /// The source's `endedEarly` after the block was read.
    var endedEarly = false
    /// The source's error, met after the block's bytes.
    var failure: InputError?
    /// The source ended after the block's bytes.
    var ended = false

    /// Whether nothing comes after this block.
    var isLast: Bool { ended || failure != nil }
}

/// The blocks passed between a ``ReadAheadByteStream`` and its reading thread: a fixed set,
/// each either free (the reader may fill it) or filled (waiting in order for the consumer).
///
/// Both sides wait on one condition variable, never busily. Cancelling wakes both: the
/// reader stops before its next read of the source, the consumer gets no more blocks.
final class ReadAheadBlocks: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [ReadAheadBlock]
    private var filled: [ReadAheadBlock] = []
    /// Arrays of blocks handed out whole and given back, for the reader to fill again.
    private var spares: [[UInt8]] = []
    private var cancelled = false

    /// `count` blocks, all free.
    init(count: Int) {
        free = (0..<max(count, 1)).map { _ in ReadAheadBlock() }
    }

    /// A free block for the reader, waiting for one; `nil` once cancelled.
    func takeFree() -> ReadAheadBlock? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty, !cancelled { condition.wait() }
        return cancelled ? nil : free.removeLast()
    }

    /// Queues a block the reader filled, after those filled before it.
    func publish(_ block: ReadAheadBlock) {
        condition.lock()
        filled.append(block)
        condition.broadcast()
        condition.unlock()
    }

    /// The oldest filled block, waiting for one; `nil` once cancelled.
    func takeFilled() -> ReadAheadBlock? {
        condition.lock()
        defer { condition.unlock() }
        while filled.isEmpty, !cancelled { condition.wait() }
        return cancelled ? nil : filled.removeFirst()
    }

    /// Gives a block the consumer has emptied back to the reader.
    func recycle(_ block: ReadAheadBlock) {
        block.bytes = []
        condition.lock()
        free.append(block)
        condition.broadcast()
        condition.unlock()
    }

    /// Keeps `bytes`, an array a block handed out, for the reader to fill again; at most two
    /// are kept.
    func giveBack(_ bytes: [UInt8]) {
        condition.lock()
        if spares.count < 2 { spares.append(bytes) }
        condition.unlock()
    }

    /// An array given back, or an empty one.
    func takeSpare() -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return spares.popLast() ?? []
    }

    /// Whether `cancel` was called.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Stops both sides: blocked calls return, filled blocks are dropped.
    func cancel() {
        condition.lock()
        cancelled = true
        filled.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
