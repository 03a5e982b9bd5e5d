import Testing

@testable import RunLens

/// The fan-out hands an observer that keeps its state per series each series' points in
/// their own order, one series at a time, and the other observers every point in batch order.
struct ObserverFanOutTests {
    /// Wants the series whose index is in `wanted`; writes down every call it receives.
    final class RunLog: SeriesRunObserver {
        let wanted: Set<Int>
        /// Takes runs until this many series exist.
        var runsBelow = Int.max
        /// Declines to take in runs a stretch holding a point at this step or later.
        var declinesFrom = Double.infinity
        var created = 0
        var runs: [String] = []
        var points: [String] = []

        init(wanting wanted: Set<Int>) {
            self.wanted = wanted
        }

        var takesRuns: Bool { created < runsBelow }

        func seriesCreated(_ descriptor: SeriesDescriptor) {
            created += 1
        }

        func wantsPoints(ofSeries index: Int) -> Bool { wanted.contains(index) }

        func observe(series index: Int, point: Point) {
            points.append("\(index)@\(Int(point.step))")
        }

        func observe(series index: Int, run: SeriesRun) {
            var steps: [String] = []
            run.forEach { steps.append("\(Int($0.step))") }
            runs.append("\(index): \(steps.joined(separator: " "))")
        }

        func takesRuns(
            of points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
        ) -> Bool {
            !points.contains { $0.point.step >= declinesFrom }
        }

        func finish() {}
    }

    /// Writes down every point it receives.
    final class PointLog: BatchObserver {
        var points: [String] = []

        func seriesCreated(_ descriptor: SeriesDescriptor) {}

        func wantsPoints(ofSeries index: Int) -> Bool { index != 1 }

        func observe(series index: Int, point: Point) {
            points.append("\(index)@\(Int(point.step))")
        }

        func finish() {}
    }

    private static func created(_ index: Int) -> ObserverEvent {
        let info = FieldInfo(rawName: "metric_\(index)", matcher: RoleMatcher())
        let key = SeriesKey(field: Int32(index), rank: -1, device: -1)
        return .seriesCreated(SeriesDescriptor(key: key, info: info, axis: .step))
    }

    /// Series 0 and 1 from the start, series 2 created in the middle of the batch.
    private static func batch() -> ObserverBatch {
        var batch = ObserverBatch()
        batch.mark(created(0))
        batch.mark(created(1))
        for (series, step) in [(0, 1), (1, 1), (0, 2), (1, 2), (1, 3)] {
            let point = Point(step: Double(step), time: .nan, value: 1, line: 1, file: 0)
            batch.points.append(CommittedPoint(series: series, point: point))
        }
        batch.mark(created(2))
        for (series, step) in [(2, 4), (0, 4), (2, 5), (1, 5), (0, 5)] {
            let point = Point(step: Double(step), time: .nan, value: 1, line: 1, file: 0)
            batch.points.append(CommittedPoint(series: series, point: point))
        }
        return batch
    }

    @Test func anObserverOfSomeSeriesTakesEachSeriesAsOneRunPerStretch() {
        let fanOut = ObserverFanOut()
        let runs = RunLog(wanting: [0, 2])
        let points = PointLog()
        fanOut.add(runs)
        fanOut.add(points)
        fanOut.deliver(Self.batch())

        #expect(runs.runs == ["0: 1 2", "0: 4 5", "2: 4 5"])
        #expect(runs.points.isEmpty)
        #expect(points.points == ["0@1", "0@2", "2@4", "0@4", "2@5", "0@5"])
    }

    @Test func anObserverOfEverySeriesTakesPointsInBatchOrder() {
        let fanOut = ObserverFanOut()
        let runs = RunLog(wanting: [0, 1, 2])
        fanOut.add(runs)
        fanOut.deliver(Self.batch())

        #expect(runs.runs.isEmpty)
        #expect(
            runs.points == ["0@1", "1@1", "0@2", "1@2", "1@3", "2@4", "0@4", "2@5", "1@5", "0@5"])
    }

    // The second stretch of the batch (from step 4) not taken in runs: by an observer that
    // stops taking runs when series 2 is created, which takes its own series' points in batch
    // order from then, or by one that declines that stretch, which takes all of its points.
    @Test(
        arguments: [
            (3, Double.infinity, ["2@4", "0@4", "2@5", "0@5"]),
            (Int.max, 4, ["2@4", "0@4", "2@5", "1@5", "0@5"]),
        ] as [(Int, Double, [String])])
    func aStretchNotTakenInRunsComesInBatchOrder(
        runsBelow: Int, declinesFrom: Double, points: [String]
    ) {
        let fanOut = ObserverFanOut()
        let runs = RunLog(wanting: [0, 2])
        (runs.runsBelow, runs.declinesFrom) = (runsBelow, declinesFrom)
        fanOut.add(runs)
        fanOut.deliver(Self.batch())

        #expect(runs.runs == ["0: 1 2"])
        #expect(runs.points == points)
    }
}
