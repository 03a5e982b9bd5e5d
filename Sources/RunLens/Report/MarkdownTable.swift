/// Builds a GitHub-flavoured Markdown table, escaping pipes, line ends, `<` and the `&` of
/// what would read as an entity in cells.
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
    /// Inside a code span (``MarkdownCode/span(_:)``) `<` stays as it is: a span shows its
    /// text literally, entities included, and no HTML starts there.
    static func escape(_ cell: String) -> String {
        guard cell.utf8.contains(where: needsEscape) else { return cell }
        let bytes = Array(cell.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 8)
        var fence = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == tick, fence > 0 || index == 0 || bytes[index - 1] != backslash {
                let run = ticks(bytes, at: index)
                if fence == 0, closes(bytes, from: index + run, length: run) {
                    fence = run
                } else if run == fence {
                    fence = 0
                }
                out += bytes[index..<(index + run)]
                index += run
                continue
            }
            switch byte {
            case UInt8(ascii: "|"): out += "\\|".utf8
            case UInt8(ascii: "<") where fence == 0: out += "&lt;".utf8
            case UInt8(ascii: "&") where fence == 0 && startsEntity(bytes, at: index + 1):
                out += "&amp;".utf8
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): out.append(UInt8(ascii: " "))
            default: out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the byte at `index` may go on an `&` into an entity (`&amp;`, `&#38;`): a
    /// letter, a digit or `#`. A bare `&` (`a & b`) shows as it is.
    private static func startsEntity(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index] | 0x20
        return (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9"))
            || bytes[index] == UInt8(ascii: "#")
    }

    private static let tick = UInt8(ascii: "`")
    private static let backslash = UInt8(ascii: "\\")

    /// The length of the run of backticks at `index`.
    private static func ticks(_ bytes: [UInt8], at index: Int) -> Int {
        var end = index
        while end < bytes.count, bytes[end] == tick { end += 1 }
        return end - index
    }

    /// Whether a run of exactly `length` backticks comes at or after `start`: what closes a
    /// code span opened by such a run (CommonMark).
    private static func closes(_ bytes: [UInt8], from start: Int, length: Int) -> Bool {
        var index = start
        while index < bytes.count {
            guard bytes[index] == tick else {
                index += 1
                continue
            }
            let run = ticks(bytes, at: index)
            if run == length { return true }
            index += run
        }
        return false
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "|") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "&")
    }
}
