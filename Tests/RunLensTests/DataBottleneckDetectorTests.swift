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
}
