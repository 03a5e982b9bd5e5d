@testable import RunLens

/// Feeds the input's lines to a `CSVReader` (the first byte picks the delimiter,
/// or a small cap on the lines a quoted field may span) and checks
/// that the lines its results account for are exactly the lines given.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size > 0, let data else { return 0 }
    let selector = data[0]
    let isDelimiter = selector == UInt8(ascii: "\t") || selector == UInt8(ascii: ";")
    let delimiter = isDelimiter ? selector : UInt8(ascii: ",")
    let maxLines = selector == UInt8(ascii: ",") || isDelimiter ? 64 : 1 + Int(selector) % 8
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)

    var reader = CSVReader(delimiter: delimiter, maxLinesPerRecord: maxLines)
    reader.learnDecimalMarks(from: body)
    var visitor = TouchingVisitor()
    var accounted = 0
    let lines = fuzzLines(body)
    for line in lines {
        let result = reader.read(line: line, visitor: &visitor)
        if result == .incomplete {
            fuzzCheck(reader.spannedLines == 0, "incomplete result spans lines")
        } else {
            fuzzCheck(reader.spannedLines >= 1, "\(result) spans no line")
            accounted += reader.spannedLines
        }
        fuzzCheck(
            reader.columnNames.count == reader.columnUnits.count, "names and units differ")
    }
    if reader.finish() != nil { accounted += reader.spannedLines }
    fuzzCheck(accounted == lines.count, "\(accounted) lines accounted of \(lines.count)")
    return 0
}
