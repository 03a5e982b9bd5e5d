/// The parsed `runlens analyze` command line.
public struct AnalyzeCommand {
    /// What to analyze and how.
    public var options: AnalysisOptions
    /// The report folder.
    public var outputDirectory = defaultOutput
    /// The report folder without `-o`.
    public static let defaultOutput = "runlens-report"
    /// The lowest severity that fails the run; `nil` for `never`.
    public var failOn: Severity? = .critical
    /// Print only the verdict line.
    public var quiet = false
    /// The configuration file given with `--config`.
    public var configPath: String?
    /// An earlier run's report folder or `summary.json`, from `--baseline`.
    public var baseline: String?
    /// GPU memory capacity in GB from `--gpu-memory`.
    public var gpuMemory: Double?
    /// Print CI annotations for each incident: `github` for GitHub Actions workflow commands.
    public var annotations: AnnotationFormat?
    /// Show the help text instead of running.
    public var help = false

    /// The help text.
    public static let usage = """
        USAGE: runlens analyze INPUT... [options]

        Reads metric logs (JSON Lines, JSON documents, CSV, MLflow metric files; plain, zstd
        or gzip) and writes a report folder. INPUT is a file, a directory (searched
        recursively) or - for standard input.

        OPTIONS:
          -o, --output DIR        report folder (default: runlens-report)
          --fail-on LEVEL         info|warning|error|critical|never (default: critical)
          --strict                make the first malformed line an error
          --window-steps N        step-window width (default: about 100 windows a run)
          --window DURATION       time-window width for request logs, in windows.csv and
                                  the serving detectors, e.g. 5m (default: 5m)
          --max-line-bytes N      skip and count lines longer than N bytes (default: 67108864)
          --max-fields N          distinct field names kept (default: 10000)
          --run-name NAME         name the run in summary.json; digest merges summaries
                                  analyzed with the same name (shards or ranks of one run)
          --max-series N          series (metric x rank x device) kept (default: 10000)
          --max-document-bytes N  refuse a single JSON document larger than N bytes
                                  (default: 268435456)
          --chunk-size N          bytes read at a time; for testing, results do not depend
                                  on it (default: 1048576)
          --config FILE           settings file (default: runlens.json in the working folder)
          --gpu-memory GB         GPU memory capacity for time-to-full projections
          --baseline PATH         an earlier report folder or summary.json: compare losses,
                                  throughput, step time, latency, error rate and eval scores
                                  with it (report section, summary.json, incidents by the
                                  config's 'baseline' rules)
          --annotations github    print a GitHub Actions ::error/::warning line per incident
          -q, --quiet             print only the verdict line (and annotations if asked) on
                                  standard output; warnings still go to standard error
          -h, --help              show this help

        EXIT CODES: 0 no incident at or above --fail-on; 1 at least one; 2 the analysis could
        not run (bad arguments, unreadable input, no records).
        """

    /// Parses `arguments` (after `analyze`).
    public init(arguments: [String]) throws(UsageError) {
        options = AnalysisOptions(inputs: [])
        var cursor = ArgumentCursor(arguments)
        while let item = try cursor.next() {
            switch item {
            case .positional(let input): options.inputs.append(input)
            case .flag(let flag): try apply(flag, &cursor)
            }
        }
        if options.inputs.isEmpty && !help {
            throw UsageError("analyze needs at least one INPUT (a file, a directory or -)")
        }
    }

    private mutating func apply(_ flag: String, _ cursor: inout ArgumentCursor) throws(UsageError) {
        switch flag {
        case "-o", "--output":
            outputDirectory = try cursor.value(for: flag, expecting: "a folder for the report")
            guard !outputDirectory.isEmpty else {
                throw UsageError("\(flag) expects a folder for the report, got ''")
            }
        case "--fail-on":
            failOn = try Self.failLevel(try cursor.value(for: flag, expecting: Self.levels))
        case "--strict": options.strict = true
        case "--window-steps":
            options.windowSteps = Double(try cursor.positiveInteger(for: flag))
        case "--window":
            let text = try cursor.value(for: flag, expecting: "a duration such as 5m")
            options.windowSeconds = try DurationParser.window(text, flag: flag)
            options.windowSecondsGiven = true
        case "--max-line-bytes": options.maxLineBytes = try cursor.positiveInteger(for: flag)
        case "--max-fields": options.maxFields = try cursor.positiveInteger(for: flag)
        case "--run-name":
            let name = try cursor.value(for: flag, expecting: "a name for the run")
            // An empty name would quietly fall back to the derived one, and the summary would
            // not be merged with its run's other parts as the user asked.
            guard !name.allSatisfy(\.isWhitespace) else {
                throw UsageError("\(flag) expects a name for the run, got '\(name)'")
            }
            options.runName = name
        case "--max-series": options.maxSeries = try cursor.positiveInteger(for: flag)
        case "--max-document-bytes":
            options.maxDocumentBytes = try cursor.positiveInteger(for: flag)
        case "--chunk-size":
            options.chunkSize = try cursor.positiveInteger(for: flag, atMost: Self.maxChunkSize)
        case "--config": configPath = try cursor.value(for: flag, expecting: "a settings file")
        case "--baseline":
            baseline = try cursor.value(for: flag, expecting: "a report folder or summary.json")
        case "--gpu-memory":
            let text = try cursor.value(for: flag, expecting: "a capacity in GB")
            guard let value = Double(text), value > 0, value.isFinite else {
                throw UsageError("--gpu-memory expects a capacity in GB such as 80, got '\(text)'")
            }
            gpuMemory = value
        case "--annotations":
            let text = try cursor.value(for: flag, expecting: "github")
            guard let format = AnnotationFormat(rawValue: text) else {
                throw UsageError("--annotations expects github, got '\(text)'")
            }
            annotations = format
        case "-q", "--quiet": quiet = true
        case "-h", "--help": help = true
        default:
            throw UsageError("unknown option '\(flag)' for analyze (see runlens analyze --help)")
        }
    }

    /// The CI systems `--annotations` can write for.
    public enum AnnotationFormat: String, Sendable {
        case github
    }

    static let levels = "info|warning|error|critical|never"

    /// The largest `--chunk-size`: 1 GiB.
    static let maxChunkSize = 1 << 30

    static func failLevel(_ text: String) throws(UsageError) -> Severity? {
        if text == "never" { return nil }
        guard let severity = Severity(name: text) else {
            throw UsageError("--fail-on expects one of \(levels), got '\(text)'")
        }
        return severity
    }
}
