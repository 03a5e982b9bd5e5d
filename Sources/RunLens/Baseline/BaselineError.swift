/// Why `--baseline` cannot be used: the file named, and the reason.
public struct BaselineError: Error, Equatable, CustomStringConvertible {
    /// The file read (the `summary.json` inside a folder given).
    public var path: String
    /// What is wrong, in a few words.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// One line: `baseline 'PATH': REASON`.
    public var description: String { "baseline '\(path)': \(reason)" }
}
