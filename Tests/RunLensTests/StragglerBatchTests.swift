import Testing

@testable import RunLens

/// The straggler detector's batches taken series by series, against the same points one at a
/// time and against sums worked out by hand.
struct StragglerBatchTests {
    /// A detector tracking `data_time` and `step_time` on `ranks` ranks (series `2r` and
    /// `2r + 1`), with an untracked `loss` series last.
    static func detector(ranks: Int) -> StragglerDetector {
        let detector = StragglerDetector()
        let matcher = RoleMatcher()
        var names: [(String, Int?)] = []
        for rank in 0..<ranks { names += [("data_time", rank), ("step_time", rank)] }
        names.append(("loss", nil))
        for (field, (name, rank)) in names.enumerated() {
            let key = SeriesKey(field: Int32(field), rank: Int32(rank ?? -1), device: -1)
            let info = FieldInfo(rawName: name, matcher: matcher)
            detector.seriesCreated(SeriesDescriptor(key: key, info: info, axis: .step))
        }
        return detector
    }

    static func point(_ series: Int, step: Double, value: Double) -> CommittedPoint {
        CommittedPoint(
            series: series,
            point: Point(
                step: step, time: step * 2, value: value, line: Int32(exactly: step) ?? 0, file: 0))
    }

    /// Feeds `points` in batches of `batch` (every position of each), or one by one when
    /// `nil`, and describes what the detector holds.
    static func feed(_ points: [CommittedPoint], batch: Int?, ranks: Int) -> String {
        let detector = detector(ranks: ranks)
        if let batch {
            points.withUnsafeBufferPointer { points in
                for start in stride(from: 0, to: points.count, by: batch) {
                    let end = min(start + batch, points.count)
                    let positions = Array(start..<end)
                    positions.withUnsafeBufferPointer { detector.observe(points, at: $0) }
                }
            }
        } else {
            for item in points { detector.observe(series: item.series, point: item.point) }
        }
        return "\(detector.origin) \(detector.width) \(detector.tracked)"
    }

    /// Interleaved as records give them, ranks logging in turn, with steps going back now
    /// and then, negative, NaN and infinite values, a NaN step, and an untracked series.
    static func mixedPoints(steps: Int, ranks: Int) -> [CommittedPoint] {
        var points: [CommittedPoint] = []
        for step in 1...steps {
            for rank in 0..<ranks {
                let back = step % 61 == 0 && rank == 1 ? 30.0 : 0
                let value = 0.01 * Double((step * 7 + rank * 13) % 17 + 1)
                let odd: Double? =
                    step % 37 == 0
                    ? -value : step % 41 == 0 ? .nan : step % 43 == 0 ? .infinity : nil
                points.append(point(2 * rank, step: Double(step) - back, value: odd ?? value))
                let stepValue = step % 53 == 0 && rank == 0 ? Double.nan : Double(step)
                points.append(point(2 * rank + 1, step: stepValue, value: 0.4 + value))
            }
            points.append(point(2 * ranks, step: Double(step), value: 2.5))
        }
        return points
    }

    // 3,000 steps on three ranks: the grid doubles (past 1,024 buckets, and sooner with fewer
    // left to each series) inside some batches of 500 points and between others; a batch of
    // 1 is the point-by-point path through the batch call.
    @Test(arguments: [1, 7, 500, 4_096])
    func batchesHoldWhatPointsOneByOneHold(_ batch: Int) {
        let points = Self.mixedPoints(steps: 3_000, ranks: 3)
        let single = Self.feed(points, batch: nil, ranks: 3)
        #expect(Self.feed(points, batch: batch, ranks: 3) == single)
    }

    // Two ranks, width 1, origin at step 10 (the first batch's first point): the second
    // batch lands in buckets 0 to 2 series by series. By hand: rank 0's data time has 1 + 3
    // in bucket 0 (steps 10 and 10.5), 2 in bucket 1 and nothing for the negative value; rank
    // 1's step time 5 in bucket 2, its first step 12.
    @Test func aSecondBatchAddsToHandComputedBuckets() throws {
        let first = [Self.point(0, step: 10, value: 1)]
        let second = [
            Self.point(3, step: 12, value: 5), Self.point(0, step: 11, value: 2),
            Self.point(0, step: 10.5, value: 3), Self.point(0, step: 11.5, value: -4),
        ]
        let detector = Self.detector(ranks: 2)
        for batch in [first, second] {
            batch.withUnsafeBufferPointer { points in
                Array(points.indices).withUnsafeBufferPointer { detector.observe(points, at: $0) }
            }
        }

        #expect(detector.origin == 10)
        #expect(detector.width == 1)
        let data = detector.tracked[0]
        #expect(data.buckets.firstIndex == 0)
        #expect(data.buckets.buckets.map(\.sum) == [4, 2])
        #expect(data.buckets.buckets.map(\.count) == [2, 1])
        #expect(data.count == 3)
        #expect(data.firstStep == 10)
        #expect(data.lastStep == 11)
        let step = try #require(detector.tracked[3].buckets.bucket(at: 2))
        #expect(step.sum == 5)
        #expect(step.firstStep == 12)
        #expect(step.firstTime == 24)
        #expect(step.firstLine == 12)
        #expect(detector.tracked[1].count == 0)
    }
}
