import Testing

@testable import RunLens

struct JSONCollectorTests {
    @Test func shrinksBuffersOnceASmallRecordFollowsAHugeOne() {
        var collector = JSONCollector()
        defer { collector.deallocate() }
        let huge = "{" + (0..<100_000).map { #""k\#($0)":"\#($0)\n""# }.joined(separator: ",") + "}"
        #expect(collect(huge, into: &collector) > 0)
        #expect(collector.eventCapacity >= 100_000)
        #expect(collector.arenaCapacity >= 100_000)

        #expect(collect(#"{"a":"\n"}"#, into: &collector) > 0)
        collector.reset()
        #expect(collector.eventCapacity <= 64)
        #expect(collector.arenaCapacity <= 256)
    }

    @Test func keepsBuffersWhileRecordsStayLarge() {
        var collector = JSONCollector()
        defer { collector.deallocate() }
        let huge = "{" + (0..<100_000).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}"
        #expect(collect(huge, into: &collector) > 0)
        let capacity = collector.eventCapacity

        #expect(collect(huge, into: &collector) > 0)
        #expect(collector.eventCapacity == capacity)
        #expect(collector.eventCount == 100_000)
    }

    private func collect(_ text: String, into collector: inout JSONCollector) -> Int {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            collector.reset()
            guard let base = buffer.baseAddress else {
                return -1
            }
            return collector.collect(base, 0, buffer.count, keep: true)
        }
    }
}
