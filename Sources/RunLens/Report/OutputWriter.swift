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

    /// Prepares to write into `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// Writes the report files for `result`; returns the paths written.
    ///
    /// `seconds` is the analysis time written to `junit.xml`; `extraSections` are Markdown
    /// sections (starting with `##`) added to `report.md` before the metric summary, after
    /// the comparison with `baseline` and the request statistics of `serving`.
    @discardableResult
    public func write(
        result: AnalysisResult, incidents: [Incident], verdict: Verdict, version: String,
        serving: ServingSummary? = nil, baseline: BaselineComparison? = nil,
        seconds: Double = 0, extraSections: [String] = []
    ) throws(OutputError) -> [String] {
        removeEarlierReport()
        try makeDirectory(directory)
        var document = SummaryJSON.document(result, version: version)
        document.serving = serving
        document.baseline = baseline
        var sections: [String] = []
        if let baseline { sections.append(BaselineReportSection.render(baseline)) }
        if let serving { sections.append(ServingReportSection.render(serving)) }
        sections += extraSections
        document.verdict = SummaryJSON.Verdict(verdict: verdict)
        document.incidents = verdict.ranked
        let summary: String
        do {
            summary = try SummaryJSON.encode(document)
        } catch {
            throw OutputError(path: path("summary.json"), reason: "\(error)")
        }
        let charts = RunCharts.charts(result: result, incidents: verdict.ranked)
        if !charts.isEmpty { try makeDirectory(path("charts")) }

        // One file at a time, windows.csv row by row: a run with small windows has many.
        let report = ReportMarkdown(
            result: result, verdict: verdict, charts: charts, extraSections: sections)
        try writeFile(path("report.md"), report.render())
        try writeFile(path("incidents.csv"), IncidentsCSV.render(verdict.ranked))
        try ReportFile.create(path("windows.csv")) { file throws(OutputError) in
            try WindowsCSV.write(result.series, to: &file)
        }
        try writeFile(path("ranks.csv"), RanksCSV.render(result.series))
        try writeFile(path("summary.json"), summary)
        try writeFile(
            path("junit.xml"),
            JUnitXML.render(verdict, seconds: seconds, baseline: baseline != nil))
        for chart in charts { try writeFile(path("charts/" + chart.name), chart.svg) }
        return Self.fileNames.map(path) + charts.map { path("charts/" + $0.name) }
    }

    /// The files an analysis writes, besides `charts/*.svg`.
    static let fileNames = [
        "report.md", "incidents.csv", "windows.csv", "ranks.csv", "summary.json", "junit.xml",
    ]

    /// Removes what an earlier analysis wrote, when the folder is a runlens report folder,
    /// so it never mixes two runs' files (an old chart beside a new report) or keeps a
    /// report the input no longer gives. Returns true when something was removed.
    @discardableResult
    public func removeEarlierReport() -> Bool {
        guard InputDiscovery.isReportFolder(directory) else { return false }
        for name in Self.fileNames { unlink(path(name)) }
        let charts = (try? FileManager.default.contentsOfDirectory(atPath: path("charts"))) ?? []
        for name in charts where name.hasSuffix(".svg") { unlink(path("charts/" + name)) }
        return true
    }

    /// `directory/name`.
    public func path(_ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Creates `path` and its missing parents, naming the part that is in the way.
    public func makeDirectory(_ path: String) throws(OutputError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o777) != 0, errno != EEXIST {
                throw OutputError(path: path, reason: Self.systemReason(errno))
            }
            var info = stat()
            if stat(prefix, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
                let what = prefix == path ? "it" : "'\(prefix)'"
                throw OutputError(path: path, reason: "\(what) exists and is not a folder")
            }
            prefix += "/"
        }
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
