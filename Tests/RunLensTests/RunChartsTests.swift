import Foundation
import Testing

@testable import RunLens

struct RunChartsTests {
    static func charts(_ result: AnalysisResult, _ incidents: [Incident]) -> [String: ChartCheck] {
        var checks: [String: ChartCheck] = [:]
        for chart in RunCharts.charts(result: result, incidents: incidents) {
            checks[chart.name] = ChartCheck(chart.svg)
        }
        return checks
    }

    @Test func drawsOnlyTheChartsTheRunHasDataFor() {
        let names = RunCharts.charts(
            result: ReportFixture.training, incidents: ReportFixture.trainingIncidents
        ).map(\.name)
        #expect(names == ["loss.svg", "throughput.svg", "gpu-memory.svg"])
        let serving = RunCharts.charts(result: ReportFixture.serving, incidents: []).map(\.name)
        #expect(serving == ["latency.svg"])
    }

    @Test func theLossChartHasTrainingAndValidationOnALogScaleWithMarkers() throws {
        let checks = Self.charts(ReportFixture.training, ReportFixture.trainingIncidents)
        let loss = try #require(checks["loss.svg"])
        #expect(loss.paths() == ["loss rank 0", "loss rank 1", "val_loss"])
        #expect(loss.texts.contains("loss (log scale)"))
        #expect(loss.texts.contains("resume 260 → 240"))
        #expect(loss.texts.contains("loss_spike rank 0"))
        #expect(loss.texts.contains("critical incident"))
        // The spike's peak is marked with a dot in the critical colour.
        let dots = loss.parsed.all("circle").filter {
            $0.attributes["fill"] == ChartPalette.incident(.critical)
        }
        #expect(dots.count == 1)
    }

    @Test func theThroughputChartHasOneLinePerRankAndTheStraggler() throws {
        let checks = Self.charts(ReportFixture.training, ReportFixture.trainingIncidents)
        let throughput = try #require(checks["throughput.svg"])
        #expect(throughput.paths() == ["rank 0", "rank 1"])
        #expect(throughput.texts.contains("straggler rank 1"))
        #expect(throughput.texts.first { $0.hasPrefix("0") } == "0")
    }

    @Test func theMemoryChartDrawsTheFittedTrend() throws {
        let checks = Self.charts(ReportFixture.training, ReportFixture.trainingIncidents)
        let memory = try #require(checks["gpu-memory.svg"])
        #expect(memory.paths() == ["rank 0 gpu 0"])
        #expect(memory.paths("trend") == ["trend, rank 0 gpu 0"])
        #expect(memory.texts.contains("gpu_memory_allocated_gb (GB)"))
        let withoutTrend = Self.charts(ReportFixture.training, [])["gpu-memory.svg"]
        #expect(withoutTrend?.paths("trend") == [])
    }

    @Test func theLatencyChartHasPercentilesInMillisecondsAndTheTarget() throws {
        let checks = Self.charts(ReportFixture.serving, ReportFixture.servingIncidents)
        let latency = try #require(checks["latency.svg"])
        #expect(latency.paths() == ["p50", "p95", "p99"])
        #expect(latency.texts.contains("p95 target 2000 ms"))
        #expect(latency.texts.contains("slo_violation"))
        // Seconds × 1000: p50 0.4 s … p99 4 s span 400–4000 ms, linear (a ratio of 10),
        // so the y ticks are 0, 1000, …, 4000.
        for label in ["0", "1k", "2k", "3k", "4k"] { #expect(latency.texts.contains(label)) }
        #expect(latency.texts.contains("09:00") && latency.texts.contains("09:30"))
    }

    @Test func crowdedChartsKeepColourForTheRanksIncidentsName() throws {
        var result = ReportFixture.training
        result.series = (0..<10).map { rank in
            ReportFixture.series(
                "tokens_per_second", rank: rank, role: .throughput,
                windows: ReportFixture.stepWindows([40_000, 40_000, Double(30_000 + rank)]),
                whole: (150, 40_000, 30_000, 40_000, 30_000))
        }
        let incident = Incident(
            severity: .warning, detector: "throughput_drop", metric: "tokens_per_second",
            rank: 7, startStep: 100, endStep: 150, message: "rank 7 fell to 75%")
        let throughput = try #require(Self.charts(result, [incident])["throughput.svg"])
        #expect(throughput.paths() == ["rank 7"])
        #expect(throughput.paths("background").count == 9)
        #expect(throughput.texts.contains("9 other series"))
    }

    /// Real logs: a detectron2 run restarted four times, a Hugging Face trainer state with
    /// evaluations, an nvidia-smi memory log over an hour and a half.
    @Test func realLogsGiveWellFormedChartsWithTheirSeries() throws {
        let gdp = try Self.analyze("corpus/detectron2-metrics-jsonl/gdp_objdetect_metrics.json")
        let gdpLoss = try #require(Self.charts(gdp, [])["loss.svg"])
        #expect(gdpLoss.paths() == ["total_loss"])
        #expect(gdpLoss.texts.contains("restart 99, 139, 159, 299 → 19"))

        let whisper = try Self.analyze(
            "corpus/hf-trainer-state-json/whisper_large_v2_ja_trainer_state.json")
        let whisperLoss = try #require(Self.charts(whisper, [])["loss.svg"])
        #expect(whisperLoss.paths() == ["loss", "eval_loss"])
        #expect(whisperLoss.texts.contains("Training and validation loss"))

        let smi = try Self.analyze("corpus/nvidia-smi-csv/rckola_gpu_usage.csv")
        let memory = try #require(Self.charts(smi, [])["gpu-memory.svg"])
        #expect(memory.paths() == ["memory.used"])
        // The first record is at 1764189075 (20:31:15Z); its 5-minute window starts at 20:30.
        #expect(memory.texts.contains("time (UTC) from 2025-11-26 20:30"))
    }

    /// An earlier report's charts are removed by these names, and nothing else in `charts/`.
    @Test func everyChartARunCanDrawIsAmongTheNamesAReportRemoves() throws {
        let names =
            try ["cases/08-rotated-concatenated.jsonl.gz", "cases/02-resume-replayed-steps.jsonl"]
            .flatMap { try RunCharts.charts(result: Self.analyze($0), incidents: []).map(\.name) }
            + RunCharts.charts(result: ReportFixture.training, incidents: []).map(\.name)

        #expect(
            Set(names) == [
                "latency.svg", "ttft.svg", "loss.svg", "throughput.svg", "gpu-memory.svg",
            ])
        #expect(Set(names).isSubset(of: RunCharts.fileNames))
        #expect(
            RunCharts.fileNames.count == 6 && RunCharts.fileNames.contains("process-memory.svg"))
    }

    @Test func aRunWithoutChartableSeriesHasNoCharts() {
        var result = ReportFixture.training
        result.series = result.series.filter { $0.role == .learningRate }
        #expect(RunCharts.charts(result: result, incidents: []).isEmpty)
    }

    static func analyze(_ fixture: String) throws -> AnalysisResult {
        try Analyzer(options: AnalysisOptions(inputs: [BinaryRunner.fixture(fixture)])).run()
    }
}
