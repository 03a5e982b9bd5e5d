/// Reads a CSV log with a header row, one line at a time, and hands each row's cells to a
/// `FieldVisitor` under the column names.
///
/// Quoting follows RFC 4180 (`""` stands for a quote; a quoted field may hold delimiters
/// and newlines, so a record may span lines). Names and cells are trimmed of surrounding
/// spaces. A cell is given to the visitor as
/// - null: empty, `N/A`, `[N/A]` or `[Not Supported]` (nvidia-smi), or a spreadsheet's error
///   value (`#DIV/0!`, `#N/A`, ...), which is also counted (``errorCells``);
/// - a number: decimal, exponent, `nan`, `inf`, or a number with a unit such as
///   `17092 MiB` or `45 %` (the unit goes to `columnUnits`, not into the key);
/// - a bool: `true` or `false` in any letter case;
/// - a string: anything else (dates, host names, tags).
///
/// A number may be written with a decimal comma and dots between thousands (`1.234,5`):
/// each column's mark is learnt from the input's head (``learnDecimalMarks(from:)``) and
/// held; a cell written with the other mark is left out and counted (``unfitCells``). Where
/// the delimiter is a comma or a tab, a comma may also group thousands (`1,234`), and such a
/// cell tells no mark (``CSVDecimalMarks``).
///
/// A quoted field left open past ``maxLinesPerRecord`` lines, or to the end of the input, makes
/// its first line malformed, and the lines it took in after that are given back to be read
/// again (``readGivenBack(visitor:)``): a stray quote costs one line, never the rows after it.
///
/// A row with fewer cells than the header gives null for the missing ones; a row with more
/// is malformed, unless the one more is empty: a row ended by a delimiter, as some writers end
/// every row, whose empty last cell is ignored and counted (``trailingEmptyCells``). Keys are
/// encoded once from the header, so reading a row allocates nothing.
public struct CSVReader {
    /// The byte between fields: `,`, tab or `;`.
    public let delimiter: UInt8
    /// How many lines a quoted field may span before the record is given up as malformed.
    public let maxLinesPerRecord: Int
    /// The column names used as keys, once the header has been read.
    public private(set) var columnNames: [String] = []
    /// Each column's unit: from the header (`memory.used [MiB]`), else from the first cell
    /// that carried one (`45 %`); `nil` when none was seen.
    public private(set) var columnUnits: [String?] = []
    /// How many times `columnUnits` has changed: once for the header, once for each unit
    /// first learnt from a cell.
    public private(set) var unitsRevision = 0
    /// How many lines the last result accounts for: 1 for a one-line record, the number of
    /// lines a multi-line record spanned, 0 for `.incomplete`, and 1 for a record given up with
    /// its quote left open (its first line; the others are given back).
    public private(set) var spannedLines = 0
    /// How many cells were left out, over the input, as numbers only with the decimal mark
    /// their column does not write (`2.5` among `1.234,5`); null went to the visitor instead.
    public private(set) var unfitCells = 0
    /// The first cell left out so: its column's name, its text and its column's mark.
    private(set) var firstUnfitCell: UnfitCell?

    /// How many cells held a spreadsheet's error value (`#DIV/0!`), over the input; null went
    /// to the visitor instead.
    public private(set) var errorCells = 0
    /// The first such cell: its column's name and its text.
    private(set) var firstErrorCell: (column: String, text: String)?

    /// How many rows, over the input, ended with a delimiter past the header's last column,
    /// whose empty cell after it was ignored.
    public private(set) var trailingEmptyCells = 0

    /// A cell left out as written with the other decimal mark than its column's.
    struct UnfitCell: Equatable {
        var column: String
        var text: String
        var columnMark: CSVCell.DecimalMark
    }

    private var header = CSVHeader()
    private var headerSeen = false
    private var pending: [UInt8] = []
    private var pendingLines = 0
    /// Lines of a record given up, after its first, waiting to be read again: the next last.
    private var givenBack: [[UInt8]] = []
    private var spans: [CSVSpan] = []
    private var scratch: [UInt8] = []
    private var decimalMarks: CSVDecimalMarks
    /// Whether cells go to `decimalMarks` to learn from, not to the visitor.
    private var isLearning = false

    /// Creates a reader for fields separated by `delimiter`.
    public init(delimiter: UInt8 = UInt8(ascii: ","), maxLinesPerRecord: Int = 64) {
        self.delimiter = delimiter
        self.maxLinesPerRecord = max(1, maxLinesPerRecord)
        decimalMarks = CSVDecimalMarks(commaMayGroup: delimiter != UInt8(ascii: ";"))
    }

    /// Whether the header row has been read.
    public var hasHeader: Bool { headerSeen }

    /// Whether the last line ended inside a quoted field, so the record goes on.
    public var needsMoreLines: Bool { pendingLines > 0 }

    /// Reads one line, given without its `\n` (a trailing `\r` is removed here).
    ///
    /// The first non-empty record is the header, unless it is Excel's `sep=` line
    /// (``CSVSeparatorHint``), given as `.header` too. For a data row the visitor gets one call
    /// per column, in header order, with keys valid only during the call.
    public mutating func read<Visitor: FieldVisitor>(
        line: UnsafeRawBufferPointer, visitor: inout Visitor
    ) -> CSVLineResult {
        readLine(Self.droppingCarriageReturn(line), visitor: &visitor)
    }

    /// How many lines wait to be read again (``readGivenBack(visitor:)``): the lines after the
    /// first of a record given up with its quote left open. They are the last lines given to
    /// ``read(line:visitor:)``, in their order, and are read before the next one.
    public var linesGivenBack: Int { givenBack.count }

    /// Reads the next line given back, as ``read(line:visitor:)`` reads a line; `nil` when
    /// none waits.
    public mutating func readGivenBack<Visitor: FieldVisitor>(visitor: inout Visitor)
        -> CSVLineResult?
    {
        guard let line = givenBack.popLast() else { return nil }
        return line.withUnsafeBytes { readLine($0, visitor: &visitor) }
    }

    /// Reads one line whose trailing `\r` is already removed.
    private mutating func readLine<Visitor: FieldVisitor>(
        _ line: UnsafeRawBufferPointer, visitor: inout Visitor
    ) -> CSVLineResult {
        if pendingLines > 0 {
            return continueRecord(with: line, visitor: &visitor)
        }

        guard !CSVCell.trimmed(line).isEmpty else {
            spannedLines = 1
            return .empty
        }

        spans.removeAll(keepingCapacity: true)
        guard CSVFieldSplitter.split(line, from: 0, delimiter: delimiter, into: &spans) != nil
        else {
            pending.removeAll(keepingCapacity: true)
            pending.append(contentsOf: line)
            pendingLines = 1
            spannedLines = 0
            return .incomplete
        }

        spannedLines = 1
        return complete(line, visitor: &visitor)
    }

    /// Learns each column's decimal mark from the records of `head`, the first bytes of the
    /// input, before its first line is read (``CSVDecimalMarks``). A last line `head` does not
    /// end is left out: the same bytes give the same marks however the input is cut into
    /// chunks. Nothing goes to a visitor.
    public mutating func learnDecimalMarks(from head: UnsafeRawBufferPointer) {
        guard !headerSeen else { return }
        var scout = self
        scout.isLearning = true
        var ignored = IgnoredFields()
        var start = 0
        while let end = head[start...].firstIndex(of: CSVFieldSplitter.newline) {
            _ = scout.read(
                line: UnsafeRawBufferPointer(rebasing: head[start..<end]), visitor: &ignored)
            while scout.readGivenBack(visitor: &ignored) != nil {}
            start = end + 1
        }
        decimalMarks = scout.decimalMarks
        decimalMarks.settle()
    }

    /// Ends the input: a record still waiting for its closing quote is malformed, and the
    /// lines after its first are given back. Once they are read, call it again until it
    /// returns `nil`.
    ///
    /// - Returns: `nil` when no record was pending.
    public mutating func finish() -> CSVLineResult? {
        guard pendingLines > 0 else {
            return nil
        }
        return giveUp(pending, "quoted field not closed at the end of the input")
    }

    private mutating func continueRecord<Visitor: FieldVisitor>(
        with line: UnsafeRawBufferPointer, visitor: inout Visitor
    ) -> CSVLineResult {
        pending.append(CSVFieldSplitter.newline)
        pending.append(contentsOf: line)
        pendingLines += 1

        var record: [UInt8] = []
        swap(&record, &pending)
        defer { swap(&record, &pending) }

        spans.removeAll(keepingCapacity: true)
        let end = record.withUnsafeBytes { bytes in
            CSVFieldSplitter.split(bytes, from: 0, delimiter: delimiter, into: &spans)
        }

        guard end != nil else {
            guard pendingLines < maxLinesPerRecord else {
                let reason = "quoted field not closed within \(maxLinesPerRecord) lines"
                return giveUp(record, reason)
            }
            return waitForMoreLines()
        }

        spannedLines = pendingLines
        pendingLines = 0
        return record.withUnsafeBytes { bytes in complete(bytes, visitor: &visitor) }
    }

    private mutating func waitForMoreLines() -> CSVLineResult {
        spannedLines = 0
        return .incomplete
    }

    /// Makes the first line of the pending `record` malformed and gives the lines after it
    /// back, to be read again before any line not yet read.
    private mutating func giveUp(_ record: [UInt8], _ reason: String) -> CSVLineResult {
        let lines = record.split(
            separator: CSVFieldSplitter.newline, omittingEmptySubsequences: false)
        let later = lines.dropFirst()
        givenBack.append(contentsOf: later.reversed().map { Array($0) })
        spannedLines = 1
        pendingLines = 0

        switch later.count {
        case 0: return .malformed(reason)
        case 1: return .malformed(reason + ": the line after it is read again")
        default: return .malformed(reason + ": the \(later.count) lines after it are read again")
        }
    }

    /// Handles a whole record whose fields are in `spans`.
    private mutating func complete<Visitor: FieldVisitor>(
        _ record: UnsafeRawBufferPointer, visitor: inout Visitor
    ) -> CSVLineResult {
        guard headerSeen else {
            if CSVSeparatorHint.delimiter(in: record) != nil { return .header }
            header = CSVHeader(record: record, spans: spans)
            headerSeen = true
            columnNames = header.names
            columnUnits = header.units
            unitsRevision += 1
            return .header
        }

        let endsWithDelimiter = CSVFieldSplitter.endsWithEmptyCell(spans, past: header.count)
        guard spans.count <= header.count || endsWithDelimiter else {
            return .malformed("row has \(spans.count) fields, header has \(header.count)")
        }

        if header.isRepeated(in: record, spans: spans) {
            return .header
        }

        if endsWithDelimiter { trailingEmptyCells += 1 }
        visitCells(of: record, visitor: &visitor)
        return .record
    }

    private mutating func visitCells<Visitor: FieldVisitor>(
        of record: UnsafeRawBufferPointer, visitor: inout Visitor
    ) {
        let header = self.header
        var scratch: [UInt8] = []
        swap(&scratch, &self.scratch)
        defer { swap(&scratch, &self.scratch) }

        header.keyBytes.withUnsafeBytes { keys in
            for column in 0..<header.count {
                let key = UnsafeRawBufferPointer(rebasing: keys[header.keyRanges[column]])
                guard column < spans.count else {
                    visitor.visitNull(key: key)
                    continue
                }

                let span = spans[column]
                guard span.needsDecoding else {
                    let cell = UnsafeRawBufferPointer(rebasing: record[span.content])
                    let quoted = span.content != span.raw
                    visit(cell: cell, quoted: quoted, column: column, key: key, visitor: &visitor)
                    continue
                }

                scratch.removeAll(keepingCapacity: true)
                CSVFieldSplitter.decode(
                    UnsafeRawBufferPointer(rebasing: record[span.raw]), into: &scratch)
                scratch.withUnsafeBytes { cell in
                    visit(cell: cell, quoted: true, column: column, key: key, visitor: &visitor)
                }
            }
        }
    }

    /// Hands one cell to `visitor`, a number read with its column's decimal mark
    /// (``CSVDecimalMarks``).
    private mutating func visit<Visitor: FieldVisitor>(
        cell: UnsafeRawBufferPointer, quoted: Bool, column: Int, key: UnsafeRawBufferPointer,
        visitor: inout Visitor
    ) {
        if CSVCell.isSpreadsheetError(cell) {
            guard !isLearning else { return }
            noteError(cell, column: column)
            return visitor.visitNull(key: key)
        }
        if isLearning { return decimalMarks.learn(cell, column: column) }
        if readsWithAPoint(cell, quoted: quoted) {
            return visit(CSVCell.classify(cell), cell, column: column, key: key, to: &visitor)
        }
        guard let kind = decimalMarks.classify(cell, column: column) else {
            noteUnfit(cell, column: column)
            return visitor.visitNull(key: key)
        }
        visit(kind, cell, column: column, key: key, to: &visitor)
    }

    /// Whether `cell` is read with a decimal point and classified once, as a file without
    /// decimal commas is read throughout: in a comma- or tab-separated file while no column
    /// writes decimal commas, a cell without a comma, which in a comma-separated file only a
    /// quoted cell can hold.
    private func readsWithAPoint(_ cell: UnsafeRawBufferPointer, quoted: Bool) -> Bool {
        let comma = UInt8(ascii: ",")
        guard decimalMarks.commaMayGroup, !decimalMarks.hasCommaColumn else { return false }
        return (delimiter == comma && !quoted) || !cell.contains(comma)
    }

    private mutating func visit<Visitor: FieldVisitor>(
        _ kind: CSVCell, _ cell: UnsafeRawBufferPointer, column: Int,
        key: UnsafeRawBufferPointer, to visitor: inout Visitor
    ) {
        switch kind {
        case .null:
            visitor.visitNull(key: key)
        case .number(let value):
            visitor.visitNumber(key: key, index: nil, value: value)
        case .measurement(let value, let unit):
            if columnUnits[column] == nil {
                columnUnits[column] = String(decoding: cell[unit], as: UTF8.self)
                unitsRevision += 1
            }
            visitor.visitNumber(key: key, index: nil, value: value)
        case .bool(let flag):
            visitor.visitBool(key: key, value: flag)
        case .text:
            visitor.visitString(key: key, value: cell)
        }
    }

    private mutating func noteUnfit(_ cell: UnsafeRawBufferPointer, column: Int) {
        unfitCells += 1
        guard firstUnfitCell == nil, let mark = decimalMarks.mark(of: column) else { return }
        firstUnfitCell = UnfitCell(
            column: columnNames[column], text: String(decoding: cell.prefix(40), as: UTF8.self),
            columnMark: mark)
    }

    private mutating func noteError(_ cell: UnsafeRawBufferPointer, column: Int) {
        errorCells += 1
        guard firstErrorCell == nil else { return }
        let text = String(decoding: CSVCell.trimmed(cell), as: UTF8.self)
        firstErrorCell = (columnNames[column], text)
    }

    private static func droppingCarriageReturn(_ line: UnsafeRawBufferPointer)
        -> UnsafeRawBufferPointer
    {
        guard let last = line.last, last == 0x0D else {
            return line
        }
        return UnsafeRawBufferPointer(rebasing: line[..<(line.count - 1)])
    }
}

/// A visitor that keeps nothing, for records read only to learn from.
private struct IgnoredFields: FieldVisitor {
    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {}
    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {}
    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {}
    mutating func visitNull(key: UnsafeRawBufferPointer) {}
}
