import Foundation
import RunLens

/// Writes `summary.json` fixtures the way `analyze` does, from a generated run analyzed by
/// the real `Analyzer`, with incidents written by hand: what the detectors report for the
/// faults the generator injected (the detectors themselves are tested on their own branch).
enum SummaryFixture {
    /// Analyzes `run`'s logs in `folder/run.name` and writes `folder/<name>-report/summary.json`
    /// with `incidents`; returns the report folder.
    @discardableResult
    static func write(
        _ run: SyntheticRuns.Run, incidents: [Incident], under folder: URL,
        runName: String? = nil
    ) throws -> URL {
        let logs = try SyntheticRuns.write(run, under: folder.appendingPathComponent(".logs"))
        var options = AnalysisOptions(inputs: [logs.path])
        options.runName = runName
        let result = try Analyzer(options: options).run()
        let verdict = Verdict(incidents: incidents, failOn: .critical)
        let document = SummaryJSON.document(result, verdict: verdict, version: Version.current)
        let report = folder.appendingPathComponent("\(run.name)-report")
        try FileManager.default.createDirectory(at: report, withIntermediateDirectories: true)
        let text = try SummaryJSON.encode(document)
        try Data(text.utf8).write(to: report.appendingPathComponent("summary.json"))
        return report
    }

    /// A `gpu_overheat` incident on `rank`, as the fleet detector words it.
    static func overheat(rank: Int, steps: ClosedRange<Double> = 1...300) -> Incident {
        Incident(
            severity: .critical, detector: "gpu_overheat", metric: "gpu_temp", rank: rank,
            startStep: steps.lowerBound, endStep: steps.upperBound, peak: 91.9, threshold: 85,
            count: Int(steps.upperBound - steps.lowerBound) + 1,
            message: "gpu_temp on rank \(rank) above 85 °C for 9m 58s")
    }

    /// A `straggler` warning on `rank`.
    static func straggler(rank: Int) -> Incident {
        Incident(
            severity: .warning, detector: "straggler", metric: "step_time", rank: rank,
            startStep: 40, endStep: 120, peak: 1.4, threshold: 1.2, count: 8,
            message: "rank \(rank) 1.4× slower than the others in steps 40–120")
    }

    /// A `divergence` critical at `step` (NaN loss).
    static func divergence(step: Double) -> Incident {
        Incident(
            severity: .critical, detector: "divergence", metric: "loss", startStep: step,
            endStep: step, peak: .nan, count: 4, message: "loss is NaN at step \(Int(step))")
    }

    /// An `error_rate` critical: `rate` of the requests failed.
    static func errorRate(_ rate: Double) -> Incident {
        Incident(
            severity: .critical, detector: "error_rate", metric: "status", peak: rate,
            threshold: 0.01, count: 1, message: "\(rate * 100)% of requests failed (over 1%)")
    }

    /// A `loss_plateau` warning.
    static func plateau() -> Incident {
        Incident(
            severity: .warning, detector: "loss_plateau", metric: "loss", startStep: 200,
            endStep: 300, peak: 2.01, threshold: 1.1, count: 1,
            message: "loss did not decrease over the last 100 steps")
    }
}
