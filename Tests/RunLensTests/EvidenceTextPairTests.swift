import Testing

@testable import RunLens

/// Two means read side by side are written in one format (the plateau's `mean A … against B`).
struct EvidenceTextPairTests {
    @Test(arguments: [
        // A whole mean beside a fraction: both with short's three decimals for values 1-100.
        (2.0, 2.0004, "2.000", "2.000"),
        (2.0, 2.5, "2.000", "2.500"),
        // Digits follow the larger value: 150.25 takes one decimal, and so does 2.
        (2.0, 150.25, "2.0", "150.3"),
        (0.5, 0.25, "0.5000", "0.2500"),
        // Whole numbers both, and values short writes otherwise, stay as short writes them.
        (2.0, 3.0, "2", "3"),
        (0.0001, 2.5, "1.000e-4", "2.500"),
        (Double.nan, 2.0, "NaN", "2"),
    ])
    func bothValuesTakeOneFormat(first: Double, second: Double, left: String, right: String) {
        let (a, b) = EvidenceText.pair(first, second)
        #expect(a == left)
        #expect(b == right)
    }
}
