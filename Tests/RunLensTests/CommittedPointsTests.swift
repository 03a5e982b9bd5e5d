import Testing

@testable import RunLens

/// The points of an observer batch: appended in order, kept when the buffer grows, and
/// forgotten together.
struct CommittedPointsTests {
    static func committed(_ index: Int) -> CommittedPoint {
        CommittedPoint(
            series: index % 5,
            point: Point(step: Double(index), time: .nan, value: -Double(index), line: 1, file: 0))
    }

    @Test func pointsStayInOrderAcrossGrowth() {
        let points = CommittedPoints(capacity: 2)
        for index in 0..<37 { points.append(Self.committed(index)) }

        #expect(points.count == 37)
        #expect(points.map(\.point.step) == (0..<37).map(Double.init))
        #expect(points[36].series == 1)
        let values = points.withUnsafeBufferPointer { $0.map(\.point.value) }
        #expect(values == (0..<37).map { -Double($0) })
    }

    @Test func roomDoublesUpToABatchAndThenGrowsByAnEighth() {
        // From 4,096: 8,192 (doubled), then 9,216 and 10,368 (an eighth each), the points kept.
        let points = CommittedPoints(capacity: 4096)
        var rooms: [Int] = []
        for index in 0..<10_000 {
            points.append(Self.committed(index))
            if rooms.last != points.capacity { rooms.append(points.capacity) }
        }

        #expect(rooms == [4096, 8192, 9216, 10_368])
        #expect(points[9_999].point.step == 9_999)
        #expect(points[4_096].point.value == -4_096)
    }

    @Test func removingAllLeavesRoomForNewPoints() {
        let points = CommittedPoints(capacity: 4)
        for index in 0..<6 { points.append(Self.committed(index)) }

        points.removeAll()
        #expect(points.isEmpty)
        points.append(Self.committed(9))

        #expect(points.map(\.point.step) == [9])
    }
}
