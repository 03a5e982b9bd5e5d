/// Writes `report.md`: the verdict and the worst incidents first, then the incident table
/// and one section per detector, the run's timeline, charts, the run overview, metric
/// summaries with sparklines, and the inputs with their line accounting last.
///
/// Sections appear only when the run has something to put in them.
public struct ReportMarkdown {
    let result: AnalysisResult
    let verdict: Verdict
    let charts: [ChartFile]
    let extraSections: [String]

    /// Incidents named under the verdict.
    static let worstShown = 3

    /// Prepares a report of `result` judged by `verdict`, linking `charts` (written to
    /// `charts/` beside it); `extraSections` (Markdown starting with a `##` heading) go
    /// before the metric summary.
    public init(
        result: AnalysisResult, verdict: Verdict, charts: [ChartFile] = [],
        extraSections: [String] = []
    ) {
        self.result = result
        self.verdict = verdict
        self.charts = charts
        self.extraSections = extraSections
    }

    /// The whole document; control characters from names and log text become U+FFFD.
    public func render() -> String {
        var sections = [header(), incidentTable(), incidentDetails(), timeline(), chartLinks()]
        sections += [overview()] + extraSections + [metrics(), inputs()]
        let text = sections.filter { !$0.isEmpty }.map(Self.endingWithNewline)
            .joined(separator: "\n")
        return PrintableText.of(text, keepingNewlines: true)
    }

    /// Said when no detector had anything to judge, so a PASS is not read as a clean run.
    public static let judgedNothingText =
        "no metric name took a role the detectors use (loss, step time, GPU memory, latency, "
        + "...): nothing was judged; name yours under \"roles\" in the config"

    private func header() -> String {
        var text = "# runlens report\n\n"
        text += "**\(verdict.status)** — \(verdict.countsText)"
        if let level = verdict.failOn {
            text += " (fails at \(level.name) and above)"
        } else {
            text += " (--fail-on never)"
        }
        let records = result.accounting.records
        text += "; \(plural(records, "record")) from \(plural(result.inputs.count, "input"))"
        let warned = result.inputs.filter { !$0.warnings.isEmpty }.count
        text +=
            warned == 0
            ? ".\n" : " (\(warned) with warnings: see [Inputs](#inputs-and-line-accounting)).\n"
        if !result.inputErrors.isEmpty {
            text += "\n**\(plural(result.inputErrors.count, "input")) could not be read**, so the"
            text += " run is an error whatever its incidents:\n\n"
            for error in result.inputErrors {
                text += "- \(MarkdownTable.escape(MarkdownCode.plain(error.description)))\n"
            }
        }
        if let ended = result.overview.ranksEndedEarly {
            let ranks = ended.count == 1 ? "1 rank" : "\(ended.count) ranks"
            text += "\n**\(ranks) stopped logging early** (see [Run overview](#run-overview)):\n\n"
            for end in ended {
                let sentence = RankEndWords.sentence(end, in: result.overview)
                text += "- \(MarkdownTable.escape(sentence))\n"
            }
        }
        if let settings = result.settings, !settings.disabled.isEmpty {
            let off = settings.disabled.map { MarkdownCode.span($0.detector) }
            text += "\n**Turned off by the settings, so not judged:** "
            text += off.joined(separator: ", ") + " (see [Inputs](#inputs-and-line-accounting)).\n"
        }
        if result.judgedNothing {
            text += "\nN" + Self.judgedNothingText.dropFirst()
            text += ". **The run is an error** (exit 2): a pass would say nothing about it.\n"
        }
        let worst = verdict.ranked.prefix(Self.worstShown)
        guard !worst.isEmpty else { return text }
        text += "\n"
        for incident in worst {
            var line = "- **\(incident.severity.name)** \(detectorLink(incident.detector))"
            let place = [IncidentWords.subject(incident), IncidentWords.span(incident)]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            if !place.isEmpty { line += " (\(MarkdownTable.escape(MarkdownCode.plain(place))))" }
            text += line + ": \(MarkdownTable.escape(MarkdownCode.plain(incident.message)))\n"
        }
        return text
    }

    private func chartLinks() -> String {
        guard !charts.isEmpty else { return "" }
        var text = "## Charts\n\n"
        for chart in charts {
            text += "[![\(chart.title)](charts/\(chart.name))](charts/\(chart.name))\n\n"
        }
        return text
    }

    /// A link to a detector's section: GitHub anchors headings by their lowercased text.
    func detectorLink(_ detector: String) -> String {
        "[\(MarkdownCode.span(detector))](#\(Self.anchor(detector)))"
    }

    /// The anchor GitHub gives a heading: lowercase, spaces to `-`, other punctuation but
    /// `-` and `_` dropped.
    static func anchor(_ heading: String) -> String {
        var out = ""
        for character in heading.lowercased() {
            if character == " " {
                out.append("-")
            } else if character.isLetter || character.isNumber || character == "-"
                || character == "_"
            {
                out.append(character)
            }
        }
        return out
    }

    func plural(_ count: Int, _ word: String) -> String {
        CountPhrase.of(count, word)
    }

    func compact(_ values: [Int]) -> String {
        guard let first = values.first, let last = values.last else { return "" }
        if values.count > 2, last - first + 1 == values.count {
            return "\(first)–\(last) (\(values.count))"
        }
        return values.map(String.init).joined(separator: ", ")
    }

    /// `text` ending in exactly one line end, so sections are one blank line apart.
    private static func endingWithNewline(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.last == "\n" { trimmed = trimmed.dropLast() }
        return trimmed + "\n"
    }
}
