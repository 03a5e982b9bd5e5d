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

    /// A mantissa that rounds up to 10 carries into the exponent: never `10.000e-321`.
    @Test(arguments: [
        (-1e-320, "-1.000e-320"), (9.99999e-5, "1.000e-4"), (9.9994e-5, "9.999e-5"),
        (2.5e9, "2.500e9"), (1.2346e-7, "1.235e-7"),
    ])
    func shortScientificHasOneDigitBeforeThePoint(value: Double, text: String) {
        #expect(NumberFormat.short(value) == text)
    }
}
