import Testing

@testable import RunLens

struct EMATests {
    // w = 0.6, values 1, 2, 3 (last starts at 0):
    //   1: last = 0 · 0.6 + 0.4 · 1 = 0.4;          debias 1 − 0.6   = 0.4   → 1.0
    //   2: last = 0.4 · 0.6 + 0.4 · 2 = 1.04;       debias 1 − 0.36  = 0.64  → 1.625
    //   3: last = 1.04 · 0.6 + 0.4 · 3 = 1.824;     debias 1 − 0.216 = 0.784 → 2.3265306122…
    static let oneTwoThree = [1.0, 1.625, 1.824 / 0.784]

    @Test func debiasedSequenceForOneTwoThree() throws {
        var ema = EMA()
        var smoothed: [Double] = []
        for value in [1.0, 2, 3] {
            ema.add(value)
            smoothed.append(try #require(ema.value))
        }

        #expect(ema.weight == 0.6)
        for (value, expected) in zip(smoothed, Self.oneTwoThree) {
            #expect(abs(value - expected) < 1e-12)
        }
    }

    @Test func nonFiniteValuesAreSkipped() throws {
        var ema = EMA()
        for value in [1.0, .nan, 2, .infinity, -.infinity, 3] { ema.add(value) }

        #expect(ema.count == 3)
        #expect(abs(try #require(ema.value) - Self.oneTwoThree[2]) < 1e-12)
    }

    @Test func noValueBeforeTheFirstFiniteOne() {
        var ema = EMA()
        ema.add(.nan)

        #expect(ema.value == nil)
    }

    @Test func weightZeroFollowsTheValues() {
        var ema = EMA(weight: 0)
        ema?.add(5)
        ema?.add(-2)

        #expect(ema?.value == -2)
    }

    @Test(arguments: [-0.1, 1.5, Double.nan])
    func weightOutsideUnitRangeIsRefused(_ weight: Double) {
        #expect(EMA(weight: weight) == nil)
    }

    @Test func constantSeriesStaysConstant() throws {
        var ema = EMA(weight: 0.9)
        for _ in 0..<20 { ema?.add(7) }

        #expect(abs(try #require(ema?.value) - 7) < 1e-12)
    }
}
