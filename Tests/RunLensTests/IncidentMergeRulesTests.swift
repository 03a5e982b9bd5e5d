import Testing

@testable import RunLens

/// What a merged or folded incident says: one rule's findings only, the peak with the
/// threshold it was held against, and a message that reaches the end of the span.
struct IncidentMergeRulesTests {
    static let builder = IncidentBuilder(rules: TrainingDetectors.rules())

    /// A `throughput_drop` on rank 0 from `start` to `end` (cooldown 100 steps).
    static func drop(
        _ start: Double, _ end: Double, peak: Double, threshold: Double, rule: String,
        message: String
    ) -> Incident {
        var incident = Incident(
            severity: .warning, detector: "throughput_drop", metric: "tokens_per_second",
            rank: 0, startStep: start, endStep: end, peak: peak, threshold: threshold,
            message: message)
        incident.rule = rule
        return incident
    }

    @Test func findingsOfTwoRulesOnOneSeriesAreNeverMerged() {
        let own = Self.drop(648, 2000, peak: 14432.9, threshold: 22747, rule: "own", message: "a")
        let share = Self.drop(645, 2000, peak: 0.52, threshold: 0.8, rule: "share", message: "b")

        let built = Self.builder.build([own, share])

        #expect(built.map(\.message) == ["a", "b"])
        #expect(built.map(\.peak) == [14432.9, 0.52])
        #expect(built.map(\.threshold) == [22747, 0.8])
    }

    /// 0.7 below 0.8 makes lower worse: the second finding's 0.5 is the peak, with its own
    /// threshold 0.75.
    @Test func twoFindingsKeepTheWorsePeakWithItsThresholdAndBothMessages() {
        let first = Self.drop(100, 120, peak: 0.7, threshold: 0.8, rule: "r", message: "a")
        let second = Self.drop(150, 170, peak: 0.5, threshold: 0.75, rule: "r", message: "b")

        let built = Self.builder.build([first, second])

        #expect(built.count == 1)
        #expect(built.first?.startStep == 100)
        #expect(built.first?.endStep == 170)
        #expect(built.first?.peak == 0.5)
        #expect(built.first?.threshold == 0.75)
        #expect(built.first?.message == "a; again within the cooldown: b")
    }

    /// Three findings within the cooldown: how many more, where the whole ends, and the
    /// worst when a later one holds it (else the last).
    @Test(arguments: [
        ([0.7, 0.5, 0.6], 0.5, "a; 2 more within the cooldown, through step 260; the worst: b"),
        ([0.4, 0.5, 0.6], 0.4, "a; 2 more within the cooldown, through step 260; the last: c"),
    ])
    func manyFindingsSayHowManyWhereTheyEndAndTheWorst(
        peaks: [Double], peak: Double, message: String
    ) {
        let spans: [(Double, Double, String)] = [(100, 120, "a"), (150, 170, "b"), (250, 260, "c")]
        let drops = zip(spans, peaks).map { span, value in
            Self.drop(span.0, span.1, peak: value, threshold: 0.8, rule: "r", message: span.2)
        }

        let built = Self.builder.build(drops)

        #expect(built.count == 1)
        #expect(built.first?.endStep == 260)
        #expect(built.first?.count == 3)
        #expect(built.first?.peak == peak)
        #expect(built.first?.message == message)
    }

    /// Rank 1's spike is higher: the folded incident's peak 5 goes with rank 1's threshold.
    @Test func aFoldedFindingKeepsThePeakWithItsThreshold() {
        let spikes = [(0, 3.0, 2.0), (1, 5.0, 2.5)].map { rank, peak, threshold in
            Incident(
                severity: .warning, detector: "loss_spike", metric: "loss", rank: rank,
                startStep: 100, endStep: 101, peak: peak, threshold: threshold, message: "spike")
        }

        let built = Self.builder.build(spikes)

        #expect(built.count == 1)
        #expect(built.first?.ranks == [0, 1])
        #expect(built.first?.peak == 5)
        #expect(built.first?.threshold == 2.5)
    }
}
