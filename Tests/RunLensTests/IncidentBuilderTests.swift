import Testing

@testable import RunLens

struct IncidentBuilderTests {
    static func incident(
        _ detector: String, _ start: Double, _ end: Double, _ severity: Severity = .warning,
        metric: String = "loss", rank: Int? = 0
    ) -> Incident {
        Incident(
            severity: severity, detector: detector, metric: metric, rank: rank, startStep: start,
            endStep: end, peak: 1, threshold: 0.5, message: "\(detector) \(start)")
    }

    static let builder = IncidentBuilder(rules: TrainingDetectors.rules())

    @Test func incidentsWithinTheCooldownBecomeOne() {
        let incidents = [
            Self.incident("loss_spike", 100, 101, .critical), Self.incident("loss_spike", 130, 140),
            Self.incident("loss_spike", 300, 301),
        ]

        let built = Self.builder.build(incidents)

        #expect(built.count == 2)
        #expect(built.first?.startStep == 100)
        #expect(built.first?.endStep == 140)
        #expect(built.first?.count == 2)
        #expect(built.first?.severity == .critical)
        #expect(built.last?.startStep == 300)
    }

    @Test func incidentsWithoutAPositionAreNeverMerged() {
        let unplaced = Incident(
            severity: .warning, detector: "slo_violation", metric: "latency_ms", message: "p95")
        var other = unplaced
        other.message = "p99"

        #expect(Self.builder.build([unplaced, other]).map(\.message) == ["p95", "p99"])
    }

    @Test func timedIncidentsMergeWithinTheCooldownInSeconds() {
        var rules = IncidentBuilder.Rules()
        rules.cooldowns = ["error_rate": 300]
        let first = Incident(
            severity: .critical, detector: "error_rate", startTime: 1000, endTime: 1200,
            message: "a")
        var second = first
        second.startTime = 1400
        second.endTime = 1500

        let built = IncidentBuilder(rules: rules).build([first, second])

        #expect(built.count == 1)
        #expect(built.first?.endTime == 1500)
    }

    @Test func anErrorBurstAbsorbsItsErrorSLOFindingsButNotLatency() {
        let builder = DetectorSuite().builder
        let burst = Incident(
            severity: .warning, detector: "error_rate", startTime: 1000, endTime: 1600,
            message: "burst")
        let timed = { (metric: String, severity: Severity, start: Double) in
            Incident(
                severity: severity, detector: "slo_violation", metric: metric,
                startTime: start, endTime: start + 300, message: metric)
        }
        let incidents = [
            burst, timed("error_rate", .critical, 1000), timed("availability", .warning, 1300),
            timed("latency_ms", .warning, 1000), timed("error_rate", .critical, 9000),
        ]

        let built = builder.build(incidents)

        #expect(built.map(\.message) == ["burst", "latency_ms", "error_rate"])
        #expect(built.first?.severity == .critical)
        #expect(
            built.first?.evidence == [
                "absorbed critical slo_violation error_rate, 1970-01-01T00:16:40Z–"
                    + "1970-01-01T00:21:40Z: error_rate",
                "absorbed warning slo_violation availability, 1970-01-01T00:21:40Z–"
                    + "1970-01-01T00:26:40Z: availability",
            ])
    }

    @Test func differentRanksOfARankSpecificDetectorAndDifferentMetricsAreNotMerged() {
        let incidents = [
            Self.incident("throughput_drop", 100, 101, metric: "tokens_per_second", rank: 0),
            Self.incident("throughput_drop", 100, 101, metric: "tokens_per_second", rank: 1),
            Self.incident("loss_spike", 100, 101, rank: 0),
            Self.incident("loss_spike", 105, 106, metric: "total_loss", rank: 1),
        ]
        #expect(Self.builder.build(incidents).count == 4)
    }

    @Test func divergenceAbsorbsTheRunUpAndWhatOverlapsItOnItsRank() {
        let incidents = [
            Self.incident("divergence", 41, 60, .critical, metric: "grad_norm"),
            Self.incident("grad_explosion", 39, 40, metric: "grad_norm"),
            Self.incident("loss_spike", 42, 43, .critical),
            Self.incident("loss_spike", 42, 43, .critical, rank: 1),
            Self.incident("loss_spike", 500, 501, .critical),
            Self.incident("throughput_drop", 45, 60, metric: "tokens_per_second"),
        ]

        let built = Self.builder.build(incidents)

        #expect(
            built.map(\.detector) == ["divergence", "loss_spike", "loss_spike", "throughput_drop"])
        #expect(built.map(\.rank) == [0, 1, 0, 0])
        #expect(built.first?.evidence.filter { $0.hasPrefix("absorbed") }.count == 2)
    }

    @Test func lossScaleCollapseAbsorbsThePlateauItCauses() {
        let incidents = [
            Self.incident("loss_scale_collapse", 61, 120, .critical, metric: "loss_scale"),
            Self.incident("loss_plateau", 70, 120),
        ]
        #expect(Self.builder.build(incidents).map(\.detector) == ["loss_scale_collapse"])
    }

    @Test(arguments: [(10, false), (11, true)])
    func moreThanTenDistinctAlertsRaiseAStorm(count: Int, storm: Bool) {
        var incidents = (0..<count).map {
            Self.incident("throughput_drop", 100, 200, metric: "metric\($0)", rank: 0)
        }
        incidents.append(Self.incident("divergence", 50, 50, .info, metric: "grad_norm"))

        let built = Self.builder.build(incidents)

        #expect(built.contains { $0.detector == "alert_storm" } == storm)
        if storm {
            #expect(built.last?.severity == .critical)
            #expect(built.last?.count == 11)
            #expect(built.last?.message.hasPrefix("11 distinct alerts at warning or above") == true)
        }
    }

    /// `alert_storm` in a config: three distinct alerts with an info among them count as
    /// four from `counts: info`, above a threshold of 3, and make an `error`; disabled, none.
    @Test(arguments: [(true, true), (false, false)])
    func theStormFollowsItsSettings(enabled: Bool, storm: Bool) throws {
        let config = try ConfigLoader.parse(
            """
            {"alert_storm": {"enabled": \(enabled), "threshold": 3, "counts": "info",
             "severity": "error"}}
            """, path: "runlens.json")
        let suite = DetectorSuite(config: config)
        var incidents = (0..<3).map {
            Self.incident("throughput_drop", 100, 200, metric: "metric\($0)", rank: 0)
        }
        incidents.append(Self.incident("divergence", 50, 50, .info, metric: "grad_norm"))

        let built = suite.builder.build(incidents)

        #expect(built.contains { $0.detector == "alert_storm" } == storm)
        if storm {
            #expect(built.last?.severity == .error)
            #expect(built.last?.message.hasPrefix("4 distinct alerts at info or above") == true)
        }
    }

    @Test func repeatsOfOneAlertAreNotAStorm() {
        let incidents = (0..<30).map {
            Self.incident("grad_explosion", Double($0 * 1000), Double($0 * 1000 + 1))
        }
        #expect(!Self.builder.build(incidents).contains { $0.detector == "alert_storm" })
    }

    @Test func oneFaultOnSixteenRanksAtOnceIsOneIncidentAndNoStorm() {
        let incidents = (0..<16).map {
            Self.incident("divergence", 998 - Double($0 % 2), 2000, .critical, rank: $0)
        }

        let built = Self.builder.build(incidents)

        #expect(built.count == 1)
        let folded = built.first
        #expect(folded?.ranks == Array(0..<16))
        #expect(folded?.rank == 1)
        #expect(folded?.message == "divergence 997.0")
        #expect(folded?.startStep == 997)
        #expect(folded?.endStep == 2000)
        #expect(folded?.count == 16)
        #expect(
            folded?.evidence.first
                == "on 16 ranks: 0–15; wording from rank 1, the first to show it")
    }

    /// Rank 2 and rank 1 start together at 100 (rank 1 wins the tie), rank 3 starts later
    /// and is critical, rank 5 ends last; rank 4 starts after all of them have ended.
    @Test func foldedFindingKeepsTheFirstWordingTheWorstSeverityAndTheWholeSpan() {
        var critical = Self.incident("loss_plateau", 150, 250, .critical, rank: 3)
        critical.peak = 9
        let incidents = [
            Self.incident("loss_plateau", 100, 200, rank: 2), critical,
            Self.incident("loss_plateau", 100, 180, rank: 1),
            Self.incident("loss_plateau", 240, 400, rank: 5),
            Self.incident("loss_plateau", 401, 500, rank: 4),
        ]

        let built = Self.builder.build(incidents)

        #expect(built.count == 2)
        #expect(built.first?.ranks == [1, 2, 3, 5])
        #expect(built.first?.rank == 1)
        #expect(built.first?.message == "loss_plateau 100.0")
        #expect(built.first?.severity == .critical)
        #expect(built.first?.peak == 9)
        #expect(built.first?.startStep == 100)
        #expect(built.first?.endStep == 400)
        #expect(built.first?.count == 4)
        #expect(built.last?.rank == 4)
        #expect(built.last?.ranks == nil)
    }

    @Test func onlyTheConfiguredDetectorsFold() {
        let spikes = (0..<4).map { Self.incident("loss_spike", 100, 101, rank: $0) }
        var rules = TrainingDetectors.rules()
        rules.foldAcrossRanks = []

        #expect(IncidentBuilder(rules: rules).build(spikes).count == 4)
        #expect(Self.builder.build(spikes).map(\.ranks) == [[0, 1, 2, 3]])
    }

    @Test func findingsOnOtherDevicesOrWithoutARankStayApart() {
        var onDevice = Self.incident("grad_explosion", 100, 110, metric: "grad_norm", rank: 1)
        onDevice.device = 3
        let incidents = [
            Self.incident("grad_explosion", 100, 110, metric: "grad_norm", rank: 0), onDevice,
            Self.incident("grad_explosion", 100, 110, metric: "grad_norm", rank: nil),
        ]

        #expect(Self.builder.build(incidents).count == 3)
    }

    @Test func elevenRanksFailingAtDifferentTimesAreAStorm() {
        let incidents = (0..<11).map {
            Self.incident("loss_spike", Double($0 * 1000), Double($0 * 1000 + 5), rank: $0)
        }

        let storm = Self.builder.build(incidents).first { $0.detector == "alert_storm" }

        #expect(storm?.count == 11)
        #expect(storm?.message.hasSuffix("11 × loss_spike") == true)
    }
}
