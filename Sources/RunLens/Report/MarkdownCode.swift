/// Writes text from a log (a metric name, a path) as a Markdown code span that shows it as it
/// is, backticks included.
enum MarkdownCode {
    /// `text` between backticks: as many more than its longest run of backticks, with a space
    /// inside each end when it starts or ends with one (CommonMark takes those spaces off
    /// again); line ends become spaces, as they would in a span.
    static func span(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == tick || $0 == 0x0A || $0 == 0x0D }) else {
            return "`" + text + "`"
        }
        var longest = 0
        var run = 0
        for byte in text.utf8 {
            run = byte == tick ? run + 1 : 0
            longest = max(longest, run)
        }
        let flat = String(
            decoding: text.utf8.map { $0 == 0x0A || $0 == 0x0D ? UInt8(ascii: " ") : $0 },
            as: UTF8.self)
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.utf8.first == tick || flat.utf8.last == tick ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// `text` to show as plain text: its backticks escaped, so that a name with one (in a
    /// message, or listed among others) opens no code span.
    static func plain(_ text: String) -> String {
        guard text.utf8.contains(tick) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            if byte == tick { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let tick = UInt8(ascii: "`")
}
