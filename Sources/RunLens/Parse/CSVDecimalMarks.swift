/// The decimal mark of each column of a CSV file, in which a spreadsheet set to a
/// decimal-comma locale writes 1234.5 as `1.234,5` (``CSVCell/DecimalMark``), its fields
/// split by semicolons, tabs, or commas with such cells quoted.
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
///
/// In a comma- or tab-separated file (``commaMayGroup``) a comma may group thousands as
/// English writes them, so `1,234` and `12,345` show no mark there
/// (``CSVCell/mayBeGroupedByComma(_:)``); only a cell that cannot be so grouped (`2,5`,
/// `0,91`, `1,2345`, `1.234,5`, `,5`) shows a comma. Each column there holds to its own mark
/// alone, and a cell without a comma in a column without decimal commas is read with a point,
/// classified once, as a file without a telling cell is read throughout: after the head, a
/// column can only take decimal commas.
// TODO(#2): when no column of the head shows a mark (its numbers all whole, or all like
// `12.345`), cells that read either way are read with a point until a cell shows a mark, so
// `12.345` is 12.345 there even if the file writes decimal commas further on; holding such
// rows back until a mark is shown (bounded, as the hold-back of records is) would fix it.
// In a comma- or tab-separated file, likewise, a column's `1,000` cells before its first
// cell after the head that shows a comma stay text, while those after it read 1.
// TODO(#9): in a comma- or tab-separated file a column whose cells all look grouped by
// commas (`1,500`) keeps them as text even when the other columns write decimal commas;
// holding such a column to the mark the others agree on, when none shows a point, would read
// them, at the risk of misreading an English file with a list cell such as `"0,1"`.
struct CSVDecimalMarks {
    /// Whether a comma may group thousands: in a comma- or tab-separated file, not in a
    /// semicolon-separated one.
    let commaMayGroup: Bool
    /// Each column's own mark, once its cells showed one.
    private var marks: [CSVCell.DecimalMark?] = []
    /// The cells of each column that showed a point or a comma while learning.
    private var votes: [(dot: Int, comma: Int)] = []
    /// The mark of the columns that have one, when they agree.
    private var fileMark: CSVCell.DecimalMark?
    /// Whether two columns have different marks.
    private var marksDiffer = false
    /// Whether a column took decimal commas of its own.
    private(set) var hasCommaColumn = false
    /// The file's mark as the head showed it, when its columns that show one agree: the mark
    /// of every column whose head shows none.
    private var headMark: CSVCell.DecimalMark?

    /// Creates marks for a file whose commas may group thousands (``commaMayGroup``) or not.
    init(commaMayGroup: Bool = false) {
        self.commaMayGroup = commaMayGroup
    }

    /// Counts the mark that `cell` of `column` shows, if any; for the rows of the head.
    mutating func learn(_ cell: UnsafeRawBufferPointer, column: Int) {
        guard Self.mayShowAMark(cell) else { return }
        let mark = shownMark(
            cell, dot: CSVCell.classify(cell), comma: CSVCell.classify(cell, mark: .comma))
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
        headMark = commaMayGroup ? nil : fileMark
    }

    /// What `cell` of `column` holds, its number read with the column's mark; `nil` when it
    /// is unfit: a number only with the mark that its column does not write.
    mutating func classify(_ cell: UnsafeRawBufferPointer, column: Int) -> CSVCell? {
        let own = mark(of: column)
        if commaMayGroup, own != .comma, !cell.contains(Self.comma) {
            return CSVCell.classify(cell)
        }
        let dotted = CSVCell.classify(cell)
        guard Self.mayShowAMark(cell) else { return dotted }
        let commaed = CSVCell.classify(cell, mark: .comma)
        let shown = shownMark(cell, dot: dotted, comma: commaed)

        if let own {
            let kept = own == .dot ? dotted : commaed
            return shown == nil || shown == own ? kept : nil
        }
        if let shown {
            decide(column, shown)
            return shown == .dot ? dotted : commaed
        }
        return fileMark == .comma && !commaMayGroup ? commaed : dotted
    }

    /// The mark `column` holds to: its own, else the file's as the head showed it.
    func mark(of column: Int) -> CSVCell.DecimalMark? {
        (column < marks.count ? marks[column] : nil) ?? headMark
    }

    private mutating func decide(_ column: Int, _ mark: CSVCell.DecimalMark) {
        while marks.count <= column { marks.append(nil) }
        marks[column] = mark
        if mark == .comma { hasCommaColumn = true }
        if !marksDiffer, fileMark == nil || fileMark == mark {
            fileMark = mark
        } else {
            marksDiffer = true
            fileMark = nil
        }
    }

    /// Whether `cell` holds a point or a comma, without which it reads the same either way.
    private static func mayShowAMark(_ cell: UnsafeRawBufferPointer) -> Bool {
        cell.contains { $0 == UInt8(ascii: ".") || $0 == comma }
    }

    private static let comma = UInt8(ascii: ",")

    /// The mark `cell` shows, which reads as `dot` with a point and as `comma` with a comma:
    /// none when it reads as a number both ways or neither, or, where a comma may group
    /// thousands, when it may be so grouped.
    private func shownMark(_ cell: UnsafeRawBufferPointer, dot: CSVCell, comma: CSVCell)
        -> CSVCell.DecimalMark?
    {
        switch (dot.isNumeric, comma.isNumeric) {
        case (true, false): return .dot
        case (false, true):
            return commaMayGroup && CSVCell.mayBeGroupedByComma(cell) ? nil : .comma
        default: return nil
        }
    }
}
