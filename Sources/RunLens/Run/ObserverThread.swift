import Foundation

/// A second thread that delivers the assembler's batches to the observers (statistics and
/// detectors) while the calling thread reads, parses and assembles the next records.
///
/// Only this thread touches the observers between ``init(fanOut:depth:)`` and ``finish()``
/// or ``cancel()``; both wait for it to end, so afterwards the observers' state is
/// complete and visible to the caller. Memory is bounded by the queue's `depth` batches.
final class ObserverThread {
    private let queue: BatchQueue
    private let ended = DispatchSemaphore(value: 0)
    private var running = true

    /// Starts the thread delivering to `fanOut`, with at most `depth` batches waiting.
    init(fanOut: ObserverFanOut, depth: Int = 3) {
        let queue = BatchQueue(depth: depth)
        self.queue = queue
        let work = DeliveryWork(queue: queue, fanOut: fanOut, ended: ended)
        let thread = Thread { work.run() }
        thread.name = "runlens-observers"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Hands `batch` to the thread and leaves an empty batch in its place; waits while the
    /// queue is full. Returns `false` when the thread has stopped.
    @discardableResult
    func submit(_ batch: inout ObserverBatch) -> Bool {
        queue.push(&batch)
    }

    /// Lets the thread deliver what is queued, and waits until it has.
    func finish() {
        guard running else { return }

        running = false
        queue.endInput()
        ended.wait()
    }

    /// Stops the thread without delivering what is queued, and waits until it has stopped.
    func cancel() {
        guard running else { return }

        running = false
        queue.cancel()
        ended.wait()
    }
}

/// The observer thread's loop, kept apart so that the thread holds only what it needs.
private final class DeliveryWork: @unchecked Sendable {
    let queue: BatchQueue
    let fanOut: ObserverFanOut
    let ended: DispatchSemaphore

    init(queue: BatchQueue, fanOut: ObserverFanOut, ended: DispatchSemaphore) {
        self.queue = queue
        self.fanOut = fanOut
        self.ended = ended
    }

    func run() {
        while let batch = queue.pop() {
            fanOut.deliver(batch)
            queue.recycle(batch)
        }
        ended.signal()
    }
}
