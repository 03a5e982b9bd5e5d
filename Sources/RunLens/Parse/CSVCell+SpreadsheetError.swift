extension CSVCell {
    /// The error values a spreadsheet writes in a cell whose formula failed, as it exports them.
    private static let spreadsheetErrors: [[UInt8]] = [
        "#DIV/0!", "#N/A", "#VALUE!", "#NUM!", "#REF!", "#NAME?", "#NULL!",
    ].map { Array($0.utf8) }

    /// Whether `cell`, trimmed, is a spreadsheet's error value (`#DIV/0!`, `#N/A`, ...): a
    /// value the formula could not give, so a missing one.
    static func isSpreadsheetError(_ cell: UnsafeRawBufferPointer) -> Bool {
        guard let first = cell.first, first == UInt8(ascii: "#") || isBlank(first) else {
            return false
        }
        let text = trimmed(cell)
        return spreadsheetErrors.contains { $0.elementsEqual(text) }
    }
}
