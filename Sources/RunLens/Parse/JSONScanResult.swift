/// What `JSONScanner.scanRecord` found on one line.
public enum JSONScanResult: Equatable, Sendable {
    /// A JSON object was read and its leaves were given to the visitor.
    case record
    /// The line is empty or holds only whitespace (spaces, tabs, `\r`, `\n`).
    case empty
    /// The line is not one valid JSON object; the visitor received nothing.
    ///
    /// - Parameters:
    ///   - reason: a short lowercase phrase for people, such as `unterminated string`.
    ///   - column: the 1-based byte column where the problem was found.
    case malformed(reason: String, column: Int)
}
