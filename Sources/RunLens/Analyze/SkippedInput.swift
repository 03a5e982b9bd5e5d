/// A file found in a directory that is not a log, or that could not be read.
public struct SkippedInput: Sendable, Codable, Equatable {
    /// The path.
    public var path: String
    /// Why it was skipped.
    public var reason: String

    /// Creates an entry.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

extension SkippedInput: CustomStringConvertible {
    /// `skipped 'x': hidden`.
    public var description: String { "skipped '\(path)': \(reason)" }
}
