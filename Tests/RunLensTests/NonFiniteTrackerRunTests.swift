import Testing

@testable import RunLens

/// A run of points taken at once by ``NonFiniteTracker`` finds the same stretches, with the
/// same finite points before each, as the points taken one by one.
struct NonFiniteTrackerRunTests {
    /// The points of one series, all in one batch, and a run over them.
    static func withRun<Result>(_ points: [Point], _ body: (SeriesRun) -> Result) -> Result {
        let committed = points.map { CommittedPoint(series: 0, point: $0) }
        let positions = Array(committed.indices)
        return committed.withUnsafeBufferPointer { batch in
            positions.withUnsafeBufferPointer { positions in
                body(SeriesRun(points: batch, positions: positions))
            }
        }
    }

    static func point(_ step: Double, _ value: Double, line: Int32) -> Point {
        Point(step: step, time: step, value: value, line: line, file: 0)
    }

    /// A point's fields as bits, so that NaN fields compare equal.
    static func bits(_ point: Point) -> [UInt64] {
        [
            point.step.bitPattern, point.time.bitPattern, point.value.bitPattern,
            UInt64(bitPattern: Int64(point.line)), UInt64(bitPattern: Int64(point.file)),
        ]
    }

    /// Everything an episode holds, as text.
    static func describe(_ tracker: NonFiniteTracker) -> [String] {
        tracker.episodes.map { episode in
            let before = episode.before.map { "\(bits($0))" }.joined(separator: ",")
            return "\(bits(episode.first)) \(bits(episode.last)) \(episode.firstPosition) "
                + "\(episode.lastPosition) \(episode.count) \(episode.longestRun) [\(before)]"
        }
    }

    /// Four finite values, then two NaN: one stretch of two, whose points before it are the
    /// last three finite ones (lines 2, 3 and 4), taken from a run as from single points.
    @Test func trailHoldsTheLastThreeFiniteValues() {
        let points = [
            Self.point(1, 1, line: 1), Self.point(2, 2, line: 2), Self.point(3, 3, line: 3),
            Self.point(4, 4, line: 4), Self.point(5, .nan, line: 5), Self.point(6, .nan, line: 6),
        ]
        var tracker = NonFiniteTracker(gap: 0)
        Self.withRun(points) { tracker.observe($0, on: .step) }

        #expect(tracker.episodes.count == 1)
        #expect(tracker.episodes.first?.count == 2)
        #expect(tracker.episodes.first?.longestRun == 2)
        #expect(tracker.episodes.first?.before.map(\.line) == [2, 3, 4])
    }

    /// Values finite, NaN and infinite of both signs, some at a NaN step (skipped), cut into
    /// runs of 1 to 8 points and whole: the same episodes as point by point.
    @Test func runsMatchPointByPoint() {
        var points: [Point] = []
        let pattern: [Double] = [
            1, 2, .nan, 3, .infinity, .infinity, 4, 5, 6, 7, -.infinity, 8, .nan, .nan, .nan, 9,
            10, .nan, 11, 12,
        ]
        for (offset, value) in (pattern + pattern.reversed() + pattern).enumerated() {
            let step = offset % 7 == 5 ? Double.nan : Double(offset)
            points.append(Self.point(step, value, line: Int32(offset)))
        }

        var single = NonFiniteTracker(gap: 2)
        for point in points where point.step.isFinite {
            single.observe(point, position: point.step)
        }
        for size in [1, 2, 3, 4, 5, 8, points.count] {
            var runs = NonFiniteTracker(gap: 2)
            for start in stride(from: 0, to: points.count, by: size) {
                let chunk = Array(points[start..<min(points.count, start + size)])
                Self.withRun(chunk) { runs.observe($0, on: .step) }
            }
            #expect(Self.describe(runs) == Self.describe(single), "runs of \(size)")
        }
        #expect(single.episodes.count > 3)
    }
}
