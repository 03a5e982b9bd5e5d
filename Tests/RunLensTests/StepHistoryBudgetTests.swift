import Testing

@testable import RunLens

struct StepHistoryBudgetTests {
    static func feed(_ history: inout StepHistory, steps: Range<Int>) {
        for step in steps {
            history.add(step: Double(step), time: Double(step), value: Double(step))
        }
    }

    // Steps 0…99 one bucket each; at most 16 buckets needs width 8: ⌊99/8⌋ + 1 = 13
    // buckets (width 4 would need 25). The first bucket holds steps 0…7, sum 28.
    @Test func limitCoarsensTheBucketsHeldAndGivesBackTheirRoom() throws {
        var history = StepHistory(capacity: 128)
        Self.feed(&history, steps: 0..<100)
        #expect(history.width == 1)

        history.limit(to: 16)

        #expect(history.capacity == 16)
        #expect(history.width == 8)
        #expect(history.buckets.count == 13)
        #expect(history.buckets.capacity < 100)
        let first = try #require(history.bucket(at: 0))
        #expect(first.count == 8)
        #expect(first.sum == 28)
        #expect(history.filled.reduce(0) { $0 + $1.bucket.count } == 100)
    }

    @Test func limitNeverRaisesTheCapacity() {
        var history = StepHistory(capacity: 64)
        history.limit(to: 512)

        #expect(history.capacity == 64)
    }

    // 512-bucket histories share 65,536 buckets: 600 of them get 64 each (512 halved at
    // 129, 257 and 513 histories). 2,000 steps in 64 buckets need width 32 (⌊1999/32⌋ + 1 =
    // 63 buckets; width 16 would need 125), where one history alone would use width 4
    // (500 buckets).
    @Test func manyHistoriesStayWithinTheSharedBudget() throws {
        var histories = SeriesStates<StepHistory>()
        let budget = StepHistory.budget(capacity: 512)
        for _ in 0..<600 { histories.append(StepHistory(capacity: 512), sharing: budget) }
        for index in 0..<600 {
            histories.update(index) { Self.feed(&$0, steps: 0..<2_000) }
        }

        var total = 0
        for index in 0..<600 {
            let history = try #require(histories[index])
            #expect(history.capacity == 64)
            #expect(history.width == 32)
            #expect(history.buckets.count == 63)
            total += history.buckets.count
        }
        #expect(total == 600 * 63)
    }

    // 128 histories of 512 hold 2,000 steps at width 4 (500 buckets); a 129th halves every
    // share to 256, and the histories already full coarsen to width 8 (250 buckets).
    @Test func aNewHistoryLowersTheOnesAlreadyFilled() throws {
        var histories = SeriesStates<StepHistory>()
        let budget = StepHistory.budget(capacity: 512)
        for index in 0..<128 {
            histories.append(StepHistory(capacity: 512), sharing: budget)
            histories.update(index) { Self.feed(&$0, steps: 0..<2_000) }
        }
        #expect(try #require(histories[0]).buckets.count == 500)

        histories.append(nil, sharing: budget)
        #expect(try #require(histories[0]).width == 4)
        histories.append(StepHistory(capacity: 512), sharing: budget)

        let first = try #require(histories[0])
        #expect(first.capacity == 256)
        #expect(first.width == 8)
        #expect(first.buckets.count == 250)
        #expect(try #require(histories[129]).capacity == 256)
    }

    // 32 ranks of one 512-bucket history hold 2,000 steps at width 4 (500 buckets); a 33rd
    // rank halves every share to 256 (width 8, 250 buckets) though 33 histories are far
    // from the 128 that share by number. A second history of a rank already seen does not.
    @Test func aRankPast32LowersTheHistoriesOfTheOthers() throws {
        var histories = SeriesStates<StepHistory>()
        let budget = StepHistory.budget(capacity: 512)
        for rank in 0..<32 {
            histories.append(StepHistory(capacity: 512), sharing: budget, rank: rank)
            histories.update(rank) { Self.feed(&$0, steps: 0..<2_000) }
        }
        histories.append(StepHistory(capacity: 512), sharing: budget, rank: 31)
        histories.append(nil, sharing: budget, rank: 40)
        #expect(try #require(histories[0]).buckets.count == 500)
        #expect(histories.ranks.count == 32)

        histories.append(StepHistory(capacity: 512), sharing: budget, rank: 32)

        let first = try #require(histories[0])
        #expect(first.capacity == 256)
        #expect(first.width == 8)
        #expect(first.buckets.count == 250)
        #expect(try #require(histories[34]).capacity == 256)
    }
}
