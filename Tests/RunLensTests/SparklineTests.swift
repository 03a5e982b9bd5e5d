import Testing

@testable import RunLens

struct SparklineTests {
    @Test func eightRisingValuesUseEveryLevel() {
        #expect(Sparkline.render([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
    }

    @Test func aConstantSeriesSitsAtMidHeight() {
        #expect(Sparkline.render([5, 5, 5]) == "▄▄▄")
        // Means of a constant 0.1 summed in different orders differ in their last bit.
        #expect(Sparkline.render([0.1, 0.1 + 1.4e-17, 0.1, 0.1 + 1.4e-17]) == "▄▄▄▄")
    }

    @Test func missingAndNonFiniteValuesAreGaps() {
        #expect(Sparkline.render([1, nil, 3, .nan]) == "▁·█·")
        #expect(Sparkline.render([nil, .infinity]) == "")
    }

    /// Found by the random-log property test: the span from -1.7e308 to 1.7e308 overflows
    /// to infinity and the level of the top value was NaN, which trapped when made an Int.
    @Test func valuesNearTheLargestDoubleAreDrawn() {
        #expect(Sparkline.render([-1.7e308, 1.7e308, 0]) == "▁▄▁")
    }

    @Test func longSeriesAreAveragedIntoTheWidth() {
        // Forty values 0…39 become twenty pair means 0.5, 2.5, …, 38.5; pair i has level
        // ⌊8·i/19⌋ (the last clamped to 7).
        let line = Sparkline.render((0..<40).map(Double.init), width: 20)
        #expect(line == "▁▁▁▂▂▃▃▃▄▄▅▅▆▆▆▇▇███")
    }
}
