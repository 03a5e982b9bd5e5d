/// Everything an analysis found, for the writers and for `digest`.
public struct AnalysisResult: Sendable {
    /// Each input read, with its accounting.
    public var inputs: [InputSummary]
    /// Files found in directories that were not logs.
    public var skipped: [SkippedInput]
    /// Inputs that could not be read; the others were still analyzed.
    public var inputErrors: [InputError]
    /// Accounting over all inputs.
    public var accounting: Accounting
    /// Steps, time span, ranks, resumes, events.
    public var overview: RunOverview
    /// Every series with its whole-run statistics and windows.
    public var series: [SeriesSummary]
    /// Values of new field names dropped because the table was full (`maxFields`).
    public var fieldsDropped: Int
    /// Values of new series dropped because `maxSeries` series existed.
    public var seriesDropped = 0
    /// Field names interned past `maxFields` because detectors or positions need them (a
    /// metric with a role, a step or time field), in order.
    public var fieldsPastLimit: [String] = []
    /// Names of the metrics with a role whose series were made past `maxSeries`, each once.
    public var seriesPastLimit: [String] = []
    /// Bytes read from disk (compressed size for compressed inputs).
    public var bytesRead: Int
    /// Input paths by file index, as points refer to them.
    public var files: [String]
    /// The run's name, given or derived from the inputs.
    public var runName = RunName(name: "run", given: false)
    /// What the run's settings changed from the defaults; `nil` when the caller did not say.
    public var settings: ConfigChanges?
    /// Files that wrote the same series over the same steps with no rank to tell them apart,
    /// each later file paired with the first earlier one: perhaps separate runs read as one.
    public var overlaps: [FileOverlap] = []

    /// True when records were read but no detector had anything to judge: no series took
    /// a role (loss, step time, GPU memory, latency...) and no request was seen.
    public var judgedNothing: Bool {
        accounting.records > 0 && overview.requests == 0 && series.allSatisfy { $0.role == nil }
    }

    /// What detectors need to report on this result.
    public var detectionContext: DetectionContext {
        DetectionContext(series: series, overview: overview, files: files)
    }
}

/// Count, moments, extremes and quantiles of a set of values.
public struct StatRow: Sendable, Codable, Equatable {
    /// Finite values.
    public var count = 0
    /// NaN and infinite values.
    public var nonfinite = 0
    public var mean: Double?
    public var std: Double?
    public var min: Double?
    public var max: Double?
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    /// The first and last values, finite or not.
    public var first: Double?
    public var last: Double?
    /// The bias-corrected exponential moving average at the end.
    public var ema: Double?
    /// False when the quantiles come from the sketch.
    public var quantilesExact = true

    /// Creates an empty row.
    public init() {}
}

extension AnalysisResult {
    /// The first failure to read window rows back from their temporary file, if any: check
    /// it after making anything from the rows.
    public var windowReadFailure: WindowSpillError? {
        series.lazy.compactMap(\.windows.readFailure).first
    }
}

/// One window of one series.
public struct WindowRow: Sendable, Codable, Equatable {
    /// Bounds in steps, or epoch seconds for time windows.
    public var start: Double
    public var end: Double
    /// The statistics of the values in the window.
    public var stats: StatRow
}

/// One series: a metric on one rank and device.
public struct SeriesSummary: Sendable, Codable, Equatable {
    /// The name as the log wrote it (device index removed).
    public var name: String
    /// The rank, or `nil`.
    public var rank: Int?
    /// The device, or `nil`.
    public var device: Int?
    /// The role the name took, or `nil`.
    public var role: MetricRole?
    /// Steps or time.
    public var axis: Axis
    /// Multiplier into the role's canonical unit.
    public var scale: Double
    /// Whole-run statistics.
    public var stats: StatRow
    /// Tumbling windows in order.
    public var windows: WindowRows
    /// The whole-run statistics in mergeable form (moments and sketch), for `summary.json`.
    public var mergeable: RunStats?
    /// True for a latency whose name states no unit: its `scale` is the unit the request
    /// statistics guessed (``DetectorSuite/adoptGuessedUnits(in:)``), else 1.
    public var unitUnstated = false
}
