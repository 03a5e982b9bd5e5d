/// Why an input could not be read.
public struct InputError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, in the words shown to the user.
    public enum Kind: Equatable, Sendable {
        case notFound
        case permissionDenied
        case isDirectory
        case readFailed(String)
        case corrupt(String)
        case unsupportedFormat(String)
        /// Read, but not a record in it; what its lines were instead (`3 lines: 3 malformed;
        /// first: …`), or empty.
        case noRecords(String)
    }

    /// The path as the user gave it, or `-` for standard input.
    public var path: String
    /// The failure.
    public var kind: Kind

    /// Creates an error for `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// One line for the user: the path in quotes, then the reason.
    public var description: String {
        switch kind {
        case .notFound: return "cannot read '\(path)': no such file or directory"
        case .permissionDenied: return "cannot read '\(path)': permission denied"
        case .isDirectory: return "cannot read '\(path)': is a directory"
        case .readFailed(let why): return "cannot read '\(path)': \(why)"
        case .corrupt(let why): return "'\(path)' is corrupt: \(why)"
        case .unsupportedFormat(let why): return "'\(path)': unsupported format: \(why)"
        case .noRecords(let why):
            let detail = why.isEmpty ? "" : " (\(why))"
            return "'\(path)': no metric record could be read\(detail)"
        }
    }
}
