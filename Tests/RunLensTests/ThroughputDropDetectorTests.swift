import Foundation
import Testing

@testable import RunLens

struct ThroughputDropDetectorTests {
    typealias Series = DetectorHarness.Series

    /// Tokens per second around 16,000 with ±2% noise, times `factor(step)`.
    static func throughput(
        rank: Int, steps: Int = 600, seed: UInt64 = 1, factor: (Int) -> Double = { _ in 1 }
    ) -> Series {
        var random = SeededRandom(seed: seed &+ UInt64(rank))
        let values = (1...steps).map { step in 16000 * factor(step) * (1 + 0.02 * random.normal()) }
        return Series("tokens_per_second", rank: rank, values)
    }

    static func descriptor(rank: Int32) -> SeriesDescriptor {
        SeriesDescriptor(
            key: SeriesKey(field: 0, rank: rank, device: -1),
            info: FieldInfo(rawName: "tokens_per_second", matcher: RoleMatcher()), axis: .step)
    }

    // One throughput series a rank, 512 buckets each: by number, 128 series keep 512; by
    // rank, past 32 ranks the share halves as the ranks double: 33 to 64 ranks 256, 65 to
    // 128 ranks 128. The histories made first are lowered with the later ones.
    @Test(arguments: [(32, 512), (33, 256), (64, 256), (65, 128), (128, 128)])
    func historiesShareByRankPastThirtyTwo(_ ranks: Int, _ capacity: Int) {
        let detector = ThroughputDropDetector()
        (0..<ranks).forEach { detector.seriesCreated(Self.descriptor(rank: Int32($0))) }

        let capacities = (0..<ranks).map { detector.trackers[$0]?.buckets.capacity }
        #expect(capacities == Array(repeating: capacity, count: ranks))
    }

    // Two throughput series a rank (tokens and MFU) at 16 ranks: 32 series, 16 ranks, so
    // neither rule lowers the 512.
    @Test func twoSeriesARankAtSixteenRanksKeepTheFullShare() {
        let detector = ThroughputDropDetector()
        for rank in 0..<16 {
            detector.seriesCreated(Self.descriptor(rank: Int32(rank)))
            detector.seriesCreated(
                SeriesDescriptor(
                    key: SeriesKey(field: 1, rank: Int32(rank), device: -1),
                    info: FieldInfo(rawName: "mfu", matcher: RoleMatcher()), axis: .step))
        }

        let capacities = Set((0..<32).map { detector.trackers[$0]?.buckets.capacity })
        #expect(capacities == [512])
    }

    @Test func dropOnEveryRankIsOneClusterIncident() {
        let series = (0..<4).map { rank in
            Self.throughput(rank: rank) { $0 >= 300 ? 0.6 : 1 }
        }

        let incidents = DetectorHarness.run(ThroughputDropDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.rank == nil)
        #expect(incidents.first?.severity == .warning)
        let start = incidents.first?.startStep ?? 0
        #expect(start >= 300 && start <= 305)
        #expect(incidents.first?.endStep == 600)
        #expect(incidents.first?.message.contains("all 4 ranks") == true)
    }

    @Test func oneSlowRankIsNamedByItsOwnLevelAndAgainstTheCluster() {
        let series = (0..<4).map { rank in
            Self.throughput(rank: rank) { rank == 1 && $0 >= 300 ? 0.5 : 1 }
        }

        let incidents = DetectorHarness.run(ThroughputDropDetector(), series)

        #expect(incidents.count == 2)
        #expect(incidents.allSatisfy { $0.rank == 1 })
        #expect(incidents.contains { $0.message.contains("of the cluster average") })
        #expect(incidents.allSatisfy { ($0.startStep ?? 0) >= 290 && ($0.startStep ?? 0) <= 320 })
    }

    @Test func shortRunsAndSteadyRunsHaveNoDrop() {
        let short = (0..<4).map { rank in
            Self.throughput(rank: rank, steps: 50) { $0 > 10 ? 0.69 : 1 }
        }
        let steady = (0..<4).map { rank in Self.throughput(rank: rank, steps: 3000, seed: 9) }

        #expect(DetectorHarness.run(ThroughputDropDetector(), short).isEmpty)
        #expect(DetectorHarness.run(ThroughputDropDetector(), steady).isEmpty)
    }

    @Test func slowStepsAfterARestartAreWarmUp() {
        let before: [(Double, Double)] = (1...400).map { (Double($0), 16000) }
        let after: [(Double, Double)] = (301...600).map { step in
            (Double(step), step < 304 ? 4000 : 16000)
        }
        let series = [Series("tokens_per_second", rank: 0, before + after)]

        #expect(DetectorHarness.run(ThroughputDropDetector(), series).isEmpty)
    }

    @Test func mfuIsWatchedToo() {
        let values = (1...400).map { $0 >= 200 ? 0.2 : 0.45 }
        let incidents = DetectorHarness.run(ThroughputDropDetector(), [Series("mfu", values)])

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 200)
    }
}
