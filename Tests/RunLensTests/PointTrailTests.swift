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

    @Test func keepsTheLastThreeWhereverTheRingStands() {
        for total in 1...10 {
            var trail = PointTrail()
            for step in 1...total { trail.append(point(Double(step))) }
            let expected = (max(1, total - 2)...total).map(Double.init)
            #expect(trail.points.map(\.step) == expected)
        }
    }

    @Test func startsAfreshAfterRemoveAllMidLap() {
        var trail = PointTrail()
        for step in 1...5 { trail.append(point(Double(step))) }
        trail.removeAll()
        for step in 7...8 { trail.append(point(Double(step))) }
        #expect(trail.points.map(\.step) == [7, 8])

        for step in 9...10 { trail.append(point(Double(step))) }
        #expect(trail.points.map(\.step) == [8, 9, 10])
    }
}
