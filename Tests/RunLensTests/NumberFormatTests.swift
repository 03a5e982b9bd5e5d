import Testing

@testable import RunLens

struct NumberFormatTests {
    /// Found by the random-log property test once charts were drawn: a value near 1e300 on
    /// an axis made `fixed` convert it to Int64, which traps.
    @Test(arguments: [
        (123.456, 2, "123.46"), (-0.5, 0, "-1"), (2.5, 1, "2.5"),
        (9.2e18, 0, "9200000000000000000"), (9.3e18, 0, "9.3e+18"),
        (1e300, 1, "1e+300"), (-1.7976931348623157e308, 3, "-1.7976931348623157e+308"),
        (9e17, 1, "900000000000000000.0"),
    ])
    func fixedWritesAnyFiniteValue(value: Double, decimals: Int, text: String) {
        #expect(NumberFormat.fixed(value, decimals: decimals) == text)
    }
}
