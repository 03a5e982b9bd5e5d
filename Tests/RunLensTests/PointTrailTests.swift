import Testing

@testable import RunLens

struct PointTrailTests {
    private func point(_ step: Double) -> Point {
        Point(step: step, time: .nan, value: step * 10, line: Int32(step), file: 0)
    }

    @Test func keepsTheLastThreePointsOldestFirst() {
        var trail = PointTrail()
        #expect(trail.points.isEmpty)

        trail.append(point(1))
        #expect(trail.points.map(\.step) == [1])
        trail.append(point(2))
        #expect(trail.points.map(\.step) == [1, 2])
        for step in 3...5 { trail.append(point(Double(step))) }
        #expect(trail.points.map(\.step) == [3, 4, 5])
        #expect(trail.points.map(\.value) == [30, 40, 50])
    }

    @Test func forgetsEverythingOnRemoveAll() {
        var trail = PointTrail()
        for step in 1...4 { trail.append(point(Double(step))) }
        trail.removeAll()
        #expect(trail.points.isEmpty)

        trail.append(point(9))
        #expect(trail.points.map(\.step) == [9])
    }
}
