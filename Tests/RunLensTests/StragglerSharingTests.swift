import Testing

@testable import RunLens

/// A rank's later tracked series take its first one's bucket positions while their points
/// come at the same places, and get a copy of their own before the first batch where they
/// do not; the buckets and incidents are those of series that never shared.
struct StragglerSharingTests {
    typealias Batches = StragglerBatchTests

    /// Data and step time of `ranks` ranks read from the same records, steps 1 to `steps`,
    /// rank 2 slow in data time from step 600 to 899.
    static func records(steps: Int, ranks: Int, nanDataAt: Set<Int> = []) -> [CommittedPoint] {
        var points: [CommittedPoint] = []
        for step in 1...steps {
            for rank in 0..<ranks {
                let slow = rank == 2 && (600..<900).contains(step)
                let data = nanDataAt.contains(step) && rank == 1 ? Double.nan : slow ? 0.3 : 0.1
                points.append(Batches.point(2 * rank, step: Double(step), value: data))
                points.append(Batches.point(2 * rank + 1, step: Double(step), value: 1.0))
            }
        }
        return points
    }

    static func feed(_ points: [CommittedPoint], batch: Int?, ranks: Int) -> StragglerDetector {
        let (detector, fanOut) = Batches.fanOut(ranks: ranks)
        if let batch {
            for start in stride(from: 0, to: points.count, by: batch) {
                Batches.deliver(points[start..<min(start + batch, points.count)], to: fanOut)
            }
        } else {
            for item in points { detector.observe(series: item.series, point: item.point) }
        }
        return detector
    }

    @Test func stepTimeSharesTheDataTimesPositionsOfItsRank() throws {
        // Two ranks, steps 10 to 13, one batch each: step time keeps sums, data time both.
        let (detector, fanOut) = Batches.fanOut(ranks: 2)
        let points = (10...13).flatMap { step in
            (0..<4).map { Batches.point($0, step: Double(step), value: Double($0 + 1)) }
        }
        Batches.deliver(points[0..<8], to: fanOut)
        Batches.deliver(points[8...], to: fanOut)

        #expect(detector.tracked.map(\.positionsOwner) == [-1, 0, -1, 2])
        #expect(detector.sharing == 2)
        let step = detector.tracked[3].buckets
        #expect(step.sharesPositions && step.positions.isEmpty)
        #expect(step.stats.map(\.sum) == [4, 4, 4, 4])
        // Grid from step 10, width 1: steps 11 and 12 are buckets 1 and 2; their first step
        // and time (step × 2) come from rank 1's data time.
        let merged = step.merged(1..<3, positionsOf: detector.tracked[2].buckets)
        #expect(merged.sum == 8)
        #expect(merged.count == 2)
        #expect(merged.firstStep == 11)
        #expect(merged.firstTime == 22)
        #expect(merged.lastStep == 12)
        #expect(merged.firstLine == 11)
    }

    @Test func aSeriesWhosePointsDifferGetsItsOwnPositionsFirst() {
        // Rank 1's data time is NaN at step 7 (in the second batch of 8 records): from then
        // on its step time, which counts step 7, keeps positions of its own.
        let points = Self.records(steps: 12, ranks: 2, nanDataAt: [7])
        let (detector, fanOut) = Batches.fanOut(ranks: 2)
        Batches.deliver(points[0..<16], to: fanOut)
        #expect(detector.tracked.map(\.positionsOwner) == [-1, 0, -1, 2])
        Batches.deliver(points[16...], to: fanOut)

        #expect(detector.tracked.map(\.positionsOwner) == [-1, 0, -1, -1])
        #expect(detector.tracked[3].buckets.positions.map(\.firstStep) == (1...12).map(Double.init))
        #expect(
            detector.tracked[2].buckets.positions.map(\.firstStep) == [
                1, 2, 3, 4, 5, 6, .infinity, 8, 9, 10, 11, 12,
            ])
    }

    @Test(arguments: [64, 500, 4_096])
    func sharedPositionsHoldWhatOwnOnesHold(_ batch: Int) {
        for nan in [Set<Int>(), [700], [3, 1_000]] {
            let points = Self.records(steps: 1_200, ranks: 4, nanDataAt: nan)
            let single = Self.feed(points, batch: nil, ranks: 4)
            let batched = Self.feed(points, batch: batch, ranks: 4)

            #expect(single.sharing == 0)
            #expect(Batches.describe(batched) == Batches.describe(single))
            let context = DetectionContext(series: [], overview: RunOverview(), files: ["log"])
            let incidents = batched.incidents(in: context)
            #expect(incidents == single.incidents(in: context))
            #expect(incidents.map(\.rank) == [2])
        }
    }
}
