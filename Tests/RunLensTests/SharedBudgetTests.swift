import Testing

@testable import RunLens

struct SharedBudgetTests {
    // 128 full shares of 100: the share halves at 129, 257, 513 and 1,025 holders, and
    // stops at 6 (one more halving would give 3 < 6).
    @Test(arguments: [
        (1, 100), (128, 100), (129, 50), (256, 50), (257, 25), (512, 25), (513, 12),
        (1_024, 12), (1_025, 6), (100_000, 6),
    ])
    func shareHalvesAsHoldersDouble(_ holders: Int, _ share: Int) {
        let budget = SharedBudget(full: 100, fullShares: 128, least: 6)

        #expect(budget.share(among: holders) == share)
    }

    // 16 full shares of 1,024 (16,384 buckets): 17–32 holders get 512, 33–64 get 256,
    // 65–128 get 128, and from 129 on the floor of 64.
    @Test(arguments: [(16, 1_024), (17, 512), (64, 256), (65, 128), (129, 64), (5_000, 64)])
    func shareStopsAtTheFloor(_ holders: Int, _ share: Int) {
        let budget = SharedBudget(full: 1_024, fullShares: 16, least: 64)

        #expect(budget.share(among: holders) == share)
    }

    // 128 full shares of 512, down to 64. By holders: 512 up to 128, 256 up to 256, 128 up
    // to 512, then 64. By ranks: 512 up to 32, 256 up to 64, 128 up to 128, then 64. The
    // share is the smaller of the two.
    @Test(arguments: [
        (64, 32, 512), (64, 33, 256), (128, 64, 256), (256, 64, 256), (129, 32, 256),
        (256, 128, 128), (128, 128, 128), (2_000, 100, 64), (1_000, 1_000, 64), (32, 0, 512),
    ])
    func shareByRanksHalvesPast32Ranks(_ holders: Int, _ ranks: Int, _ share: Int) {
        let budget = SharedBudget(full: 512, fullShares: 128, least: 64)

        #expect(budget.share(among: holders, ranks: ranks) == share)
    }

    @Test func noHoldersGetTheFullShare() {
        #expect(SharedBudget(full: 512, fullShares: 32, least: 64).share(among: 0) == 512)
    }
}
