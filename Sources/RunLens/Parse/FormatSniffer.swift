/// Recognises a log's format from its first decoded bytes, never from its name alone.
///
/// The checks run in this order:
/// 1. binary: a NUL byte in the first line, or more than 1 byte in 10 that is not UTF-8
///    text, unless the clean lines before the first such byte are a log by the checks below
///    (binary in the middle of a log is its malformed lines);
/// 2. JSON: `[` first gives a document; `{` first gives JSON Lines when the first line is a
///    whole object followed by a line starting with `{` (or nothing), else a document (an
///    object over many lines, as in `trainer_state.json`);
/// 3. MLflow metric file: every sampled line is `<int-ms> <number> <int-step>`;
/// 4. CSV: a header of two or more fields (`,`, tab or `;`), most of them names rather than
///    numbers, and rows with as many fields;
/// 5. anything else is text.
///
/// Empty input is JSON Lines with no record, so the caller reports that nothing was read.
public enum FormatSniffer {
    /// How many leading bytes `sniff` needs: 64 KiB.
    public static let headLength = 64 * 1024

    /// How many lines the line-based checks look at.
    static let sampleLines = 32

    /// How many leading bytes `sniff` judges of an input that starts with `bytes`:
    /// `headLength`, or, when the first line is longer (a CSV header of many columns), that
    /// line, the next `headLength` bytes and at least the second line whole, so that rows
    /// are seen after the header. More than `bytes.count` when more of the input is needed.
    public static func sniffedLength(of bytes: UnsafeRawBufferPointer) -> Int {
        guard let first = bytes.firstIndex(of: CSVFieldSplitter.newline), first >= headLength
        else {
            return headLength
        }
        let second = bytes[(first + 1)...].firstIndex(of: CSVFieldSplitter.newline)
        return max(first + 1 + headLength, second.map { $0 + 1 } ?? .max)
    }

    /// Recognises the format of a log from its head.
    ///
    /// - Parameters:
    ///   - head: the first `sniffedLength` decoded bytes, or all of a shorter input. When it
    ///     is `headLength` long or more, its last unterminated line is taken as cut and not
    ///     judged.
    ///   - fileName: used only to break a tie: a header without rows is CSV when the name
    ///     ends in `.csv` or `.tsv`.
    public static func sniff(_ head: UnsafeRawBufferPointer, fileName: String) -> LogFormat {
        let text = droppingByteOrderMark(head)
        let isCut = head.count >= headLength
        if isBinary(text, isCut: isCut) {
            return formatBeforeBinary(text, fileName: fileName)
        }
        return textFormat(HeadSample(text, isCut: isCut), fileName: fileName)
    }

    /// The format of a head that is text.
    private static func textFormat(_ sample: HeadSample, fileName: String) -> LogFormat {
        if let json = jsonFormat(sample) {
            return json
        }

        if !sample.lines.isEmpty, sample.lines.allSatisfy({ sample.isMLflowPoint($0) }) {
            return .mlflowMetric
        }

        if let delimiter = csvDelimiter(sample, fileName: fileName) {
            return .csv(delimiter: delimiter)
        }
        return sample.lines.isEmpty && sample.firstSolid == nil ? .jsonLines : .text
    }

    /// The format of the whole lines before the first byte that is not text, when they are a
    /// log on their own; `.binary` when the input is binary from its start.
    private static func formatBeforeBinary(_ text: UnsafeRawBufferPointer, fileName: String)
        -> LogFormat
    {
        let clean = UnsafeRawBufferPointer(rebasing: text[..<cleanLinesLength(text)])
        let sample = HeadSample(clean, isCut: true)
        guard !sample.lines.isEmpty else {
            return .binary
        }

        switch textFormat(sample, fileName: fileName) {
        case .text, .binary: return .binary
        case let format: return format
        }
    }

    /// Names a format for messages to the user; for `.text` and `.binary` it says why the
    /// input cannot be read.
    public static func describe(_ format: LogFormat) -> String {
        switch format {
        case .jsonLines:
            return "JSON Lines (one JSON object per line)"
        case .jsonDocument:
            return "JSON document"
        case .csv(let delimiter):
            return "CSV with a header row (\(delimiterName(delimiter)))"
        case .mlflowMetric:
            return "MLflow metric file (<timestamp> <value> <step>)"
        case .text:
            return "plain text, not a metric log; text training logs (llm.c, detectron2, "
                + "MMCV printers) are not supported yet: use their JSON or CSV output"
        case .binary:
            return "binary data, not a text log (compressed with an unknown method?)"
        }
    }

    private static func delimiterName(_ delimiter: UInt8) -> String {
        switch delimiter {
        case UInt8(ascii: ","): return "comma-separated"
        case UInt8(ascii: "\t"): return "tab-separated"
        case UInt8(ascii: ";"): return "semicolon-separated"
        default: return "fields separated by '\(Character(Unicode.Scalar(delimiter)))'"
        }
    }

    static func droppingByteOrderMark(_ head: UnsafeRawBufferPointer)
        -> UnsafeRawBufferPointer
    {
        guard head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF else {
            return head
        }
        return UnsafeRawBufferPointer(rebasing: head[3...])
    }
}
