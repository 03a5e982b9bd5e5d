import Foundation
import Testing

@testable import RunLens

/// Jobs on several threads, results in input order.
struct ParallelMapTests {
    @Test(arguments: [1, 2, 3, 64])
    func everyIndexOnceInOrder(jobs: Int) {
        let lock = NSLock()
        var seen: [Int] = []
        let results = ParallelMap.map(count: 100, jobs: jobs) { index -> Int in
            lock.lock()
            seen.append(index)
            lock.unlock()
            return index * index
        }
        #expect(results == (0..<100).map { $0 * $0 })
        #expect(seen.sorted() == Array(0..<100))
    }

    @Test func nothingToDo() {
        #expect(ParallelMap.map(count: 0, jobs: 2) { $0 }.isEmpty)
    }
}
