import Testing

@testable import RunLens

struct StretchDetectorTests {
    /// Samples of `name` every `every` seconds on device 0.
    static func run(
        _ name: String, _ values: [Double], every: Double = 15, timed: Bool = true,
        settings: FleetSettings = FleetSettings()
    ) -> [Incident] {
        let feed = FleetFeed(FleetDetectors.make(settings))
        for (index, value) in values.enumerated() {
            let time = timed ? 1_700_000_000 + Double(index) * every : .nan
            feed.add(name, device: 0, step: Double(index * 10), time: time, value: value)
        }
        return feed.incidents()
    }

    @Test func oneHotSampleIsNoIncident() {
        let values = Array(repeating: 70.0, count: 100) + [95] + Array(repeating: 70.0, count: 100)

        #expect(Self.run("gpu_temp", values).isEmpty)
    }

    @Test func aHotStretchLongerThanAMinuteIsCritical() throws {
        // 8 samples 15 s apart above 85 °C: 105 s from the first to the last.
        let values =
            Array(repeating: 70.0, count: 20) + [86, 88, 91, 90, 89, 87, 86, 86]
            + Array(repeating: 70.0, count: 20)
        let incidents = Self.run("gpu_temp", values)

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "gpu_overheat")
        #expect(incident.severity == .critical)
        #expect(incident.device == 0)
        #expect(incident.peak == 91)
        #expect(incident.count == 8)
        #expect(incident.startStep == 200)
        #expect(incident.endStep == 270)
        #expect(incident.threshold == 85)
        #expect(incident.message.contains("above 85 °C for 1m 45s (8 samples"))
        #expect(incident.message.contains("highest 91 °C"))
    }

    @Test func aHotStretchShorterThanAMinuteIsNoIncident() {
        // 4 samples: 45 s.
        let values =
            Array(repeating: 70.0, count: 20) + [86, 88, 91, 90]
            + Array(repeating: 70.0, count: 20)

        #expect(Self.run("gpu_temp", values).isEmpty)
    }

    @Test func aStretchNeverSpansAJumpBackInTime() {
        // Two logs of one device in one folder: 40 idle samples a day later, then 40 idle
        // samples of the earlier day, 15 s apart: two stretches of 9m 45s, none negative.
        let feed = FleetFeed(FleetDetectors.make(FleetSettings()))
        for (index, day) in [1, 0].enumerated() {
            for sample in 0..<40 {
                let time = 1_700_000_000 + Double(day * 86_400 + sample * 15)
                let step = Double(index * 40 + sample)
                feed.add("gpu_util", device: 0, step: step, time: time, value: 10)
            }
        }

        let incidents = feed.incidents()

        #expect(incidents.count == 2)
        #expect(incidents.allSatisfy { $0.message.contains("below 50% for 9m 45s (40 samples") })
        #expect(incidents.allSatisfy { ($0.endTime ?? 0) - ($0.startTime ?? 0) == 585 })
    }

    @Test func oneSafeSampleDoesNotSplitAStretch() throws {
        let low = Array(repeating: 10.0, count: 30)
        let incidents = Self.run("gpu_util", Array(repeating: 90.0, count: 5) + low + [60] + low)

        #expect(incidents.count == 1)
        let incident = try #require(incidents.first)
        #expect(incident.detector == "gpu_underutilized")
        #expect(incident.count == 60)
        #expect(incident.severity == .warning)
    }

    @Test(arguments: [(gap: 10, incidents: 1), (gap: 40, incidents: 2)])
    func stretchesWithinTheCooldownJoin(_ gap: Int, _ expected: Int) {
        // Stretches of 25 samples (6 minutes) apart by `gap` samples of 15 s; the
        // cooldown is 5 minutes (20 samples).
        let low = Array(repeating: 5.0, count: 25)
        let values = low + Array(repeating: 95.0, count: gap) + low

        #expect(Self.run("gpu_util", values).count == expected)
    }

    @Test func lowUtilisationForFourMinutesIsNoWarning() {
        let values =
            Array(repeating: 90.0, count: 10) + Array(repeating: 20.0, count: 17)
            + Array(repeating: 90.0, count: 10)

        #expect(Self.run("gpu_util", values).isEmpty)
    }

    @Test func aLogShorterThanTheMinimumButLowThroughoutIsInfo() throws {
        let incidents = Self.run("gpu_util", [4.07, 5.6, 7.13, 4.47], every: 30)

        let incident = try #require(incidents.first)
        #expect(incidents.count == 1)
        #expect(incident.severity == .info)
        #expect(incident.message.contains("stayed below 50% (lowest 4.1%) for the whole log"))
    }

    @Test(arguments: [
        ("memory_percent", 95.0, Severity.critical),
        ("disk_percent", 90.0, Severity.warning),
        ("cpu_percent", 97.0, Severity.warning),
    ])
    func hostPressureHasItsSeverity(_ name: String, _ value: Double, _ severity: Severity) throws {
        let values = Array(repeating: 50.0, count: 5) + Array(repeating: value, count: 30)
        let incidents = Self.run(name, values)

        let incident = try #require(incidents.first)
        #expect(incidents.count == 1)
        #expect(incident.detector == "resource_pressure")
        #expect(incident.metric == name)
        #expect(incident.severity == severity)
    }

    @Test(arguments: [("memory_percent", 89.0), ("disk_percent", 84.0), ("cpu_percent", 94.0)])
    func hostUseUnderItsLimitIsNoIncident(_ name: String, _ value: Double) {
        #expect(Self.run(name, Array(repeating: value, count: 60)).isEmpty)
    }

    @Test func withoutTimestampsAStretchMustSpanEnoughSteps() {
        // Samples 10 steps apart: 8 samples span 70 steps, 12 span 110 (minimum 100).
        let short =
            Array(repeating: 90.0, count: 10) + Array(repeating: 20.0, count: 8)
            + Array(repeating: 90.0, count: 10)
        let long =
            Array(repeating: 90.0, count: 10) + Array(repeating: 20.0, count: 12)
            + Array(repeating: 90.0, count: 10)

        #expect(Self.run("gpu_util", short, timed: false).isEmpty)
        #expect(Self.run("gpu_util", long, timed: false).count == 1)
    }

    @Test func nonFiniteSamplesNeitherBreakNorExtend() {
        let values =
            Array(repeating: 70.0, count: 10) + [.nan, .infinity, 95, .nan]
            + Array(repeating: 70.0, count: 10)

        #expect(Self.run("gpu_temp", values).isEmpty)
    }

    @Test func disabledDetectorsAreNotMade() {
        var settings = FleetSettings()
        settings.gpuOverheatEnabled = false
        let ids = FleetDetectors.make(settings).flatMap(\.ids)

        #expect(!ids.contains("gpu_overheat"))
        #expect(ids.contains("gpu_underutilized"))
    }
}
