/// Writes `report.md`: the verdict first, then incidents, the run, metrics and inputs.
///
/// Sections appear only when the run has something to put in them.
public struct ReportMarkdown {
    let result: AnalysisResult
    let verdict: Verdict

    /// Prepares a report of `result` judged by `verdict`.
    public init(result: AnalysisResult, verdict: Verdict) {
        self.result = result
        self.verdict = verdict
    }

    /// The whole document; control characters from names and log text become U+FFFD.
    public func render() -> String {
        var sections = [header(), incidentTable(), incidentDetails(), overview()]
        sections += [metrics(), inputs()]
        let text = sections.filter { !$0.isEmpty }.joined(separator: "\n")
        return PrintableText.of(text, keepingNewlines: true)
    }

    private func header() -> String {
        var text = "# runlens report\n\n"
        let records = result.accounting.records
        text += "**\(verdict.status)** — \(verdict.countsText); "
        text += "\(records) records from \(plural(result.inputs.count, "input")).\n"
        for incident in verdict.ranked.prefix(3) {
            text += "\n- **\(incident.severity.name)** `\(incident.detector)`: \(incident.message)"
        }
        return verdict.ranked.isEmpty ? text : text + "\n"
    }

    private func incidentTable() -> String {
        guard !verdict.ranked.isEmpty else { return "" }
        var table = MarkdownTable(["severity", "detector", "metric", "rank", "where", "message"])
        for incident in verdict.ranked {
            table.add([
                incident.severity.name, "[\(incident.detector)](#\(incident.detector))",
                incident.metric ?? "", incident.rank.map(String.init) ?? "",
                span(incident), incident.message,
            ])
        }
        return "## Incidents\n\n" + table.text
    }

    private func incidentDetails() -> String {
        var text = ""
        let byDetector = Dictionary(grouping: verdict.ranked, by: \.detector)
        for detector in byDetector.keys.sorted() {
            text += "### \(detector)\n\n"
            for incident in byDetector[detector] ?? [] {
                text += "- **\(incident.severity.name)** \(span(incident)): \(incident.message)\n"
                if let location = incident.location { text += "  - first seen at `\(location)`\n" }
                for line in incident.evidence { text += "  - \(line)\n" }
            }
            text += "\n"
        }
        return text
    }

    private func overview() -> String {
        let run = result.overview
        var table = MarkdownTable(["", ""])
        if let first = run.firstStep, let last = run.lastStep {
            table.add(["steps", "\(NumberFormat.short(first)) – \(NumberFormat.short(last))"])
        }
        if let first = run.firstTime, let last = run.lastTime {
            let span = TimeFormat.duration(last - first)
            let text =
                run.timeIsRelative
                ? "\(span) (times relative to the log's start)"
                : "\(TimeFormat.iso(first)) – \(TimeFormat.iso(last)) (\(span))"
            table.add(["time", text])
        }
        if !run.ranks.isEmpty { table.add(["ranks", compact(run.ranks)]) }
        if !run.devices.isEmpty { table.add(["devices", compact(run.devices)]) }
        table.add(["resumes", String(run.resumes.count)])
        if run.evaluations > 0 { table.add(["evaluation records", String(run.evaluations)]) }
        if run.requests > 0 {
            table.add(["requests", "\(run.requests) (\(run.failedRequests) failed)"])
        }
        if run.duplicates > 0 {
            table.add([
                "duplicates",
                "\(run.duplicates) records written twice were dropped "
                    + "(the log looks written by more than one process)",
            ])
        }
        return "## Run overview\n\n" + table.text + "\n" + resumes() + events()
    }

    private func resumes() -> String {
        guard !result.overview.resumes.isEmpty else { return "" }
        var table = MarkdownTable(
            ["where", "rank", "from step", "to step", "steps redone", "gap"], alignRight: [2, 3, 4])
        for resume in result.overview.resumes {
            table.add([
                "`\(resume.file):\(resume.line)`", resume.rank.map(String.init) ?? "",
                NumberFormat.short(resume.fromStep), NumberFormat.short(resume.toStep),
                NumberFormat.short(resume.stepsRedone),
                resume.gapSeconds.map(TimeFormat.duration) ?? "",
            ])
        }
        return "### Resumes\n\nReplayed steps supersede the first pass.\n\n" + table.text + "\n"
    }

    private func events() -> String {
        let events = result.overview.events
        guard !events.isEmpty else { return "" }
        var table = MarkdownTable(["where", "step", "event"])
        for event in events.prefix(20) {
            table.add([
                "`\(event.file):\(event.line)`", NumberFormat.short(event.step), event.text,
            ])
        }
        let more = events.count > 20 ? "\n\(events.count - 20) more in summary.json.\n" : ""
        return "### Events\n\n" + table.text + more + "\n"
    }

    private func metrics() -> String {
        guard !result.series.isEmpty else { return "" }
        var table = MarkdownTable(
            [
                "metric", "rank", "device", "role", "count", "non-finite", "mean", "min", "p50",
                "p95",
                "max", "last",
            ],
            alignRight: Set(4...11))
        for series in result.series.prefix(200) {
            let stats = series.stats
            table.add([
                "`\(series.name)`", series.rank.map(String.init) ?? "",
                series.device.map(String.init) ?? "", series.role?.rawValue ?? "",
                String(stats.count), String(stats.nonfinite), NumberFormat.short(stats.mean),
                NumberFormat.short(stats.min), NumberFormat.short(stats.p50),
                NumberFormat.short(stats.p95), NumberFormat.short(stats.max),
                NumberFormat.short(stats.last),
            ])
        }
        var text = "## Metrics\n\n" + table.text
        if result.series.count > 200 {
            text += "\n\(result.series.count - 200) more series in summary.json.\n"
        }
        if result.series.contains(where: { !$0.stats.quantilesExact }) {
            text += "\nQuantiles of long series come from a sketch with relative error ≤ 0.5%.\n"
        }
        return text
    }

    private func inputs() -> String {
        var table = MarkdownTable(
            [
                "input", "format", "compression", "lines", "records", "metadata", "empty",
                "malformed", "duplicates",
            ],
            alignRight: Set(3...8))
        for input in result.inputs {
            let counts = input.accounting
            table.add([
                "`\(input.path)`", input.format, input.compression, String(counts.lines),
                String(counts.records), String(counts.metadata), String(counts.empty),
                String(counts.malformed), String(input.duplicates),
            ])
        }
        var text = "## Inputs and line accounting\n\n" + table.text
        text += notes()
        return text
    }

    private func notes() -> String {
        var lines: [String] = []
        for input in result.inputs {
            if let step = input.stepField { lines.append("`\(input.path)`: step from `\(step)`") }
            for warning in input.warnings { lines.append("`\(input.path)`: \(warning)") }
        }
        for error in result.inputErrors { lines.append("error: \(error.description)") }
        for skip in result.skipped {
            lines.append(skip.path.isEmpty ? skip.reason : "skipped `\(skip.path)`: \(skip.reason)")
        }
        if result.fieldsDropped > 0 {
            lines.append(
                "\(result.fieldsDropped) values of new field names were dropped: "
                    + "the field table is full (--max-fields)")
        }
        if result.seriesDropped > 0 {
            lines.append(
                "\(result.seriesDropped) values of new series were dropped: "
                    + "the series limit was reached (--max-series)")
        }
        let malformed = result.inputs.flatMap(\.malformedSamples)
        var text = lines.isEmpty ? "" : "\n" + lines.map { "- \($0)\n" }.joined()
        if !malformed.isEmpty {
            text += "\n### First malformed lines\n\n"
            text += malformed.map { "- `\($0.file):\($0.line)`: \($0.reason)\n" }.joined()
        }
        return text
    }

    private func span(_ incident: Incident) -> String {
        if let start = incident.startStep {
            let end = incident.endStep ?? start
            let text =
                end == start
                ? "step \(NumberFormat.short(start))"
                : "steps \(NumberFormat.short(start))–\(NumberFormat.short(end))"
            return text
        }
        if let start = incident.startTime {
            let end = incident.endTime ?? start
            return "\(TimeFormat.iso(start)) – \(TimeFormat.iso(end))"
        }
        return ""
    }

    private func compact(_ values: [Int]) -> String {
        guard let first = values.first, let last = values.last else { return "" }
        if values.count > 2, last - first + 1 == values.count {
            return "\(first)–\(last) (\(values.count))"
        }
        return values.map(String.init).joined(separator: ", ")
    }

    private func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? "1 \(word)" : "\(count) \(word)s"
    }
}
