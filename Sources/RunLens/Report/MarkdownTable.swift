/// Builds a GitHub-flavoured Markdown table, escaping pipes, line ends and `<` in cells.
struct MarkdownTable {
    private var lines: [String]

    /// Starts a table with `header`; `alignRight` marks numeric columns.
    init(_ header: [String], alignRight: Set<Int> = []) {
        lines = [Self.row(header)]
        let rule = header.indices.map { alignRight.contains($0) ? "---:" : "---" }
        lines.append("| " + rule.joined(separator: " | ") + " |")
    }

    mutating func add(_ cells: [String]) {
        lines.append(Self.row(cells))
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    /// Works on bytes, so a CRLF pair (one `Character`) becomes two spaces like its parts.
    static func escape(_ cell: String) -> String {
        guard cell.utf8.contains(where: needsEscape) else { return cell }
        var out = [UInt8]()
        out.reserveCapacity(cell.utf8.count + 8)
        for byte in cell.utf8 {
            switch byte {
            case UInt8(ascii: "|"): out += "\\|".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): out.append(UInt8(ascii: " "))
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "|") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
