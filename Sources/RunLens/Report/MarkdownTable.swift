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

    static func escape(_ cell: String) -> String {
        var out = ""
        for character in cell {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
