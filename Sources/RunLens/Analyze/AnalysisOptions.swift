/// What to analyze and how: inputs, limits, windows.
public struct AnalysisOptions: Sendable {
    /// Files, directories, or `-` for standard input, as the user gave them.
    public var inputs: [String]
    /// Make the first malformed line an error.
    public var strict = false
    /// Lines longer than this are skipped and counted as malformed.
    public var maxLineBytes = 64 << 20
    /// Bytes read per chunk.
    public var chunkSize = 1 << 20
    /// A single JSON document larger than this is refused.
    public var maxDocumentBytes = 256 << 20
    /// Distinct field names kept; later new names are dropped with a warning.
    public var maxFields = 10_000
    /// Series (metric × rank × device) kept; values of later new series are dropped with a
    /// warning.
    public var maxSeries = 10_000
    /// Step-window width; `nil` chooses one from the run length (about 100 windows).
    public var windowSteps: Double?
    /// Time-window width in seconds, for series indexed by time.
    public var windowSeconds: Double = 300
    /// Whether `windowSeconds` was given on the command line (`--window`), which then sets
    /// the serving detectors' windows too and wins over the configuration.
    public var windowSecondsGiven = false
    /// Points each series holds back so a resume can supersede them.
    public var holdBack = 512
    /// How many logging intervals before the run's last step (or time) a rank's log may stop
    /// and still count as ending with the others (``RankReach``).
    public var endedEarlyIntervals = 10.0
    /// Malformed lines listed per input.
    public var malformedSamples = 5
    /// Extra metric names per role.
    public var extraRoles: [MetricRole: [String]] = [:]
    /// The run's name (`--run-name`); `nil` derives one from the inputs (``RunName``).
    public var runName: String?
    /// The config file this analysis was set up from, if any: found among the inputs (a
    /// `runlens.json` beside the logs), it is skipped, not read as a log.
    public var configFile: String?
    /// Threads for one analysis: `1` does everything on the calling thread; `2` (or more)
    /// reads, parses and assembles on the calling thread while a second thread feeds the
    /// statistics and detectors. The results are the same either way.
    public var threads = 2
    /// The folder for the temporary file that holds window rows moved out of memory; it must
    /// exist. The command line gives its report folder (`-o`), so nothing is written outside
    /// it. The file is unlinked as soon as it is made.
    public var temporaryDirectory = WindowSpill.defaultDirectory
    /// Window rows held in memory before they move to the temporary file (tests lower it).
    var heldWindowRows = SeriesStatistics.heldRowBudget
    /// The fewest rows of one series that move out together (tests lower it).
    var leastSpilledWindowRows = SeriesStatistics.leastSpilledRows

    /// Creates options for `inputs` with the defaults.
    public init(inputs: [String]) {
        self.inputs = inputs
    }
}
