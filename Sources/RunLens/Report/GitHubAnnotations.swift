/// Workflow commands that make GitHub Actions annotate a run: one `::error`, `::warning` or
/// `::notice` line per incident, an `::error` line per input that could not be read, a
/// `::warning` line per damaged input, and one for what stopped an analysis that could not do
/// its job.
public enum GitHubAnnotations {
    /// The lines for `verdict`'s incidents, most severe first: `error` at or above
    /// `--fail-on`, below it `warning` for warnings and errors and `notice` for info; then a
    /// `warning` for each rank of `run` that stopped logging early, on its file when it has
    /// one; an `error` for each of `unreadable`, the inputs that could not be read (which make
    /// the run exit 2), on its file; an `error` when no metric was judged (exit 2 too); and a
    /// `warning` on its file for each damage of `inputs` (``InputSummary/damage``).
    public static func lines(
        _ verdict: Verdict, unreadable: [InputError] = [], run: RunOverview? = nil,
        inputs: [InputSummary] = []
    ) -> [String] {
        let unjudged = verdict.judgedNothing ? [judgedNothingLine] : []
        let ends = run.map { run in (run.ranksEndedEarly ?? []).map { rankEndLine($0, in: run) } }
        let damage = inputs.flatMap { input in input.damage.map { damageLine(input.path, $0) } }
        return verdict.ranked.map(line(verdict.failOn)) + (ends ?? []) + unreadable.map(line)
            + unjudged + damage
    }

    /// The line of a rank that stopped logging early, on the file its last records came from.
    static func rankEndLine(_ end: RankEnd, in run: RunOverview) -> String {
        let file = end.file.map { "file=" + escapeProperty($0) + "," } ?? ""
        return "::warning " + file + "title=" + escapeProperty("runlens \(RankEndWords.caseName)")
            + "::" + escapeData(RankEndWords.sentence(end, in: run))
    }

    /// The line of a damage warning of the input at `path`.
    static func damageLine(_ path: String, _ warning: String) -> String {
        "::warning file=" + escapeProperty(path) + ",title=runlens input::"
            + escapeData("\(path): \(warning)")
    }

    /// The line of a run in which no metric was judged (which makes it exit 2).
    static var judgedNothingLine: String {
        "::error title=runlens::" + escapeData(ReportMarkdown.judgedNothingText)
    }

    /// The lines of an analysis that could not do its job (exit 2): an `error` for each of
    /// `unreadable`, then one saying what stopped it, unless that is one of them; on the
    /// file and line of a malformed line under `--strict`.
    public static func lines(failure: AnalysisError, unreadable: [InputError]) -> [String] {
        var stop: [String] = []
        switch failure {
        case .input(let error):
            if !unreadable.contains(error) { stop = [line(error)] }
        case .malformed(let malformed):
            stop = [
                "::error file=" + escapeProperty(malformed.file) + ",line=\(malformed.line),"
                    + "title=runlens input::" + escapeData(failure.description)
            ]
        case .damaged(let input):
            stop = [
                "::error file=" + escapeProperty(input.path) + ",title=runlens input::"
                    + escapeData(failure.description)
            ]
        default:
            stop = ["::error title=runlens::" + escapeData(failure.description)]
        }
        return unreadable.map(line) + stop
    }

    /// The line of an input that could not be read.
    static func line(_ error: InputError) -> String {
        "::error file=" + escapeProperty(error.path) + ",title=runlens input::"
            + escapeData(error.description)
    }

    static func line(_ failOn: Severity?) -> (Incident) -> String {
        { incident in
            var properties: [String] = []
            if let (file, line) = fileAndLine(incident.location) {
                properties.append("file=" + escapeProperty(file))
                properties.append("line=\(line)")
            }
            properties.append("title=" + escapeProperty("runlens \(incident.detector)"))
            let command = level(incident.severity, failOn: failOn)
            return "::\(command) " + properties.joined(separator: ",") + "::"
                + escapeData(incident.message)
        }
    }

    /// `error`, `warning` or `notice`.
    static func level(_ severity: Severity, failOn: Severity?) -> String {
        if let failOn, severity >= failOn { return "error" }
        return severity >= .warning ? "warning" : "notice"
    }

    /// Splits `path:line` at its last colon; `nil` when there is no line number.
    static func fileAndLine(_ location: String?) -> (String, Int)? {
        guard let location, let colon = location.lastIndex(of: ":"),
            let line = Int(location[location.index(after: colon)...]), line > 0
        else { return nil }
        let file = String(location[..<colon])
        return file.isEmpty ? nil : (file, line)
    }

    /// A message: `%`, CR and LF percent-encoded, as the Actions toolkit does.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A property value: like a message, and `:` and `,` too.
    static func escapeProperty(_ text: String) -> String {
        var out = ""
        for character in escapeData(text).unicodeScalars {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
