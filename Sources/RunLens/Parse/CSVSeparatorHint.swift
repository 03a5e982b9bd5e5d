/// The line `sep=;` that Excel writes, and reads, before a CSV file's header to name the
/// file's delimiter (`sep=,`, `sep=;` or `sep=` and a tab): metadata, not the header.
enum CSVSeparatorHint {
    private static let delimiters: [UInt8] = [
        UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"),
    ]

    /// The delimiter `line` names when it is such a line; `line` starts at the line's first
    /// byte and may run on past its end (`\r` or `\n`).
    static func delimiter(in line: UnsafeRawBufferPointer) -> UInt8? {
        guard line.count >= 5, line.prefix(4).map({ $0 | 0x20 }).elementsEqual("sep=".utf8),
            delimiters.contains(line[4])
        else { return nil }
        let next = line.count > 5 ? line[5] : CSVFieldSplitter.newline
        return next == CSVFieldSplitter.newline || next == 0x0D ? line[4] : nil
    }
}
