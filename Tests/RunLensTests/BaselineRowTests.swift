import Testing

@testable import RunLens

struct BaselineRowTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var baseline: Double
        var value: Double
        var higherIsWorse = true
        var rule: BaselineRule? = BaselineRule(enabled: true, maxWorsePercent: 5)
        var verdict: BaselineVerdict
        var changePercent: Double?
        var limit: Double?
        var description: String { name }
    }

    static let cases: [Case] = [
        // 2.2 vs 2: +10% of 2, limit 2 + 5% = 2.1.
        Case(
            name: "loss 10% higher", baseline: 2, value: 2.2, verdict: .regression,
            changePercent: 10, limit: 2.1),
        Case(
            name: "loss 4% higher", baseline: 2.5, value: 2.6, verdict: .worse, changePercent: 4,
            limit: 2.625),
        Case(
            name: "loss lower", baseline: 2, value: 1.5, verdict: .better, changePercent: -25,
            limit: 2.1),
        Case(
            name: "rule off", baseline: 2, value: 4,
            rule: BaselineRule(enabled: false, maxWorsePercent: 5), verdict: .worse,
            changePercent: 100),
        Case(
            name: "throughput 15% lower", baseline: 1000, value: 850, higherIsWorse: false,
            rule: BaselineRule(enabled: true, maxWorsePercent: 10), verdict: .regression,
            changePercent: -15, limit: 900),
        Case(
            name: "throughput higher", baseline: 1000, value: 1200, higherIsWorse: false,
            rule: BaselineRule(enabled: true, maxWorsePercent: 10), verdict: .better,
            changePercent: 20, limit: 900),
        // 0.04% worse rounds to 0.0%.
        Case(
            name: "a hair worse", baseline: 10_000, value: 10_004, verdict: .unchanged,
            changePercent: 0.04, limit: 10_500),
        // Error rate in %: 0.1 → 0.2 is +100% but only 0.1 point; the rule needs more.
        Case(
            name: "errors doubled from little", baseline: 0.1, value: 0.2,
            rule: BaselineRule(enabled: true, maxWorsePercent: 50, minWorseChange: 0.1),
            verdict: .worse, changePercent: 100, limit: 0.2),
        Case(
            name: "errors from none", baseline: 0, value: 0.5,
            rule: BaselineRule(enabled: true, maxWorsePercent: 50, minWorseChange: 0.1),
            verdict: .regression, changePercent: nil, limit: 0.1),
        Case(
            name: "both zero", baseline: 0, value: 0,
            rule: BaselineRule(enabled: true, maxWorsePercent: 50, minWorseChange: 0.1),
            verdict: .unchanged, changePercent: 0, limit: 0.1),
        Case(
            name: "NaN loss", baseline: 2, value: .nan, verdict: .notComparable, changePercent: nil,
            limit: 2.1),
        Case(
            name: "no rule", baseline: 2, value: 3, rule: nil, verdict: .worse, changePercent: 50),
    ]

    @Test(arguments: cases)
    func judgesTheChangeAgainstTheRule(_ item: Case) throws {
        let row = BaselineRow(
            quantity: .finalTrainLoss, metric: "m", baseline: item.baseline, value: item.value,
            higherIsWorse: item.higherIsWorse, rule: item.rule)

        #expect(row.verdict == item.verdict)
        if let expected = item.changePercent {
            let change = try #require(row.changePercent)
            #expect(abs(change - expected) < 1e-9)
        } else {
            #expect(row.changePercent == nil)
        }
        if let expected = item.limit {
            let limit = try #require(row.limit)
            #expect(abs(limit - expected) < 1e-9)
        } else {
            #expect(row.limit == nil)
        }
        #expect((row.severity != nil) == (item.verdict == .regression))
    }
}
