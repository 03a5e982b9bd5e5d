import Dispatch
import Foundation

/// Runs independent jobs on several threads and returns their results in input order.
enum ParallelMap {
    /// `body(0)`, …, `body(count − 1)` on up to `jobs` threads; the results in index order.
    /// Each worker takes the next index when it finishes one, so long and short jobs share
    /// the threads evenly.
    static func map<Result>(count: Int, jobs: Int, _ body: (Int) -> Result) -> [Result] {
        guard count > 0 else { return [] }

        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        let next = Counter()
        let workers = Swift.max(1, Swift.min(jobs, count))
        if workers == 1 {
            for index in 0..<count { slots[index] = body(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let index = next.take(below: count) { slots[index] = body(index) }
            }
        }
        return slots.compactMap { $0 }
    }

    /// A shared index that hands out each value once.
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
