import Testing

@testable import RunLens

/// A run that failed in the earlier digest and passes now only because the detector that
/// failed it is turned off is not checked, not fixed.
struct DigestNotCheckedTests {
    static func run(
        _ name: String, _ status: DigestRun.Status, worst: [String: Severity] = [:],
        disabled: [String]? = nil
    ) -> DigestRun {
        var run = DigestRun(
            name: name, status: status, figures: RunFigures(name: RunName(name: name, given: false))
        )
        run.kinds = worst.mapValues { _ in 1 }
        run.worstByKind = worst
        run.disabled = disabled
        return run
    }

    /// `a` failed on `loss_spike` and passes with it turned off; `b` failed on `divergence`
    /// and passes with only `loss_spike` turned off, so `b` is fixed and `a` is not checked,
    /// and `a`'s critical → ok is no better.
    @Test func aDetectorTurnedOffIsNoFix() {
        let previous = [
            Self.run("a", .critical, worst: ["loss_spike": .critical]),
            Self.run("b", .critical, worst: ["divergence": .critical]),
        ]
        let now = [
            Self.run("a", .ok, disabled: ["loss_spike"]),
            Self.run("b", .ok, disabled: ["loss_spike"]),
        ]
        let comparison = DigestComparison(runs: now, previous: previous)

        #expect(comparison.fixed == ["b"])
        #expect(comparison.notChecked == [.init(name: "a", detectors: ["loss_spike"])])
        #expect(comparison.better == [.init(name: "b", changes: ["status critical → ok"])])
    }

    /// Only the kinds at `error` or above failed the run: turning off one that reached only
    /// `warning` leaves the fix a fix.
    @Test func aWarningKindTurnedOffLeavesTheFix() {
        let previous = [
            Self.run("a", .error, worst: ["overfitting": .warning, "loss_spike": .error])
        ]
        let now = [Self.run("a", .ok, disabled: ["overfitting"])]
        let comparison = DigestComparison(runs: now, previous: previous)

        #expect(comparison.fixed == ["a"])
        #expect(comparison.notChecked == nil)
        // `overfitting`, off now, may hide a warning: `error → ok` is not claimed.
        #expect(comparison.better.isEmpty)
    }

    /// A warning from a detector turned off now is no better run; a warning from one still on
    /// that is gone now is, whatever else is off.
    @Test func aWarningGoneWithItsDetectorIsNoBetter() {
        let previous = [
            Self.run("a", .warning, worst: ["overfitting": .warning]),
            Self.run("b", .warning, worst: ["overfitting": .warning]),
            Self.run("c", .critical, worst: ["divergence": .critical, "loss_spike": .warning]),
        ]
        let now = [
            Self.run("a", .ok, disabled: ["overfitting"]),
            Self.run("b", .ok, disabled: ["loss_spike"]),
            Self.run("c", .warning, worst: ["loss_spike": .warning], disabled: ["divergence"]),
        ]
        let comparison = DigestComparison(runs: now, previous: previous)

        #expect(comparison.better == [.init(name: "b", changes: ["status warning → ok"])])
        #expect(comparison.notChecked == [.init(name: "c", detectors: ["divergence"])])
        #expect(comparison.worse.isEmpty)
    }

    /// A run that got worse is worse whatever its settings turn off.
    @Test func aWorseStatusIsWorseWithADetectorOff() {
        let previous = [Self.run("a", .warning, worst: ["overfitting": .warning])]
        let now = [
            Self.run("a", .critical, worst: ["divergence": .critical], disabled: ["overfitting"])
        ]
        let comparison = DigestComparison(runs: now, previous: previous)

        #expect(comparison.worse == [.init(name: "a", changes: ["status warning → critical"])])
        #expect(comparison.better.isEmpty)
    }

    /// A run read back from `digest.csv` has no severity per kind: any of its kinds may have
    /// failed it, so turning off any of them leaves it not checked.
    @Test func aRunReadFromCSVCountsEveryKind() {
        var earlier = Self.run("a", .error)
        earlier.kinds = ["overfitting": 2, "loss_spike": 1]
        let now = [Self.run("a", .ok, disabled: ["divergence", "overfitting"])]
        let comparison = DigestComparison(runs: now, previous: [earlier])

        #expect(comparison.fixed.isEmpty)
        #expect(comparison.notChecked == [.init(name: "a", detectors: ["overfitting"])])
    }

    @Test func theDisabledColumnReadsBack() throws {
        var run = Self.run("a", .ok, disabled: ["divergence", "loss_spike"])
        run.sources = ["a/summary.json"]
        let text = DigestCSV.render([run])
        #expect(
            text.components(separatedBy: "\r\n")[1].hasSuffix(
                ",a/summary.json,,divergence;loss_spike"))
        let back = try #require(try DigestCSV.parse(text).first)
        #expect(back.disabled == ["divergence", "loss_spike"])
        let none = try #require(try DigestCSV.parse(DigestCSV.render([Self.run("b", .ok)])).first)
        #expect(none.disabled == nil)
    }

    @Test func theDigestSaysWhichRunsWereNotChecked() {
        let previous = [Self.run("a", .critical, worst: ["loss_spike": .critical])]
        let now = [Self.run("a", .ok, disabled: ["loss_spike"])]
        let digest = Digest(runs: now, previous: previous, previousPath: "last-week")
        let text = DigestMarkdown(digest: digest).render()

        #expect(text.contains("\n- Fixed: none.\n"))
        #expect(
            text.contains("\n- Not checked: `a` (failed before; `loss_spike` turned off now).\n"))
        #expect(text.contains("| ok (loss_spike off) |"))
        #expect(
            text.contains(
                "\n- Incident kinds hitting fewer runs: `loss_spike` 1 → 0 runs "
                    + "(turned off in 1).\n"))
    }
}
