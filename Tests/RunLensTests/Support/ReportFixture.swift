@testable import RunLens

/// Hand-built analysis results and incidents for the report writers' tests: every value
/// below is written here, not computed by the code under test.
enum ReportFixture {
    /// 2024-05-14T09:00:00Z.
    static let nine = 1_715_677_200.0

    /// A window of `count` values with the given mean (and percentiles when given).
    static func window(
        _ start: Double, _ end: Double, mean: Double?, count: Int = 50, nonfinite: Int = 0,
        p50: Double? = nil, p95: Double? = nil, p99: Double? = nil
    ) -> WindowRow {
        var stats = StatRow()
        stats.count = mean == nil ? 0 : count
        stats.nonfinite = nonfinite
        stats.mean = mean
        stats.p50 = p50 ?? mean
        stats.p95 = p95 ?? mean
        stats.p99 = p99 ?? mean
        return WindowRow(start: start, end: end, stats: stats)
    }

    /// Step windows 50 wide from step 0, one per mean.
    static func stepWindows(_ means: [Double?]) -> [WindowRow] {
        means.enumerated().map { index, mean in
            window(Double(index * 50), Double(index * 50 + 50), mean: mean)
        }
    }

    /// A series whose whole-run row gives `count`, `mean`, `min`, `max` and `last`.
    static func series(
        _ name: String, rank: Int? = nil, device: Int? = nil, role: MetricRole?,
        axis: Axis = .step, scale: Double = 1, windows: [WindowRow],
        whole: (count: Int, mean: Double, min: Double, max: Double, last: Double)
    ) -> SeriesSummary {
        var stats = StatRow()
        stats.count = whole.count
        stats.mean = whole.mean
        stats.min = whole.min
        stats.max = whole.max
        stats.p50 = whole.mean
        stats.p95 = whole.max
        stats.last = whole.last
        return SeriesSummary(
            name: name, rank: rank, device: device, role: role, axis: axis, scale: scale,
            stats: stats, windows: WindowRows(windows))
    }

    /// Two ranks training for 400 steps with a resume, two events, a validation loss, and a
    /// malformed line; see `trainingIncidents`.
    static var training: AnalysisResult {
        var rank0 = InputSummary(
            path: "logs/rank0.jsonl", format: "jsonl", compression: "none", rank: 0)
        rank0.accounting.lines = 404
        rank0.accounting.records = 400
        rank0.accounting.empty = 2
        rank0.accounting.malformed = 2
        rank0.malformedSamples = [
            MalformedLine(
                file: "logs/rank0.jsonl", line: 17, reason: "expected a value (column 9)"),
            MalformedLine(file: "logs/rank0.jsonl", line: 230, reason: "not an object"),
        ]
        var rank1 = InputSummary(
            path: "logs/rank1.jsonl.zst", format: "jsonl", compression: "zstd", rank: 1)
        rank1.accounting.lines = 400
        rank1.accounting.records = 400
        rank1.warnings = ["the last zstd frame is cut short"]
        var total = Accounting()
        total.add(rank0.accounting)
        total.add(rank1.accounting)

        var overview = RunOverview()
        overview.firstStep = 0
        overview.lastStep = 399
        overview.firstTime = nine
        overview.lastTime = nine + 3600
        overview.ranks = [0, 1]
        overview.devices = [0]
        overview.evaluations = 3
        overview.resumes = [
            ResumeEvent(
                file: "logs/rank0.jsonl", line: 262, rank: 0, fromStep: 260, toStep: 240,
                checkpointStep: 239, gapSeconds: 95)
        ]
        overview.events = [
            RunEvent(
                file: "logs/rank0.jsonl", line: 121, step: 119, time: nil,
                text: "checkpoint saved"),
            RunEvent(
                file: "logs/rank0.jsonl", line: 261, step: 260, time: nil,
                text: "CUDA out of memory | restarting"),
        ]
        return AnalysisResult(
            inputs: [rank0, rank1], skipped: [], inputErrors: [], accounting: total,
            overview: overview, series: trainingSeries, fieldsDropped: 0, bytesRead: 80_000,
            files: ["logs/rank0.jsonl", "logs/rank1.jsonl.zst"])
    }

    static var trainingSeries: [SeriesSummary] {
        [
            series(
                "loss", rank: 0, role: .trainLoss,
                windows: stepWindows([4.0, 3.0, 2.5, 2.2, 2.0, 1.9, 1.8, 1.75]),
                whole: (400, 2.39, 1.7, 9.1, 1.74)),
            series(
                "loss", rank: 1, role: .trainLoss,
                windows: stepWindows([4.1, 3.1, 2.6, 2.3, 2.1, 2.0, 1.9, 1.85]),
                whole: (400, 2.49, 1.8, 4.3, 1.86)),
            series(
                "val_loss", role: .valLoss,
                windows: [
                    window(100, 150, mean: 2.6, count: 1), window(200, 250, mean: 2.4, count: 1),
                    window(300, 350, mean: 2.5, count: 1),
                ],
                whole: (3, 2.5, 2.4, 2.6, 2.5)),
            series(
                "tokens_per_second", rank: 0, role: .throughput,
                windows: stepWindows([
                    40_000, 40_000, 40_000, 40_000, 40_000, 40_000, 40_000, 40_000,
                ]),
                whole: (400, 40_000, 39_500, 40_400, 40_000)),
            series(
                "tokens_per_second", rank: 1, role: .throughput,
                windows: stepWindows([
                    40_000, 39_000, 30_000, 30_000, 30_000, 30_000, 31_000, 30_000,
                ]),
                whole: (400, 32_500, 29_000, 40_300, 30_000)),
            series(
                "gpu_memory_allocated_gb", rank: 0, device: 0, role: .gpuMemory,
                windows: stepWindows([20, 20.5, 21, 21.5, 22, 22.5, 23, 23.5]),
                whole: (400, 21.75, 19.9, 23.6, 23.5)),
            series(
                "lr", rank: 0, role: .learningRate,
                windows: stepWindows([nil, 3e-4, 3e-4, 3e-4, 3e-4, 3e-4, 3e-4, 3e-4]),
                whole: (350, 3e-4, 3e-4, 3e-4, 3e-4)),
        ]
    }

    /// A critical spike, a warning straggler, an info memory trend with a fitted line, and
    /// an error from a detector id the catalogue does not know, with text that needs
    /// escaping in every format.
    static var trainingIncidents: [Incident] {
        var memory = Incident(
            severity: .info, detector: "memory_growth", metric: "gpu_memory_allocated_gb",
            rank: 0, device: 0, startStep: 0, endStep: 399, peak: 17.5, threshold: 10, count: 8,
            message: "gpu_memory_allocated_gb on rank 0, device 0 grows 17.5%/h",
            evidence: ["window floors: 19.9, 20.4, 20.9, 21.4, 21.9, 22.4, 22.9, 23.4 GB"],
            location: "logs/rank0.jsonl:1")
        memory.trend = TrendLine(startX: 0, startValue: 20, endX: 399, endValue: 23.5)
        return [
            memory,
            Incident(
                severity: .warning, detector: "straggler", metric: "data_time", rank: 1,
                startStep: 100, endStep: 300, peak: 1.6, threshold: 1.2, count: 4,
                message: "rank 1 waits 1.6× longer for data than the other ranks",
                evidence: ["data_time p50 by rank: 0 → 0.10 s, 1 → 0.16 s"],
                location: "logs/rank1.jsonl.zst:101"),
            Incident(
                severity: .critical, detector: "loss_spike", metric: "loss", rank: 0,
                startStep: 140, endStep: 140, peak: 9.1, threshold: 4.2,
                message: "loss jumped to 9.1 at step 140, 3.6× its trailing mean",
                evidence: [
                    "steps 138–142: 2.5, 2.4, 9.1, 2.6, 2.5", "recovered after 1 step",
                ],
                location: "logs/rank0.jsonl:141"),
            Incident(
                severity: .error, detector: "custom_check", startTime: nine + 1800,
                message: "budget: 5% used, \"fast\" <burn> & more\nsecond line",
                evidence: ["a|b"]),
        ]
    }

    /// A request log: one latency series in 5-minute windows, an SLO violation.
    static var serving: AnalysisResult {
        var input = InputSummary(
            path: "requests.jsonl", format: "jsonl", compression: "none")
        input.accounting.lines = 1200
        input.accounting.records = 1200
        var overview = RunOverview()
        overview.firstTime = nine
        overview.lastTime = nine + 1800
        overview.requests = 1200
        var windows: [WindowRow] = []
        for index in 0..<6 {
            let start: Double = nine + Double(index) * 300
            let slow = index == 3
            windows.append(
                window(
                    start, start + 300, mean: 0.5, count: 200, p50: 0.4, p95: slow ? 2.5 : 1.2,
                    p99: slow ? 4 : 1.9))
        }
        let latency = series(
            "latency_s", role: .latency, axis: .time, scale: 1000, windows: windows,
            whole: (1200, 0.5, 0.1, 4.5, 0.4))
        return AnalysisResult(
            inputs: [input], skipped: [], inputErrors: [], accounting: input.accounting,
            overview: overview, series: [latency], fieldsDropped: 0, bytesRead: 100_000,
            files: ["requests.jsonl"])
    }

    /// The SLO violation of `serving`, in its fourth window.
    static var servingIncidents: [Incident] {
        [
            Incident(
                severity: .warning, detector: "slo_violation", metric: "latency_s",
                startTime: nine + 900, endTime: nine + 1200, peak: 2500, threshold: 2000,
                message: "latency p95 2500 ms above the 2000 ms target")
        ]
    }
}
