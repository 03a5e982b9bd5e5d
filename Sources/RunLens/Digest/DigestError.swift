/// Why a digest could not do its job (exit code 2).
public enum DigestError: Error, Equatable, CustomStringConvertible {
    /// An input that does not exist or cannot be listed.
    case input(InputError)
    /// A `summary.json` that cannot be read as one.
    case summary(path: String, reason: String)
    /// The `--previous` digest cannot be read.
    case previous(path: String, reason: String)
    /// The inputs held no run.
    case noRuns([String])

    /// One line for the user.
    public var description: String {
        switch self {
        case .input(let error):
            return error.description
        case .summary(let path, let reason):
            return "cannot read summary '\(path)': \(reason)"
        case .previous(let path, let reason):
            return "cannot read previous digest '\(path)': \(reason)"
        case .noRuns(let paths):
            return "no run found in \(paths.quotedList())"
        }
    }
}
