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

    @Test func reservedRoomTakesPointsWrittenInPlace() {
        let points = CommittedPoints(capacity: 2)
        points.append(Self.committed(0))

        // 1 held and 5 to come: 2 doubles to 4, then to 8.
        var next = points.reserve(5)
        #expect(points.capacity == 8)
        for index in 1...3 {
            next.initialize(to: Self.committed(index))
            next += 1
        }
        points.appended(upTo: next)
        points.append(Self.committed(4))

        #expect(points.map(\.point.step) == [0, 1, 2, 3, 4])
        #expect(points.map(\.series) == [0, 1, 2, 3, 4])
    }

    @Test func reservingPastABatchGrowsByEighths() {
        let points = CommittedPoints(capacity: 8192)
        for index in 0..<8190 { points.append(Self.committed(index)) }

        // 8,190 held and 1,100 to come: 8,192 grows by an eighth to 9,216, then to 10,368.
        var next = points.reserve(1100)
        next.initialize(to: Self.committed(8190))
        next += 1
        points.appended(upTo: next)

        #expect(points.capacity == 10_368)
        #expect(points.count == 8191)
        #expect(points[8189].point.step == 8189)
        #expect(points[8190].point.step == 8190)
    }
}
