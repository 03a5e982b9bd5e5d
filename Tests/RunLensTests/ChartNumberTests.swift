import Testing

@testable import RunLens

struct ChartNumberTests {
    @Test(arguments: [
        (42_000.0, 10_000.0, "42k"), (2500, 500, "2500"), (0.25, 0.05, "0.25"),
        (1_500_000, 500_000, "1500k"), (-3, 1, "-3"), (1e-17, 0.1, "0"), (3e9, 1e9, "3G"),
    ])
    func tickLabelsFollowTheirSpacing(value: Double, step: Double, label: String) {
        #expect(ChartNumber.label(value, step: step) == label)
    }

    /// A throughput of ±1e308 once labelled its linear axis `-6e+295T … 6e+295T`.
    @Test(arguments: [
        (3e15, 1e15, "3000T"), (5e18, 1e18, "5e18"), (2e295, 2e295, "2e295"),
        (-6e295, 2e295, "-6e295"), (0, 2e295, "0"),
    ])
    func tickLabelsPastTheTSuffixAreScientific(value: Double, step: Double, label: String) {
        #expect(ChartNumber.label(value, step: step) == label)
    }

    @Test(arguments: [
        (0.0003, "3e-4"), (0.00025, "2.5e-4"), (0.002, "0.002"), (1000, "1k"), (5, "5"),
        (20, "20"), (1e72, "1e72"), (2.5e300, "2.5e300"), (1e-320, "1e-320"),
        (-3e-310, "-3e-310"),
    ])
    func logTickLabelsUseTheFewestDigits(value: Double, label: String) {
        #expect(ChartNumber.label(value) == label)
    }
}
