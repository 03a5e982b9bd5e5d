/// A file found in a directory that is not a log, or that could not be read.
public struct SkippedInput: Sendable, Codable, Equatable {
    /// The path.
    public var path: String
    /// Why it was skipped.
    public var reason: String
}
