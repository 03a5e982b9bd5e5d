/// The decimal mark of each column of a semicolon-separated CSV file, in which a spreadsheet
/// set to a decimal-comma locale writes 1234.5 as `1.234,5` (``CSVCell/DecimalMark``).
///
/// A cell that reads as a number with one mark only (`2,5`, `1.234,5`, `0.5`) shows its
/// column's mark; one that reads with both (`12`, `nan`, and `12.345`, which is 12.345 or
/// 12345) shows none. The marks are learnt from the rows of the input's head
/// (``learn(_:column:)``), each column taking the mark most of its cells there show, and then
/// held (``settle()``). When the columns that show a mark in the head agree, that is the file's
/// mark, and a column whose head shows none (its numbers all whole there) holds to it. Only
/// when the head shows no mark anywhere, or its columns disagree, does a column without one
/// take the mark its first cell that shows one shows; until then its cells are read with the
/// mark of the other columns when those that have one agree, else with a point. A cell that
/// reads as a number only with the mark its column does not write is unfit: its value is left
/// out, and the reader counts it. Memory: two counts and a mark a column.
// TODO(#2): when no column of the head shows a mark (its numbers all whole, or all like
// `12.345`), cells that read either way are read with a point until a cell shows a mark, so
// `12.345` is 12.345 there even if the file writes decimal commas further on; holding such
// rows back until a mark is shown (bounded, as the hold-back of records is) would fix it.
struct CSVDecimalMarks {
    /// Each column's own mark, once its cells showed one.
    private var marks: [CSVCell.DecimalMark?] = []
    /// The cells of each column that showed a point or a comma while learning.
    private var votes: [(dot: Int, comma: Int)] = []
    /// The mark of the columns that have one, when they agree.
    private var fileMark: CSVCell.DecimalMark?
    /// Whether two columns have different marks.
    private var marksDiffer = false
    /// The file's mark as the head showed it, when its columns that show one agree: the mark
    /// of every column whose head shows none.
    private var headMark: CSVCell.DecimalMark?

    /// Counts the mark that `cell` of `column` shows, if any; for the rows of the head.
    mutating func learn(_ cell: UnsafeRawBufferPointer, column: Int) {
        guard Self.mayShowAMark(cell) else { return }
        let mark = Self.shownMark(
            dot: CSVCell.classify(cell), comma: CSVCell.classify(cell, mark: .comma))
        guard let mark else { return }

        while votes.count <= column { votes.append((0, 0)) }
        switch mark {
        case .dot: votes[column].dot += 1
        case .comma: votes[column].comma += 1
        }
    }

    /// Gives each column the mark that most of its cells learnt showed; a tie gives none.
    mutating func settle() {
        for (column, count) in votes.enumerated() where count.dot != count.comma {
            decide(column, count.dot > count.comma ? .dot : .comma)
        }
        votes = []
        headMark = fileMark
    }

    /// What `cell` of `column` holds, its number read with the column's mark; `nil` when it
    /// is unfit: a number only with the mark that its column does not write.
    mutating func classify(_ cell: UnsafeRawBufferPointer, column: Int) -> CSVCell? {
        let dotted = CSVCell.classify(cell)
        guard Self.mayShowAMark(cell) else { return dotted }
        let commaed = CSVCell.classify(cell, mark: .comma)

        if let own = mark(of: column) {
            let (kept, other) = own == .dot ? (dotted, commaed) : (commaed, dotted)
            return !kept.isNumeric && other.isNumeric ? nil : kept
        }
        if let shown = Self.shownMark(dot: dotted, comma: commaed) {
            decide(column, shown)
            return shown == .dot ? dotted : commaed
        }
        return fileMark == .comma ? commaed : dotted
    }

    /// The mark `column` holds to: its own, else the file's as the head showed it.
    func mark(of column: Int) -> CSVCell.DecimalMark? {
        (column < marks.count ? marks[column] : nil) ?? headMark
    }

    private mutating func decide(_ column: Int, _ mark: CSVCell.DecimalMark) {
        while marks.count <= column { marks.append(nil) }
        marks[column] = mark
        if !marksDiffer, fileMark == nil || fileMark == mark {
            fileMark = mark
        } else {
            marksDiffer = true
            fileMark = nil
        }
    }

    /// Whether `cell` holds a point or a comma, without which it reads the same either way.
    private static func mayShowAMark(_ cell: UnsafeRawBufferPointer) -> Bool {
        cell.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
    }

    /// The mark a cell shows that reads as `dot` with a point and as `comma` with a comma.
    private static func shownMark(dot: CSVCell, comma: CSVCell) -> CSVCell.DecimalMark? {
        switch (dot.isNumeric, comma.isNumeric) {
        case (true, false): return .dot
        case (false, true): return .comma
        default: return nil
        }
    }
}
