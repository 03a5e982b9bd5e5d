import Testing

@testable import RunLens

/// The straggler detector's batches taken series by series, against the same points one at a
/// time and against sums worked out by hand.
struct StragglerBatchTests {
    /// `data_time` and `step_time` on `ranks` ranks (series `2r` and `2r + 1`), and an
    /// untracked `loss` series last.
    static func descriptors(ranks: Int) -> [SeriesDescriptor] {
        let matcher = RoleMatcher()
        var names: [(String, Int?)] = []
        for rank in 0..<ranks { names += [("data_time", rank), ("step_time", rank)] }
        names.append(("loss", nil))
        return names.enumerated().map { field, name in
            let key = SeriesKey(field: Int32(field), rank: Int32(name.1 ?? -1), device: -1)
            let info = FieldInfo(rawName: name.0, matcher: matcher)
            return SeriesDescriptor(key: key, info: info, axis: .step)
        }
    }

    /// A detector that was told of `descriptors(ranks:)` through a fan-out, and the fan-out.
    static func fanOut(ranks: Int) -> (StragglerDetector, ObserverFanOut) {
        let detector = StragglerDetector()
        let fanOut = ObserverFanOut()
        fanOut.add(detector)
        var created = ObserverBatch()
        for descriptor in descriptors(ranks: ranks) { created.mark(.seriesCreated(descriptor)) }
        fanOut.deliver(created)
        return (detector, fanOut)
    }

    static func deliver(_ points: ArraySlice<CommittedPoint>, to fanOut: ObserverFanOut) {
        var batch = ObserverBatch()
        for item in points { batch.points.append(item) }
        fanOut.deliver(batch)
    }

    static func point(_ series: Int, step: Double, value: Double) -> CommittedPoint {
        CommittedPoint(
            series: series,
            point: Point(
                step: step, time: step * 2, value: value, line: Int32(exactly: step) ?? 0, file: 0))
    }

    /// Feeds `points` through a fan-out in batches of `batch`, or one by one to the detector
    /// when `nil`, and describes what the detector holds.
    static func feed(_ points: [CommittedPoint], batch: Int?, ranks: Int) -> String {
        let (detector, fanOut) = fanOut(ranks: ranks)
        if let batch {
            for start in stride(from: 0, to: points.count, by: batch) {
                deliver(points[start..<min(start + batch, points.count)], to: fanOut)
            }
        } else {
            for item in points { detector.observe(series: item.series, point: item.point) }
        }
        return describe(detector)
    }

    /// What `detector` holds, each series with the positions it reads (its owner's while it
    /// shares them), so that sharing or not describes alike.
    static func describe(_ detector: StragglerDetector) -> String {
        let series = detector.tracked.map { work in
            let owner = work.positionsOwner < 0 ? work : detector.tracked[work.positionsOwner]
            return "\(work.name) \(work.rank) \(work.count) \(work.firstStep) \(work.lastStep) "
                + "\(work.buckets.firstIndex) \(work.buckets.stats) \(owner.buckets.positions)"
        }
        return "\(detector.origin) \(detector.width) \(series)"
    }

    /// Interleaved as records give them, ranks logging in turn, with steps going back now
    /// and then, wild steps, negative, NaN and infinite values, a NaN step, and an untracked
    /// series.
    static func mixedPoints(steps: Int, ranks: Int) -> [CommittedPoint] {
        var points: [CommittedPoint] = []
        for step in 1...steps {
            for rank in 0..<ranks {
                // Wild steps: far ahead at step 300, far back at 400 and at 1,500; each
                // within the grid's width with the points beside it, but doubling it with
                // points that come later.
                let wild: [Int: Double] = [300: -700, 400: 431, 1_500: 1_800]
                let back = step % 61 == 0 && rank == 1 ? 30 : rank == 2 ? wild[step] ?? 0 : 0
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

    // 3,000 steps on three ranks: the grid doubles (past 1,024 buckets) inside some batches
    // of 500 points, which go point by point, and between others, which go series by series.
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
        let (detector, fanOut) = Self.fanOut(ranks: 2)
        Self.deliver(first[...], to: fanOut)
        Self.deliver(second[...], to: fanOut)

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
