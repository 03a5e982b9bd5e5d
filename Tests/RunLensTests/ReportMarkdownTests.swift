import Foundation
import Testing

@testable import RunLens

struct ReportMarkdownTests {
    static func trainingReport() -> String {
        let result = ReportFixture.training
        let incidents = ReportFixture.trainingIncidents
        let verdict = Verdict(incidents: incidents, failOn: .error)
        let charts = RunCharts.charts(result: result, incidents: verdict.ranked)
        return ReportMarkdown(result: result, verdict: verdict, charts: charts).render()
    }

    @Test func matchesTheGoldenFileForAFixedRun() throws {
        #expect(try Golden.mismatch(Self.trainingReport(), "report-training.md") == nil)
    }

    @Test func matchesTheGoldenFileForARealCaseWithFixedIncidents() throws {
        let name = "cases/02-resume-replayed-steps.jsonl"
        let path = BinaryRunner.fixture(name)
        let result = try Analyzer(options: AnalysisOptions(inputs: [path])).run()
        let incidents = [
            Incident(
                severity: .warning, detector: "loss_plateau", metric: "loss", startStep: 250,
                endStep: 300, peak: 1.6, threshold: 1.5, count: 3,
                message: "loss stopped falling after step 250")
        ]
        let verdict = Verdict(incidents: incidents, failOn: .critical)
        let charts = RunCharts.charts(result: result, incidents: verdict.ranked)
        let report = ReportMarkdown(result: result, verdict: verdict, charts: charts).render()
        let root = String(path.dropLast(name.count))
        let portable = report.replacingOccurrences(of: root, with: "fixtures/")
        #expect(try Golden.mismatch(portable, "report-case02.md") == nil)
    }

    @Test func opensWithTheVerdictAndTheThreeWorstIncidents() throws {
        let report = Self.trainingReport()
        let lines = report.components(separatedBy: "\n")
        #expect(lines[0] == "# runlens report")
        #expect(lines[2].hasPrefix("**FAIL** — 1 critical, 1 error, 1 warning, 1 info"))
        #expect(lines[4].hasPrefix("- **critical** [`loss_spike`](#loss_spike) (loss, rank 0"))
        #expect(lines[5].hasPrefix("- **error** [`custom_check`](#custom_check)"))
        #expect(lines[6].hasPrefix("- **warning** [`straggler`](#straggler)"))
        #expect(lines[7] == "")
    }

    @Test func sectionsFollowTheReadingOrder() throws {
        let report = Self.trainingReport()
        let headings = report.components(separatedBy: "\n").filter { $0.hasPrefix("#") }
        #expect(
            headings == [
                "# runlens report", "## Incidents", "### loss_spike", "### custom_check",
                "### straggler", "### memory_growth", "## Timeline", "## Charts",
                "## Run overview", "### Resumes", "## Metrics", "## Inputs and line accounting",
                "### First malformed lines",
            ])
    }

    @Test func theTimelineRunsInStepOrder() throws {
        let report = Self.trainingReport()
        let start = try #require(report.range(of: "## Timeline"))
        let end = try #require(report.range(of: "## Charts"))
        let rows = report[start.upperBound..<end.lowerBound].components(separatedBy: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| step") && !$0.contains("---") }
        // Steps: start 0, memory growth 0, straggler 100, checkpoint 119, spike 140,
        // resume 240, OOM 260; the custom check has only a time; the end is last.
        let kinds = rows.map { row -> String in
            for word in [
                "run starts", "memory_growth", "straggler", "checkpoint saved", "loss_spike",
                "resumed", "CUDA out of memory", "custom_check", "run ends",
            ] where row.contains(word) {
                return word
            }
            return row
        }
        #expect(
            kinds == [
                "run starts", "memory_growth", "straggler", "checkpoint saved", "loss_spike",
                "resumed", "CUDA out of memory", "custom_check", "run ends",
            ])
        #expect(rows.contains { $0.contains("CUDA out of memory \\| restarting") })
    }

    @Test func aResumeSaysWhatNonFiniteValuesItReplaced() throws {
        var result = ReportFixture.training
        let replaced = [
            ("loss", 51, 900.0), ("grad_norm", 1, 901), ("lr", 2, 905), ("mfu", 3, 950),
        ]
        result.overview.resumes[0].replacedNonFinite = replaced.map {
            ReplacedNonFinite(metric: $0.0, count: $0.1, firstStep: $0.2)
        }

        let text = ReportMarkdown(
            result: result, verdict: Verdict(incidents: [], failOn: .critical)
        ).render()

        #expect(
            text.contains(
                "after a 1m 35s gap; the replaced pass had non-finite `loss` from step 900 (51 "
                    + "values), `grad_norm` from step 901 (1 value), `lr` from step 905 (2 values) "
                    + "and 1 more metric (`logs/rank0.jsonl:262`)"))
    }

    @Test func aRunWithNothingToTellHasNoEmptySections() throws {
        var result = ReportFixture.training
        result.overview.resumes = []
        result.overview.events = []
        result.series = Array(result.series.suffix(1))
        result.inputs[0].malformedSamples = []
        let report = ReportMarkdown(
            result: result, verdict: Verdict(incidents: [], failOn: .critical)
        ).render()
        for heading in ["## Incidents", "## Timeline", "## Charts", "### Resumes", "### First"] {
            #expect(!report.contains(heading), "\(heading)")
        }
        #expect(report.contains("**PASS** — no incidents (fails at critical and above)"))
    }

    @Test func extraSectionsGoBeforeTheMetrics() throws {
        let report = ReportMarkdown(
            result: ReportFixture.serving, verdict: Verdict(incidents: [], failOn: .critical),
            extraSections: ["## Serving\n\n1200 requests\n"]
        ).render()
        let serving = try #require(report.range(of: "## Serving"))
        let metrics = try #require(report.range(of: "## Metrics"))
        #expect(serving.lowerBound < metrics.lowerBound)
    }

    @Test(arguments: [
        ("loss_spike", "loss_spike"), ("Run overview", "run-overview"),
        ("Inputs and line accounting", "inputs-and-line-accounting"), ("a.b/c", "abc"),
    ])
    func anchorsFollowGitHubHeadingIds(heading: String, anchor: String) {
        #expect(ReportMarkdown.anchor(heading) == anchor)
    }
}
