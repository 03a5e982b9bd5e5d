import Testing

@testable import RunLens

/// The verdict cell and the rule in words name every limit a move is judged by.
struct BaselineWordsTests {
    static func row(
        _ quantity: BaselineQuantity, baseline: Double, value: Double, rule: BaselineRule
    ) -> BaselineRow {
        BaselineRow(
            quantity: quantity, metric: quantity.rawValue, baseline: baseline, value: value,
            higherIsWorse: true, rule: rule)
    }

    /// Error rate 0.02% → 0.05%: 150% worse, past the 50% limit, but by 0.03 point, under the
    /// 0.1-point floor: `ok`, and the cell names the floor that made it so.
    @Test func anOkUnderTheFloorNamesTheFloor() {
        let rule = BaselineRule(enabled: true, maxWorsePercent: 50, minWorseChange: 0.1)
        let row = Self.row(.errorRate, baseline: 0.02, value: 0.05, rule: rule)

        #expect(row.verdict == .worse)
        #expect(BaselineWords.verdict(row) == "ok (limit 50% and 0.1 point)")
    }

    /// Without a floor the cell is as before; a floor on a figure without a unit is a bare
    /// number (`0.05`, not `0.05 ` with a space before the bracket).
    @Test func theFloorIsWrittenInTheFiguresUnit() {
        let plain = BaselineRule(enabled: true, maxWorsePercent: 5)
        let loss = Self.row(.finalTrainLoss, baseline: 2.5, value: 2.6, rule: plain)
        #expect(BaselineWords.verdict(loss) == "ok (limit 5%)")

        let floored = BaselineRule(enabled: true, maxWorsePercent: 5, minWorseChange: 0.05)
        let small = Self.row(.finalTrainLoss, baseline: 1, value: 1.04, rule: floored)
        #expect(BaselineWords.verdict(small) == "ok (limit 5% and 0.05)")
        #expect(BaselineWords.rule(small) == "worse by more than 5% and 0.05")

        let latency = BaselineRule(enabled: true, maxWorsePercent: 20, minWorseChange: 50)
        let slow = Self.row(.latencyP99, baseline: 100, value: 140, rule: latency)
        #expect(BaselineWords.verdict(slow) == "ok (limit 20% and 50 ms)")
    }
}
