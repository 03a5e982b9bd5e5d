import Foundation

/// Why the report folder could not be written.
public struct OutputError: Error, Equatable, CustomStringConvertible {
    /// The path that failed.
    public var path: String
    /// The system's reason.
    public var reason: String

    /// One line for the user.
    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Writes every output file of an analysis into one folder, and nothing outside it.
public struct OutputWriter {
    /// The folder, created when missing.
    public let directory: String
    /// Threads for writing: `1` writes every file on the calling thread; `2` (or more)
    /// writes the tables on a second one meanwhile.
    public let threads: Int

    /// Prepares to write into `directory` with `threads` threads.
    public init(directory: String, threads: Int = 2) {
        self.directory = directory
        self.threads = threads
    }

    /// Writes the report files for `result`; returns the paths written.
    ///
    /// `seconds` is the analysis time written to `junit.xml`; `extraSections` are Markdown
    /// sections (starting with `##`) added to `report.md` before the metric summary, after
    /// the comparison with `baseline` and the request statistics of `serving`. `tables` are
    /// the tables ``startTables(_:)`` began, when the caller began them (while it found the
    /// incidents); otherwise this call begins them.
    ///
    /// The tables go on a second thread when ``threads`` allows, the rest on the caller's;
    /// an error is the first one writing the files one by one would have met.
    @discardableResult
    public func write(
        result: AnalysisResult, incidents: [Incident], verdict: Verdict, version: String,
        serving: ServingSummary? = nil, baseline: BaselineComparison? = nil,
        seconds: Double = 0, extraSections: [String] = [], tables: ReportTables? = nil
    ) throws(OutputError) -> [String] {
        let tables = if let tables { tables } else { try startTables(result) }
        var document = SummaryJSON.document(result, version: version)
        document.serving = serving
        document.baseline = baseline
        document.verdict = SummaryJSON.Verdict(verdict: verdict)
        document.incidents = verdict.ranked
        var sections: [String] = []
        if let baseline { sections.append(BaselineReportSection.render(baseline)) }
        if let serving { sections.append(ServingReportSection.render(serving)) }
        sections += extraSections
        let charts: [ChartFile]
        let summary: String
        do throws(OutputError) {
            summary = try encode(document)
            charts = RunCharts.charts(result: result, incidents: verdict.ranked)
            if !charts.isEmpty { try makeDirectory(path("charts")) }
            let report = ReportMarkdown(
                result: result, verdict: verdict, charts: charts, extraSections: sections)
            let text = report.render()
            // The charts and the sparklines read the window rows back.
            if let failure = result.windowReadFailure {
                throw OutputError(path: path("report.md"), reason: failure.description)
            }
            try writeFile(path("report.md"), text)
            try writeFile(path("incidents.csv"), IncidentsCSV.render(verdict.ranked))
        } catch {
            tables.abandon()
            throw error
        }

        // The tables come next in the files' order, so their errors go first from here on.
        try tables.finish()
        try writeFile(path("summary.json"), summary)
        try writeFile(
            path("junit.xml"),
            JUnitXML.render(
                verdict, seconds: seconds, baseline: baseline != nil,
                unreadable: result.inputErrors,
                rankEnds: RankEndWords.sentences(in: result.overview), inputs: result.inputs,
                settings: result.settings))
        for chart in charts { try writeFile(path("charts/" + chart.name), chart.svg) }
        return Self.fileNames.map(path) + charts.map { path("charts/" + $0.name) }
    }

    /// Writes `junit.xml` alone for an analysis that stopped with `failure` (exit 2): an
    /// error case for each of `unreadable` and for the failure. The caller has removed any
    /// earlier report, so no old verdict stays beside it.
    public func writeFailure(
        _ failure: AnalysisError, unreadable: [InputError], failOn: Severity?, seconds: Double
    ) throws(OutputError) {
        try makeDirectory(directory)
        try writeFile(
            path("junit.xml"),
            JUnitXML.render(
                failure: failure, unreadable: unreadable, failOn: failOn, seconds: seconds))
    }

    /// Removes an earlier report from the folder, creates the folder, and begins writing
    /// `windows.csv` and `ranks.csv`, which need only `result`: on a second thread when
    /// ``threads`` allows, so that the caller can find incidents meanwhile. Pass what it
    /// returns to `write` as `tables`.
    public func startTables(_ result: AnalysisResult) throws(OutputError) -> ReportTables {
        removeEarlierReport()
        try makeDirectory(directory)
        return ReportTables(writer: self, series: result.series, threads: threads)
    }

    private func encode(_ document: SummaryJSON.Document) throws(OutputError) -> String {
        do {
            return try SummaryJSON.encode(document)
        } catch {
            throw OutputError(path: path("summary.json"), reason: "\(error)")
        }
    }

    /// The files an analysis writes, besides `charts/*.svg`.
    static let fileNames = [
        "report.md", "incidents.csv", "windows.csv", "ranks.csv", "summary.json", "junit.xml",
    ]

    /// Removes what an earlier analysis wrote, when the folder is a runlens report folder,
    /// so it never mixes two runs' files (an old chart beside a new report) or keeps a
    /// report the input no longer gives. Only the files an analysis writes go, and the
    /// `charts` folder when that leaves it empty: anything else the user put there stays.
    /// Returns true when something was removed.
    @discardableResult
    public func removeEarlierReport() -> Bool {
        guard InputDiscovery.isReportFolder(directory) else { return false }
        for name in Self.fileNames { unlink(path(name)) }
        for name in RunCharts.fileNames { unlink(path("charts/" + name)) }
        rmdir(path("charts"))
        return true
    }

    /// `directory/name`.
    public func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates `path` and its missing parents, naming the part that is in the way; returns the
    /// folders it made, outermost first.
    @discardableResult
    public func makeDirectory(_ path: String) throws(OutputError) -> [String] {
        var prefix = path.hasPrefix("/") ? "/" : ""
        var made: [String] = []
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o777) == 0 {
                made.append(prefix)
            } else if errno != EEXIST {
                throw OutputError(path: path, reason: Self.systemReason(errno))
            }
            var info = stat()
            if stat(prefix, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                let what = prefix == path ? "it" : "'\(prefix)'"
                throw OutputError(path: path, reason: "\(what) exists and is not a folder")
            }
            prefix += "/"
        }
        return made
    }

    /// Writes `text` to `path`, replacing it.
    public func writeFile(_ path: String, _ text: String) throws(OutputError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw OutputError(path: path, reason: Self.reason(error))
        }
    }

    static func systemReason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return systemReason(Int32(underlying.code))
        }
        if nsError.code == NSFileWriteNoPermissionError { return "permission denied" }
        return nsError.localizedDescription
    }
}
