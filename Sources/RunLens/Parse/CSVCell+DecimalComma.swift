// TODO(#2): decided cell by cell: a thousands separator (`1.234,5`) leaves the cell text, so
// its column is dropped with no note, and `12.345` in a file of decimal commas reads as
// 12.345; deciding per column from its cells would fix both.
extension CSVCell {
    /// A number written with a decimal comma (`2,5`, `-0,001`, `1,5e-4`), as spreadsheets set
    /// to many European locales write numbers in the semicolon-separated files they export;
    /// `nil` for anything else, a cell with two commas or without a digit on each side of
    /// its comma included.
    static func decimalCommaNumber(_ cell: UnsafeRawBufferPointer) -> Double? {
        let comma = UInt8(ascii: ",")
        guard cell.count <= 64, let at = cell.firstIndex(of: comma), at > 0,
            at + 1 < cell.count, cell.lastIndex(of: comma) == at,
            isDigit(cell[at - 1]), isDigit(cell[at + 1])
        else { return nil }
        var copy = Array(cell)
        copy[at] = UInt8(ascii: ".")
        return copy.withUnsafeBytes { number($0) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
