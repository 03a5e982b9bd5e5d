extension CSVCell {
    /// How a column's numbers write their fraction: with a decimal point (`1234.5`), or with a
    /// decimal comma and dots between thousands (`1.234,5`), as spreadsheets set to many
    /// European locales write numbers in the semicolon-separated files they export.
    enum DecimalMark: Equatable, Sendable {
        case dot
        case comma
    }

    /// A number written with `mark`; `nil` for anything else.
    static func number(_ cell: UnsafeRawBufferPointer, mark: DecimalMark) -> Double? {
        switch mark {
        case .dot: return number(cell)
        case .comma: return decimalCommaNumber(cell)
        }
    }

    /// A number written with a decimal comma (`2,5`, `-0,001`, `1,5e-4`), its whole part
    /// maybe grouped in thousands by dots (`1.234,5`, `12.345`, `1.000.000`); `nil` for
    /// anything else, a cell with two commas, without a digit on each side of its comma, or
    /// with a dot elsewhere than between groups of three digits (`2.5`, `0.123`) included.
    static func decimalCommaNumber(_ text: UnsafeRawBufferPointer) -> Double? {
        let cell = trimmed(text)
        guard cell.count <= 64, hasOneCommaBetweenDigits(cell) else { return nil }

        let comma = UInt8(ascii: ",")
        let dot = UInt8(ascii: ".")
        let start = cell.first == UInt8(ascii: "-") || cell.first == UInt8(ascii: "+") ? 1 : 0
        let wholeEnd =
            cell.firstIndex { $0 == comma || $0 | 0x20 == UInt8(ascii: "e") } ?? cell.count
        guard isGrouped(cell, from: start, to: wholeEnd) else { return nil }

        // The dots between thousands go, the comma becomes a point.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: cell.count) { copy in
            var count = 0
            for (index, byte) in cell.enumerated() where byte != dot || index >= wholeEnd {
                copy[count] = byte == comma ? dot : byte
                count += 1
            }
            return number(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[..<count]))
        }
    }

    /// Whether `cell` holds no comma, or one with a digit on each side.
    private static func hasOneCommaBetweenDigits(_ cell: UnsafeRawBufferPointer) -> Bool {
        let comma = UInt8(ascii: ",")
        guard let at = cell.firstIndex(of: comma) else { return true }
        return at > 0 && at + 1 < cell.count && cell.lastIndex(of: comma) == at
            && isDigit(cell[at - 1]) && isDigit(cell[at + 1])
    }

    /// Whether `cell[start..<end]` holds no dot, or only digits grouped by dots: a first group
    /// of one to three digits that does not start with 0, then groups of three.
    private static func isGrouped(_ cell: UnsafeRawBufferPointer, from start: Int, to end: Int)
        -> Bool
    {
        let dot = UInt8(ascii: ".")
        guard start < end, cell[start..<end].contains(dot) else { return true }
        guard cell[start] != UInt8(ascii: "0") else { return false }

        var length = 0
        var isFirst = true
        for byte in cell[start..<end] {
            if isDigit(byte) {
                length += 1
                continue
            }
            guard byte == dot, isFirst ? (1...3).contains(length) : length == 3 else {
                return false
            }
            isFirst = false
            length = 0
        }
        return length == 3
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
