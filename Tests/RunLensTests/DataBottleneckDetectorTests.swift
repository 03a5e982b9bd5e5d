import Testing

@testable import RunLens

struct DataBottleneckDetectorTests {
    typealias Series = DetectorHarness.Series

    @Test func dataTimeDominatingStepTimeIsOneWarning() {
        let data = [0.004] + Array(repeating: 2.03, count: 74)
        let time = [0.777] + Array(repeating: 2.23, count: 74)
        let series = [
            Series("data_time", from: 0, stride: 10, data),
            Series("time", from: 0, stride: 10, time),
        ]

        let incidents = DetectorHarness.run(DataBottleneckDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.severity == .warning)
        #expect(incidents.first?.startStep == 30)
        #expect(incidents.first?.endStep == 740)
        #expect(incidents.first?.message.contains("step time minus data time") == true)
    }

    @Test func slowDataBelowForwardPlusBackwardIsNoBottleneck() {
        let series = [
            Series("data_time", rank: 2, Array(repeating: 0.2, count: 50)),
            Series("forward_time", rank: 2, Array(repeating: 0.1, count: 50)),
            Series("backward_time", rank: 2, Array(repeating: 0.29, count: 50)),
            Series("step_time", rank: 2, Array(repeating: 0.61, count: 50)),
        ]
        #expect(DetectorHarness.run(DataBottleneckDetector(), series).isEmpty)
    }

    @Test func stallAboveForwardPlusBackwardIsNamedForItsRank() {
        let data = (1...600).map { $0 >= 200 && $0 < 300 ? 0.45 : 0.02 }
        let series = [
            Series("data_time", rank: 3, data),
            Series("forward_time", rank: 3, Array(repeating: 0.12, count: 600)),
            Series("backward_time", rank: 3, Array(repeating: 0.24, count: 600)),
            Series("optimizer_time", rank: 3, Array(repeating: 0.03, count: 600)),
            Series("data_time", rank: 0, Array(repeating: 0.02, count: 600)),
            Series("forward_time", rank: 0, Array(repeating: 0.12, count: 600)),
            Series("backward_time", rank: 0, Array(repeating: 0.24, count: 600)),
        ]

        let incidents = DetectorHarness.run(DataBottleneckDetector(), series)

        #expect(incidents.count == 1)
        #expect(incidents.first?.rank == 3)
        #expect(incidents.first?.startStep == 200)
        #expect(incidents.first?.endStep == 299)
        #expect(incidents.first?.message.contains("forward_time + backward_time") == true)
    }

    @Test func singleStallsAfterValidationAreNotSustained() {
        var data = Array(repeating: 0.01, count: 31)
        data[11] = 3.0
        data[21] = 2.7
        let time = data.map { $0 + 0.33 }
        let series = [
            Series("data_time", from: 1, stride: 50, data),
            Series("time", from: 1, stride: 50, time),
        ]
        #expect(DetectorHarness.run(DataBottleneckDetector(), series).isEmpty)
    }

    /// A stall of 0.45 s against 0.36 s of compute (steps 100–199 of 300, one point a
    /// bucket) with `dips` steps at 0.30 s, below compute.
    static func stall(dips: [Int]) -> [Series] {
        let data = (1...300).map { step in
            step >= 100 && step < 200 ? (dips.contains(step) ? 0.30 : 0.45) : 0.02
        }
        return [
            Series("data_time", rank: 1, data),
            Series("forward_time", rank: 1, Array(repeating: 0.12, count: 300)),
            Series("backward_time", rank: 1, Array(repeating: 0.24, count: 300)),
        ]
    }

    @Test func isolatedNoisyPointsDoNotSplitAStall() {
        let incidents = DetectorHarness.run(
            DataBottleneckDetector(), Self.stall(dips: [102, 132]))

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 100)
        #expect(incidents.first?.endStep == 199)
        #expect(incidents.first?.count == 98)
        #expect(
            incidents.first?.evidence.contains { $0.hasPrefix("98 points, and 2 below") } == true)
    }

    /// Two points in a row below compute end a stall: steps 100–104 are too few, the
    /// stretch from 107 counts.
    @Test func twoNoisyPointsInARowEndAStall() {
        let incidents = DetectorHarness.run(
            DataBottleneckDetector(), Self.stall(dips: [105, 106]))

        #expect(incidents.count == 1)
        #expect(incidents.first?.startStep == 107)
        #expect(incidents.first?.endStep == 199)
    }

    /// Data time alternating 0.40 s and 0.10 s against 0.36 s of compute: 50 points above
    /// it with never two in a row below, but a mean of 0.25 s, under compute.
    @Test func alternatingDataTimeBelowComputeOnAverageIsNoBottleneck() {
        let data = (1...100).map { $0 % 2 == 0 ? 0.40 : 0.10 }
        let series = [
            Series("data_time", data),
            Series("forward_time", Array(repeating: 0.12, count: 100)),
            Series("backward_time", Array(repeating: 0.24, count: 100)),
        ]
        #expect(DetectorHarness.run(DataBottleneckDetector(), series).isEmpty)
    }
}
