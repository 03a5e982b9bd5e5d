import Foundation

/// The parsed `runlens digest` command line.
public struct DigestCommand {
    /// Logs, run folders, `analyze` output folders and `summary.json` files, as given.
    public var inputs: [String] = []
    /// The digest folder.
    public var outputDirectory = "runlens-report"
    /// The period runs are picked from (`--since`, `--until`).
    public var window = DateWindow(since: nil, until: nil)
    /// An earlier digest folder to compare with.
    public var previous: String?
    /// How logs are analyzed (the same options as `analyze`).
    public var analysis = AnalysisOptions(inputs: [])
    /// The settings file (`--config`); `nil` reads `runlens.json` when present, as `analyze`.
    public var configPath: String?
    /// Runs read at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Print only the headline.
    public var quiet = false
    /// Show the help text instead of running.
    public var help = false
    /// `--since` and `--until` as given, for messages.
    private var sinceText = ""
    private var untilText = ""

    /// The help text.
    public static let usage = """
        USAGE: runlens digest INPUT... [options]

        Writes one digest of many runs: a row per run (status, incidents by severity, final
        losses, throughput, latency p95/p99, error rate), incident kinds ranked by the runs they
        hit, ranks and devices that straggled or overheated in more than one run, and the
        change against an earlier digest. INPUT is a log (one run), a run folder (its files are
        the run's ranks), an analyze output folder or a summary.json file, or a folder of
        those. Summaries analyzed with the same --run-name are merged into one run.

        OPTIONS:
          -o, --output DIR        digest folder (default: runlens-report)
          --since DATE            keep runs whose time span reaches DATE or later
                                  (ISO 8601: 2024-05-13 or 2024-05-13T09:00:00Z)
          --until DATE            keep runs whose time span starts before the end of DATE
          --previous DIR          compare with the digest in DIR (its digest.json or digest.csv)
          -j, --jobs N            runs read at once (default: the number of cores)
          --config FILE           settings for logs analyzed here (default: runlens.json in the
                                  working folder), as for analyze
          --window-steps N        step-window width for logs analyzed here
          --window DURATION       time-window width for request logs analyzed here (default: 5m)
          --max-line-bytes N      skip and count lines longer than N bytes (default: 67108864)
          --max-fields N          distinct field names kept per run (default: 10000)
          -q, --quiet             print only the headline (warnings still go to standard error)
          -h, --help              show this help

        EXIT CODES: 0 the digest was written; 2 it could not be (bad arguments, no run found,
        unreadable --previous), or it was written but some input could not be read.
        """

    /// Parses `arguments` (after `digest`).
    public init(arguments: [String]) throws(UsageError) {
        var cursor = ArgumentCursor(arguments)
        while let item = try cursor.next() {
            switch item {
            case .positional(let input):
                guard input != "-" else {
                    throw UsageError("digest reads files and folders, not standard input ('-')")
                }
                inputs.append(input)
            case .flag(let flag): try apply(flag, &cursor)
            }
        }
        if help { return }
        if inputs.isEmpty {
            throw UsageError(
                "digest needs at least one INPUT (a log, a run folder or an analyze output folder)")
        }
        if let since = window.since, let until = window.until, since >= until {
            throw UsageError("--since '\(sinceText)' must come before --until '\(untilText)'")
        }
    }

    private mutating func apply(_ flag: String, _ cursor: inout ArgumentCursor) throws(UsageError) {
        switch flag {
        case "-o", "--output":
            outputDirectory = try cursor.value(for: flag, expecting: "a folder for the digest")
        case "--since":
            sinceText = try Self.date(flag, &cursor)
            window.since = DateWindow.start(sinceText)
        case "--until":
            untilText = try Self.date(flag, &cursor)
            window.until = DateWindow.end(untilText)
        case "--previous":
            previous = try cursor.value(for: flag, expecting: "an earlier digest folder")
        case "-j", "--jobs": jobs = try cursor.positiveInteger(for: flag)
        case "--config": configPath = try cursor.value(for: flag, expecting: "a settings file")
        case "--window-steps": analysis.windowSteps = Double(try cursor.positiveInteger(for: flag))
        case "--window":
            let text = try cursor.value(for: flag, expecting: "a duration such as 5m")
            analysis.windowSeconds = try DurationParser.window(text, flag: flag)
            analysis.windowSecondsGiven = true
        case "--max-line-bytes": analysis.maxLineBytes = try cursor.positiveInteger(for: flag)
        case "--max-fields": analysis.maxFields = try cursor.positiveInteger(for: flag)
        case "-q", "--quiet": quiet = true
        case "-h", "--help": help = true
        default:
            throw UsageError("unknown option '\(flag)' for digest (see runlens digest --help)")
        }
    }

    private static func date(_ flag: String, _ cursor: inout ArgumentCursor) throws(UsageError)
        -> String
    {
        let text = try cursor.value(for: flag, expecting: "an ISO 8601 date such as 2024-05-13")
        guard DateWindow.start(text) != nil else {
            throw UsageError(
                "\(flag) expects an ISO 8601 date such as 2024-05-13 or 2024-05-13T09:00:00Z, "
                    + "got '\(text)'")
        }
        return text
    }
}
