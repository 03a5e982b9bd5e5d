import Testing

@testable import RunLens

struct BinomialTailTests {
    // Expected values: exact sums with Python's fractions.Fraction and math.comb.
    @Test(arguments: [
        (2, 1500, 0.001, 0.44225831181826514),
        (10, 1500, 0.001, 4.0095706176239365e-06),
        (2, 30, 0.001, 0.00042696164793270104),
        (3, 30, 0.01, 0.0033177093188826385),
        (1, 1, 0.5, 0.5),
        (60, 600, 0.05, 4.1593809974578534e-07),
        (45, 600, 0.05, 0.0051070471481677255),
    ])
    func matchesExactTail(k: Int, n: Int, p: Double, expected: Double) {
        let tail = BinomialTail.atLeast(k, of: n, probability: p)
        #expect(abs(tail - expected) <= expected * 1e-9)
    }

    @Test func atOrBelowTheMeanIsNeverSignificant() {
        #expect(BinomialTail.atLeast(3, of: 10, probability: 0.5) == 1)
        #expect(BinomialTail.atLeast(0, of: 10, probability: 0.1) == 1)
    }

    @Test func moreThanAllIsImpossible() {
        #expect(BinomialTail.atLeast(11, of: 10, probability: 0.5) == 0)
    }

    @Test func largeCountsStayFinite() {
        let tail = BinomialTail.atLeast(5200, of: 100_000, probability: 0.05)
        #expect(tail > 0 && tail < 0.01)
    }
}
