import Testing

@testable import RunLens

/// Whether two series' points that count (scaled value finite and not negative, step
/// finite) sit at the same places, one for one: the check before a series may go on sharing
/// its rank's positions. Lists of one length take a one-pass way while their pairs agree on
/// which points count; the answers here are worked out by pairing the counting points by hand.
struct StragglerSamePlacesTests {
    /// The points of a batch: series 0's at the even positions, series 1's at the odd ones.
    static func batch(_ pairs: [(first: Point, second: Point)]) -> [CommittedPoint] {
        pairs.flatMap {
            [
                CommittedPoint(series: 0, point: $0.first),
                CommittedPoint(series: 1, point: $0.second),
            ]
        }
    }

    static func point(_ step: Double, value: Double = 1, time: Double? = nil, line: Int32? = nil)
        -> Point
    {
        Point(
            step: step, time: time ?? step * 2, value: value, line: line ?? Int32(step), file: 0)
    }

    static func same(
        _ points: [CommittedPoint], first: [Int], second: [Int], secondScale: Double = 1
    ) -> Bool {
        points.withUnsafeBufferPointer { points in
            first.withUnsafeBufferPointer { first in
                second.withUnsafeBufferPointer { second in
                    StragglerDetector.samePlaces(
                        points, first, scale: 1, second, scale: secondScale)
                }
            }
        }
    }

    /// Same-length lists of series 0's and series 1's points in `points`.
    static func lists(_ count: Int) -> (first: [Int], second: [Int]) {
        ((0..<count).map { 2 * $0 }, (0..<count).map { 2 * $0 + 1 })
    }

    @Test func pointsFromTheSameRecordsAreTheSame() {
        let points = Self.batch((1...5).map { (Self.point(Double($0)), Self.point(Double($0))) })
        let (first, second) = Self.lists(5)

        #expect(Self.same(points, first: first, second: second))
    }

    @Test(arguments: [
        ("time", StragglerSamePlacesTests.point(3, time: 7)),
        ("line", StragglerSamePlacesTests.point(3, line: 9)),
        ("step", StragglerSamePlacesTests.point(4)),
    ])
    func aPlaceThatDiffersIsNotTheSame(_ what: String, _ moved: Point) {
        var pairs = (1...5).map { (Self.point(Double($0)), Self.point(Double($0))) }
        pairs[2].1 = moved
        let (first, second) = Self.lists(5)

        #expect(!Self.same(Self.batch(pairs), first: first, second: second), "\(what)")
    }

    @Test func pointsThatDoNotCountAreSkippedOnEitherSide() {
        // Series 1's step-2 point and the step-5 points of both do not count.
        let pairs = [
            (Self.point(1), Self.point(1)),
            (Self.point(2), Self.point(2, value: -0.5)),
            (Self.point(3), Self.point(3)),
            (Self.point(4), Self.point(4)),
            (Self.point(5, value: .nan), Self.point(5, value: -1)),
        ]
        let points = Self.batch(pairs)
        // Counting: series 0 at steps 1, 2, 3, 4, series 1 at 1, 3, 4; the second pair differs.
        let (first, second) = Self.lists(5)
        #expect(!Self.same(points, first: first, second: second))

        // Without series 0's step 2 they match: steps 1, 3, 4 on both sides.
        #expect(Self.same(points, first: [0, 4, 6, 8], second: second))
    }

    /// Series 0 skips its second point (a NaN); series 1 has step `secondStep` at its second
    /// and a negative value at its third. Counting: steps 1, 3 against 1, `secondStep`.
    @Test(arguments: [(2.0, false), (3.0, true)])
    func pointsThatCountOnOneSideOnlyShiftThePairing(_ secondStep: Double, _ same: Bool) {
        let pairs = [
            (Self.point(1), Self.point(1)),
            (Self.point(2, value: .nan), Self.point(secondStep)),
            (Self.point(3), Self.point(4, value: -1)),
        ]
        let (first, second) = Self.lists(3)

        #expect(Self.same(Self.batch(pairs), first: first, second: second) == same)
    }

    @Test func aDifferenceBeforeTheShiftIsNotTheSame() {
        // The first pair differs in time; a later pair disagrees on which point counts.
        let pairs = [
            (Self.point(1), Self.point(1, time: 5)),
            (Self.point(2, value: .nan), Self.point(2)),
        ]
        let (first, second) = Self.lists(2)

        #expect(!Self.same(Self.batch(pairs), first: first, second: second))
    }

    @Test func pointsThatCountOnNeitherSideNeedNotMatch() {
        let pairs = [
            (Self.point(1), Self.point(1)),
            (Self.point(.nan, line: 2), Self.point(7, value: .infinity)),
            (Self.point(3), Self.point(3)),
        ]
        let (first, second) = Self.lists(3)

        #expect(Self.same(Self.batch(pairs), first: first, second: second))
    }

    @Test func theScaleDecidesWhichCount() {
        // Scaled by −1, every value of series 1 is negative: nothing of it counts.
        let points = Self.batch((1...3).map { (Self.point(Double($0)), Self.point(Double($0))) })
        let (first, second) = Self.lists(3)

        #expect(!Self.same(points, first: first, second: second, secondScale: -1))
        #expect(Self.same(points, first: [], second: second, secondScale: -1))
    }
}
