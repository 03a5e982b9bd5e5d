/// What a `CSVReader` made of the line it was given.
///
/// A record whose quoted field holds newlines spans several lines: each line but the last
/// gives `.incomplete`, and the last gives the outcome of the whole record.
/// `CSVReader.spannedLines` says how many lines that outcome accounts for.
public enum CSVLineResult: Equatable, Sendable {
    /// The header row (the first non-empty record, or the header written again), or Excel's
    /// `sep=` line before it: metadata.
    case header
    /// A data row; its cells went to the visitor.
    case record
    /// The line ends inside a quoted field; the record goes on in the next line.
    case incomplete
    /// The line is empty or holds only spaces.
    case empty
    /// The record cannot be read; nothing went to the visitor.
    case malformed(String)
}
