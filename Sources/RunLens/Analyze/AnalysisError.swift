/// Why an analysis could not do its job (exit code 2).
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
    /// An input could not be opened or read.
    case input(InputError)
    /// `--strict` and a line could not be read.
    case malformed(MalformedLine)
    /// No record could be read from any input; the lines read, by what they were, and the
    /// first line that could not be read.
    case noRecords([String], Accounting, MalformedLine?)
    /// Nothing to analyze: the inputs held no log file.
    case noInputs([String])

    /// One line for the user.
    public var description: String {
        switch self {
        case .input(let error):
            return error.description
        case .malformed(let line):
            return "\(line.file):\(line.line): \(line.reason) (--strict)"
        case .noRecords(let paths, let counts, let first):
            let example = first.map { "; first: \($0.description)" } ?? ""
            return "no metric record could be read from \(Self.list(paths)) "
                + "(\(counts.breakdown)\(example))"
        case .noInputs(let paths):
            return "no log file found in \(Self.list(paths))"
        }
    }

    private static func list(_ paths: [String]) -> String {
        let quoted = paths.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        return paths.count > 3 ? "\(quoted) and \(paths.count - 3) more" : quoted
    }
}
