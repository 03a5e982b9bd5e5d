import Foundation

/// A bounded queue of ``ObserverBatch``es from the reading thread to the observer thread.
///
/// At most `depth` batches wait; the producer blocks when that many are queued and the
/// consumer when none is, on a condition variable (no busy waiting). Delivered batches
/// come back emptied with their buffers, so that after the first few batches nothing is
/// allocated. Either side can stop the other: the producer by ending the input (the
/// consumer drains what is queued, then sees the end) or by cancelling (what is queued is
/// dropped); the consumer by cancelling (the producer's next `push` returns `false`).
final class BatchQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var queued: [ObserverBatch] = []
    private var spare: [ObserverBatch] = []
    private var inputEnded = false
    private var cancelled = false

    /// Creates a queue that holds at most `depth` batches (at least 1).
    init(depth: Int) {
        self.depth = max(1, depth)
    }

    /// Queues `batch` and leaves an empty batch (with reused buffers) in its place; waits
    /// while the queue is full. Returns `false`, leaving `batch` as it was, when the queue
    /// was cancelled or its input ended.
    func push(_ batch: inout ObserverBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queued.count >= depth, !cancelled, !inputEnded { condition.wait() }
        guard !cancelled, !inputEnded else { return false }

        var next = spare.popLast() ?? ObserverBatch()
        swap(&next, &batch)
        queued.append(next)
        condition.broadcast()
        return true
    }

    /// The next batch, waiting for one; `nil` once the input has ended and every batch was
    /// taken, or at once when the queue was cancelled.
    func pop() -> ObserverBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty, !inputEnded, !cancelled { condition.wait() }
        guard !cancelled, !queued.isEmpty else { return nil }

        let batch = queued.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Takes back a delivered batch for reuse.
    func recycle(_ batch: consuming ObserverBatch) {
        var batch = batch
        batch.removeAll()
        condition.lock()
        spare.append(batch)
        condition.unlock()
    }

    /// No more batches will come; the consumer takes those queued, then `pop` returns `nil`.
    func endInput() {
        condition.lock()
        inputEnded = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops both sides: queued batches are dropped, waiting calls return.
    func cancel() {
        condition.lock()
        cancelled = true
        queued.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
