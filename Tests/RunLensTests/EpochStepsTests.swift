import Testing

@testable import RunLens

/// Global steps from an `iter` that restarts each epoch, worked out by hand.
struct EpochStepsTests {
    private static func steps(_ records: [(epoch: Double, iter: Double)]) -> [Double] {
        var epochs = EpochSteps()
        return records.map { epochs.globalStep(iter: $0.iter, epoch: $0.epoch) }
    }

    @Test func eachEpochStartsAtTheHighestIterOfTheOneBefore() {
        // Epoch 1 logs iters 50 and 100, so epoch 2 starts at 100.
        let steps = Self.steps([(1, 50), (1, 100), (2, 50), (2, 100), (3, 50)])

        #expect(steps == [50, 100, 150, 200, 250])
    }

    @Test func anIterThatRunsOnAcrossEpochsIsTheStep() {
        #expect(Self.steps([(1, 50), (1, 100), (2, 150), (2, 200)]) == [50, 100, 150, 200])
    }

    /// Back to epoch 2 from epoch 3: epoch 2 starts at 100 again, and epoch 3 after it at
    /// 100 plus the replay's highest iter, 60.
    @Test func anEpochThatGoesBackStartsWhereItFirstStarted() {
        let first: [(epoch: Double, iter: Double)] = [
            (1, 50), (1, 100), (2, 50), (2, 100), (3, 50),
        ]
        let steps = Self.steps(first + [(2, 30), (2, 60), (3, 30)])

        #expect(steps == [50, 100, 150, 200, 250, 130, 160, 190])
    }

    @Test func aLaterFileGoesOnFromTheLaterHalfOfTheEpochsOrTheNextOne() {
        var epochs = EpochSteps()
        #expect(!epochs.isContinued(by: 1))
        for epoch in 1...4 { _ = epochs.globalStep(iter: 10, epoch: Double(epoch)) }

        // Epochs 1 to 4: past 2.5 and at most 5.
        #expect(
            [1, 2, 3, 4, 5, 6].map { epochs.isContinued(by: $0) } == [
                false, false, true, true, true, false,
            ])
    }

    /// An epoch that is a fraction changes with every record; only the latest 4,096 are
    /// kept (the oldest half goes when full), so one older than them reads as the latest.
    @Test func onlyTheLatestEpochsAreRemembered() {
        var epochs = EpochSteps()
        for index in 0..<5000 { _ = epochs.globalStep(iter: 10, epoch: Double(index) / 100) }
        // 5,000 epochs: the first 2,048 went when the table filled. The iter never restarts,
        // so every offset is 0.
        #expect(epochs.firstEpoch == 20.48)
        #expect(epochs.globalStep(iter: 5, epoch: 30) == 5)
        #expect(epochs.lastEpoch == 30)
        #expect(epochs.globalStep(iter: 5, epoch: 1) == 5)
        #expect(epochs.lastEpoch == 30)
    }
}
