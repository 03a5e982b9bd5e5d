/// What a head that is not a log looks like when it is close to CSV, so that refusing it can
/// say what was seen and what runlens needs instead of calling it plain text.
public enum CSVLookalike: Equatable, Sendable {
    /// Rows of values, each with as many fields as the first, and no header naming them:
    /// nvidia-smi's `--format=csv,noheader`. The first line is given for the message.
    case headerless(fields: Int, firstLine: String)
    /// A header and no row after it. The header is given for the message.
    case headerOnly(fields: Int, header: String)

    /// Why such an input cannot be read, and what would be.
    public var reason: String {
        switch self {
        case .headerless(let fields, let line):
            return "CSV rows of \(fields) fields without a header: the first line, "
                + "'\(line)', holds values, not column names; runlens reads CSV whose first "
                + "line names the columns (nvidia-smi: --format=csv, without noheader)"
        case .headerOnly(let fields, let header):
            return "one line, '\(header)', which reads as a CSV header of \(fields) columns "
                + "with no row after it: no metric record to read; runlens reads CSV whose "
                + "header has rows of values after it"
        }
    }

    /// The text of a line for a message: at most `limit` characters, an ellipsis after a cut.
    static func quoted(_ line: UnsafeRawBufferPointer, limit: Int = 60) -> String {
        let text = PrintableText.of(String(decoding: line, as: UTF8.self))
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }
}
