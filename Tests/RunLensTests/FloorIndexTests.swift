import Testing

@testable import RunLens

struct FloorIndexTests {
    @Test(arguments: [
        (2.5, 2), (2.0, 2), (0.999, 0), (0.0, 0), (-0.0, 0), (-1e-300, -1), (-2.0, -2),
        (-2.5, -3), (1e15 - 0.5, 999_999_999_999_999), (-(1e15 - 0.5), -1_000_000_000_000_000),
    ])
    func roundsTowardMinusInfinity(value: Double, expected: Int) {
        #expect(value.floorIndex == expected)
    }
}
