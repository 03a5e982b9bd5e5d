import Foundation

/// Builds RFC 4180 CSV text: fields quoted only when they hold a comma, quote or line end.
public struct CSVWriter {
    /// The text so far.
    public private(set) var text = ""

    /// Starts a document with `header`.
    public init(header: [String]) {
        writeRow(header)
    }

    /// Appends one row.
    public mutating func writeRow(_ fields: [String]) {
        Self.appendRow(fields, to: &text)
    }

    /// Appends one row to `text`.
    static func appendRow(_ fields: [String], to text: inout String) {
        for (position, field) in fields.enumerated() {
            if position > 0 { text.append(",") }
            text.append(quote(field))
        }
        text.append("\r\n")
    }

    /// `field`, quoted and with quotes doubled when it needs it.
    /// Looks at bytes, not characters: a CRLF pair is one `Character` equal to neither line end.
    public static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: needsQuotes) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
