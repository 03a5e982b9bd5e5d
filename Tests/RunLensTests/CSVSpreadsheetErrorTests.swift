import Testing

@testable import RunLens

/// Spreadsheet error values (`#DIV/0!`, `#N/A`, ...) in CSV cells: missing values, counted
/// and reported, read end to end.
struct CSVSpreadsheetErrorTests {
    /// `loss` is 2,5 / #DIV/0! / 0,5 / #N/A / 1,5: three values, mean 1.5; the errors are on
    /// lines 3 and 5.
    @Test func leavesOutAndReportsErrorCells() throws {
        let text = "step;loss\n1;2,5\n2;#DIV/0!\n3;0,5\n4;#N/A\n5;1,5\n"
        let result = try CSVDecimalCommaTests.analyze(text)

        let loss = try #require(result.series.first { $0.name == "loss" })
        #expect(loss.stats.count == 3)
        #expect(loss.stats.mean == 1.5)
        let input = try #require(result.inputs.first)
        #expect(input.accounting.lines == 6)
        #expect(input.accounting.records == 5)
        #expect(
            input.warnings == [
                "2 cells hold spreadsheet errors (#DIV/0! at line 3, column 'loss'): left out"
            ])
    }

    /// One error in a comma-separated file, in the second column of the third record (line
    /// 4); every other cell is a plain number, and `#NAME` (no `?`) stays text.
    @Test func saysWhereTheOnlyErrorCellIs() throws {
        let text = "step,loss,note\n1,2,x\n2,4,#NAME\n3, #VALUE! ,y\n"
        let result = try CSVDecimalCommaTests.analyze(text)

        let loss = try #require(result.series.first { $0.name == "loss" })
        #expect(loss.stats.count == 2)
        #expect(loss.stats.max == 4)
        let input = try #require(result.inputs.first)
        #expect(
            input.warnings == [
                "1 cell holds a spreadsheet error (#VALUE! at line 4, column 'loss'): left out"
            ])
    }

    @Test(arguments: [
        ("#DIV/0!", true), ("#N/A", true), ("#VALUE!", true), ("#NUM!", true),
        ("#REF!", true), (" #NAME? ", true), ("#NULL!", true), ("#NAME", false),
        ("#DIV/0", false), ("N/A", false), ("#n/a", false), ("#N/A!", false), ("", false),
    ])
    func knowsTheErrorValues(text: String, isError: Bool) {
        let found = Array(text.utf8).withUnsafeBytes { CSVCell.isSpreadsheetError($0) }
        #expect(found == isError)
    }
}
