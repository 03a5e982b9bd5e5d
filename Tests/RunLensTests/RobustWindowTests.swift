import Testing

@testable import RunLens

/// Window sums that leave out step buckets far outside the window's quartiles.
struct RobustWindowTests {
    static func history(_ values: [Double]) -> SumsHistory {
        var history = SumsHistory(capacity: 512)
        for (offset, value) in values.enumerated() {
            let step = Double(offset + 1)
            history.add(step: step, time: step, value: value)
        }
        return history
    }

    /// 20 points at 2 with 10 at step 7: the quartiles are both 2 and the reach is 10% of 2,
    /// so the 10 is left out and the mean of the other 19 is 2.
    @Test func spikePointIsLeftOut() {
        var values = Array(repeating: 2.0, count: 20)
        values[6] = 10
        var scratch: [Double] = []

        let window = Self.history(values).robustSums(after: 0, through: 20, scratch: &scratch)

        #expect(window.leftOut == 1)
        #expect(window.kept.count == 19)
        #expect(window.kept.mean == 2)
    }

    /// 2.0 and 2.2 in turn: the quartiles are 2.0 and 2.2, the reach 3 × 0.2, so nothing is
    /// left out (a median-absolute-deviation rule, 0 here, would cast out every 2.2).
    @Test func twoLevelsInTurnKeepEveryPoint() {
        let values = (1...20).map { $0 % 2 == 1 ? 2.0 : 2.2 }
        var scratch: [Double] = []

        let window = Self.history(values).robustSums(after: 0, through: 20, scratch: &scratch)

        #expect(window.leftOut == 0)
        #expect(window.kept.count == 20)
        #expect(abs(window.kept.mean - 2.1) < 1e-12)
    }

    /// Only steps in `(after, through]` count: steps 6–10 of a series equal to its step.
    @Test func onlyTheWindowsStepsCount() {
        var scratch: [Double] = []
        let history = Self.history((1...20).map(Double.init))

        let window = history.robustSums(after: 5, through: 10, scratch: &scratch)

        #expect(window.kept.count == 5)
        #expect(window.kept.mean == 8)
        #expect(window.leftOut == 0)
    }
}
