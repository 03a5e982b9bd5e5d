/// What an `MLflowMetricReader` made of one line.
public enum MLflowLineResult: Equatable, Sendable {
    /// A point; its step, timestamp and value went to the visitor.
    case record
    /// The line is empty or holds only spaces.
    case empty
    /// The line cannot be read; nothing went to the visitor.
    case malformed(String)
}
