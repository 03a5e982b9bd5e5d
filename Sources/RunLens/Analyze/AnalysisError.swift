/// Why an analysis could not do its job (exit code 2).
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
    /// An input could not be opened or read.
    case input(InputError)
    /// `--strict` and a line could not be read.
    case malformed(MalformedLine)
    /// `--strict` and a compressed input was damaged or cut short.
    case damaged(DamagedInput)
    /// No record could be read from any input; the lines read, by what they were, the
    /// first line that could not be read, and the files found but skipped (not metric logs).
    case noRecords([String], Accounting, MalformedLine?, skipped: [SkippedInput] = [])
    /// Nothing to analyze: the inputs held no log file.
    case noInputs([String])
    /// Window rows could not be moved to their temporary file.
    case windowSpill(WindowSpillError)
    /// The configuration or the baseline could not be used: the line saying why.
    case setup(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .input(let error):
            return error.description
        case .malformed(let line):
            return "\(line.file):\(line.line): \(line.reason) (--strict)"
        case .damaged(let input):
            return "\(input.path): \(input.reason) (\(input.read.breakdown)) (--strict)"
        case .noRecords(let paths, let counts, let first, let skipped):
            let example = first.map { "; first: \($0.description)" } ?? ""
            return "no metric record could be read from \(paths.quotedList()) "
                + "(\(counts.breakdown)\(example)\(Self.skippedText(skipped)))"
        case .noInputs(let paths):
            return "no log file found in \(paths.quotedList())"
        case .windowSpill(let error):
            return error.description
        case .setup(let reason):
            return reason
        }
    }

    /// `; 3 files skipped, first 'a.log': plain-text log; …`: why a folder gave nothing.
    private static func skippedText(_ skipped: [SkippedInput]) -> String {
        let files = skipped.filter { !$0.path.isEmpty }
        guard let first = files.first else { return "" }
        let count = files.count == 1 ? "skipped" : "\(files.count) files skipped, first"
        return "; \(count) '\(first.path)': \(first.reason)"
    }
}
