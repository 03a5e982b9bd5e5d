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

    /// A number written with a decimal comma (`2,5`, `-0,001`, `,5`, `1,5e-4`), its whole part
    /// maybe grouped in thousands by dots (`1.234,5`, `12.345`, `1.000.000`), spaces or
    /// no-break spaces (`1 234,5`, U+00A0 and U+202F as French writes them), one kind a cell;
    /// `nil` for anything else, a cell with two commas, without a digit after its comma, or
    /// with a separator elsewhere than between groups of three digits (`2.5`, `0.123`)
    /// included.
    static func decimalCommaNumber(_ text: UnsafeRawBufferPointer) -> Double? {
        let cell = trimmed(text)
        let start = cell.first == UInt8(ascii: "-") || cell.first == UInt8(ascii: "+") ? 1 : 0
        guard cell.count <= 64, hasOneComma(cell, after: start) else { return nil }

        let comma = UInt8(ascii: ",")
        let wholeEnd =
            cell.firstIndex { $0 == comma || $0 | 0x20 == UInt8(ascii: "e") } ?? cell.count
        guard isGrouped(cell, from: start, to: wholeEnd) else { return nil }

        // The separators between thousands go, the comma becomes a point; `,5` gains its 0.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: cell.count + 1) { copy in
            var count = 0
            for (index, byte) in cell.enumerated()
            where index < start || index >= wholeEnd || !isSeparatorByte(byte) {
                if index == wholeEnd, index == start, byte == comma {
                    copy[count] = UInt8(ascii: "0")
                    count += 1
                }
                copy[count] = byte == comma ? UInt8(ascii: ".") : byte
                count += 1
            }
            return number(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[..<count]))
        }
    }

    /// Whether `cell` may be a whole number grouped in thousands by a comma, as English writes
    /// it: a sign maybe, one to three digits not starting with 0, a comma, exactly three
    /// digits, then no digit (`1,234`, `12,345 MiB`). Such a cell reads with a decimal comma
    /// too (1.234), so in a file whose delimiter is not a semicolon it shows no mark.
    static func mayBeGroupedByComma(_ text: UnsafeRawBufferPointer) -> Bool {
        let cell = trimmed(text)
        let start = cell.first == UInt8(ascii: "-") || cell.first == UInt8(ascii: "+") ? 1 : 0
        guard let comma = cell.firstIndex(of: UInt8(ascii: ",")), comma > start,
            comma - start <= 3, cell[start] != UInt8(ascii: "0"),
            cell[start..<comma].allSatisfy(isDigit), comma + 4 <= cell.count,
            cell[(comma + 1)..<(comma + 4)].allSatisfy(isDigit)
        else { return false }
        return comma + 4 == cell.count || !isDigit(cell[comma + 4])
    }

    /// Whether `cell` holds no comma, or one with a digit after it and a digit or the start
    /// of the number (`start`, after a sign) before it.
    private static func hasOneComma(_ cell: UnsafeRawBufferPointer, after start: Int) -> Bool {
        let comma = UInt8(ascii: ",")
        guard let at = cell.firstIndex(of: comma) else { return true }
        return at + 1 < cell.count && cell.lastIndex(of: comma) == at
            && (at == start || at > start && isDigit(cell[at - 1])) && isDigit(cell[at + 1])
    }

    /// Whether `cell[start..<end]` holds only digits, or digits grouped by one kind of
    /// separator (``separatorLength(_:at:)``): a first group of one to three digits that does
    /// not start with 0, then groups of three.
    private static func isGrouped(_ cell: UnsafeRawBufferPointer, from start: Int, to end: Int)
        -> Bool
    {
        guard start < end, cell[start..<end].contains(where: isSeparatorByte) else {
            return true
        }
        guard cell[start] != UInt8(ascii: "0") else { return false }

        var length = 0
        var separator: UInt8?
        var index = start
        while index < end {
            let byte = cell[index]
            if isDigit(byte) {
                length += 1
                index += 1
                continue
            }
            let size = separatorLength(cell, at: index)
            guard size > 0, separator ?? byte == byte,
                separator == nil ? (1...3).contains(length) : length == 3
            else { return false }
            separator = byte
            length = 0
            index += size
        }
        return length == 3
    }

    /// The bytes of the thousands separator at `index`: a dot, a space, a no-break space
    /// (U+00A0) or a narrow one (U+202F) in UTF-8; 0 when there is none.
    private static func separatorLength(_ cell: UnsafeRawBufferPointer, at index: Int) -> Int {
        let rest = cell[index...]
        switch cell[index] {
        case UInt8(ascii: "."), UInt8(ascii: " "): return 1
        case 0xC2 where rest.starts(with: [0xC2, 0xA0]): return 2
        case 0xE2 where rest.starts(with: [0xE2, 0x80, 0xAF]): return 3
        default: return 0
        }
    }

    /// Whether `byte` is one of a thousands separator's (``separatorLength(_:at:)``).
    private static func isSeparatorByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: " "), 0xC2, 0xA0, 0xE2, 0x80, 0xAF: return true
        default: return false
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
