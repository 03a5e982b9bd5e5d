import Foundation

/// One source of a digest once read: its figures and incidents, the whole summary when it
/// is needed (to merge parts of a run), or why it could not be read.
public struct LoadedPart: Sendable {
    /// Where it came from.
    public var source: DigestSource
    /// The run block; `nil` when the source could not be read, or for a summary written
    /// before the `run` block existed (then `document` is set).
    public var figures: RunFigures?
    /// The incidents found.
    public var incidents: [Incident] = []
    /// The whole summary, when the digest may need its metrics: for parts with a given run
    /// name (to be merged) and for summaries without a run block.
    public var document: SummaryJSON.Document?
    /// Why it could not be read, worded for people.
    public var error: String?
    /// Problems met while reading logs that did not stop the analysis (an unreadable rank
    /// file, a truncated stream), one line each.
    public var warnings: [String] = []
    /// The inputs of its analysis that could not be read, one line each.
    public var unreadInputs: [String] = []
    /// The node or host folders its inputs lay in, with the ranks read from each.
    public var nodes: [NodeRanks] = []
    /// Files of logs read as one run that repeat each other's steps with the same metrics
    /// and no rank (see ``overlapNote``).
    public var overlaps: [FileOverlap] = []
    /// The detectors its analysis had turned off, by id (its summary's `settings.disabled`).
    public var disabled: [String] = []

    /// A part read in full.
    init(source: DigestSource, document: SummaryJSON.Document) {
        self.source = source
        figures = document.run
        incidents = document.incidents
        unreadInputs = document.inputErrors
        nodes = document.overview.nodes ?? []
        disabled = document.settings?.disabled.map(\.detector) ?? []
        self.document = document
    }

    /// A part read from its head only.
    init(source: DigestSource, head: SummaryJSON.Head) {
        self.source = source
        figures = head.run
        incidents = head.incidents
        unreadInputs = head.inputErrors ?? []
        nodes = head.overview?.nodes ?? []
        disabled = head.settings?.disabled?.map(\.detector) ?? []
    }

    /// A part that could not be read.
    init(source: DigestSource, error: String) {
        self.source = source
        self.error = error
    }

    /// True when it was read.
    public var isRead: Bool { figures != nil || document != nil }
}

/// Reads the sources of a digest on several threads: decodes summaries, and analyzes logs
/// with the same `Analyzer` and detectors as `analyze`. Results come back in source order,
/// so the digest is the same however the work was shared.
public struct DigestLoader {
    /// The analysis options every log is analyzed with (`inputs` and `runName` are set per
    /// source).
    public var analysis: AnalysisOptions
    /// Threads used; each run is read by one thread.
    public var jobs: Int
    /// The version written into summaries built from logs.
    public var version: String
    /// Makes a fresh set of detectors for one run (the same suite `analyze` runs).
    public var makeSuite: @Sendable () -> DetectorSuite
    /// What the settings logs are analyzed with change from the defaults, recorded in their
    /// summaries as `analyze` records its own; `nil` records nothing.
    public var settings: ConfigChanges?

    /// Creates a loader.
    public init(
        analysis: AnalysisOptions, jobs: Int, version: String = Version.current,
        makeSuite: @escaping @Sendable () -> DetectorSuite = { DetectorSuite() }
    ) {
        self.analysis = analysis
        self.jobs = jobs
        self.version = version
        self.makeSuite = makeSuite
    }

    /// Reads every source, in order.
    public func load(_ sources: [DigestSource]) -> [LoadedPart] {
        ParallelMap.map(count: sources.count, jobs: jobs) { index in
            let source = sources[index]
            switch source {
            case .summary(let path): return readSummary(path, source)
            case .outputFolder(let folder): return readFolder(folder, source)
            case .logs(let path): return analyze([path], source)
            case .logsBeside(_, let inputs): return analyze(inputs, source)
            case .failedAnalysis(let path): return readFailure(path, source)
            }
        }
    }

    private func readSummary(_ path: String, _ source: DigestSource) -> LoadedPart {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, F_OK) == 0 ? "permission denied" : "no such file or directory"
            let message = DigestError.summary(path: path, reason: reason).description
            return LoadedPart(source: source, error: message)
        }
        do {
            let head = try SummaryJSON.decodeHead(data)
            guard let figures = head.run, !figures.name.given else {
                return LoadedPart(source: source, document: try SummaryJSON.decode(data))
            }
            return LoadedPart(source: source, head: head)
        } catch {
            let message = DigestError.summary(path: path, reason: error.description).description
            return LoadedPart(source: source, error: message)
        }
    }

    /// A run whose analysis failed: the reasons its `junit.xml` gives.
    private func readFailure(_ path: String, _ source: DigestSource) -> LoadedPart {
        let reasons = FailedAnalysis.reasons(at: path) ?? []
        return LoadedPart(
            source: source, error: FailedAnalysis.description(path: path, reasons: reasons))
    }

    /// The folder's `summary.json`; the folder's logs when that file is another tool's.
    private func readFolder(_ folder: String, _ source: DigestSource) -> LoadedPart {
        let path = DigestSource.join(folder, "summary.json")
        let part = readSummary(path, source)
        guard let data = FileManager.default.contents(atPath: path), part.error != nil,
            !SummaryJSON.isRunLensSummary(data)
        else { return part }
        return analyze([folder], source)
    }

    private func analyze(_ inputs: [String], _ source: DigestSource) -> LoadedPart {
        var options = analysis
        options.inputs = inputs
        options.runName = nil
        // The runs already take every core, one run per thread.
        options.threads = 1
        let analyzer = Analyzer(options: options)
        let suite = makeSuite()
        suite.register(with: analyzer)

        var result: AnalysisResult
        do {
            result = try analyzer.run()
        } catch {
            return LoadedPart(source: source, error: error.description)
        }
        suite.adoptGuessedUnits(in: &result)
        let verdict = Verdict(incidents: suite.incidents(for: result), failOn: .critical)
        let document = SummaryJSON.document(result, verdict: verdict, version: version)
        let head = SummaryJSON.Head(
            schema: document.schema, tool: document.tool, run: document.run,
            incidents: document.incidents, inputErrors: document.inputErrors,
            overview: SummaryJSON.HeadOverview(nodes: document.overview.nodes),
            settings: SummaryJSON.HeadSettings(disabled: settings?.disabled))
        var part = LoadedPart(source: source, head: head)
        // Overlapping files are told once for the run, in the digest's words.
        let told = Set(result.overlaps.map { "\($0.later): \($0.warning)" })
        for input in result.inputs {
            part.warnings += input.warnings.map { "\(input.path): \($0)" }.filter {
                !told.contains($0)
            }
        }
        part.overlaps = result.overlaps
        return part
    }
}
