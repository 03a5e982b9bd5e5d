import Foundation
import Testing

@testable import RunLens

/// Semicolon-separated CSV files exported by spreadsheets set to decimal-comma locales, read
/// end to end.
struct CSVDecimalCommaTests {
    /// `loss` writes decimal commas (1.234,5 and 2,5; the 2.5 of step 3 is the other mark),
    /// `tokens` only numbers that read either way (12.345, 1.000, 2.000), so it takes the
    /// file's commas: 12345, 1000, 2000.
    private static let log = """
        step;loss;tokens
        1;1.234,5;12.345
        2;2,5;1.000
        3;2.5;2.000

        """

    /// Analyzes `text` as the one input `metrics.csv`, read in chunks of `chunkSize` bytes.
    static func analyze(_ text: String, chunkSize: Int = 1 << 20) throws -> AnalysisResult {
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = try InputFixtures.write(Array(text.utf8), to: "metrics.csv", in: root)
        var options = AnalysisOptions(inputs: [path])
        options.threads = 1
        options.chunkSize = chunkSize
        return try Analyzer(options: options).run()
    }

    @Test(arguments: [1 << 20, 8])
    func readsEachColumnWithItsDecimalMark(chunkSize: Int) throws {
        let result = try Self.analyze(Self.log, chunkSize: chunkSize)

        let loss = try #require(result.series.first { $0.name == "loss" })
        #expect(loss.stats.count == 2)
        #expect(loss.stats.min == 2.5)
        #expect(loss.stats.max == 1234.5)
        #expect(loss.stats.mean == 618.5)
        let tokens = try #require(result.series.first { $0.name == "tokens" })
        #expect(tokens.stats.count == 3)
        #expect(tokens.stats.min == 1000)
        #expect(tokens.stats.max == 12345)
        #expect(tokens.stats.mean == 5115)
    }

    @Test func saysWhichCellsWereLeftOut() throws {
        let result = try Self.analyze(Self.log, chunkSize: 1 << 20)

        let input = try #require(result.inputs.first)
        #expect(input.accounting.lines == 4)
        #expect(input.accounting.records == 3)
        #expect(input.accounting.metadata == 1)
        #expect(
            input.warnings == [
                "1 cell reads as a number only with another decimal mark than its column's "
                    + "(line 4, column 'loss': '2.5' among numbers with decimal commas): its "
                    + "value is left out"
            ])
    }

    @Test func countsEveryCellLeftOut() throws {
        let text = "step;loss\n1;2,5\n2;0,5\n3;1,25\n4;3.5\n5;4.5\n"
        let result = try Self.analyze(text, chunkSize: 1 << 20)

        let input = try #require(result.inputs.first)
        #expect(
            input.warnings == [
                "2 cells read as numbers only with another decimal mark than their column's "
                    + "(first at line 5, column 'loss': '3.5' among numbers with decimal "
                    + "commas): their values are left out"
            ])
    }

    /// 6000 rows of whole tokens fill the 64 KiB head (10 to 15 bytes a row), where `loss`
    /// shows the file's mark; `tail` then follows, its first row on line 6002.
    private static func longLog(loss: String, tail: [String]) -> String {
        let rows = (1...6000).map { "\($0);\(loss);100" }
        return (["step;loss;tokens"] + rows + tail).joined(separator: "\n") + "\n"
    }

    /// A dot file: `tokens` holds to the points the head showed, so 1.234 is 1.234 and `2,5`
    /// is left out; tokens are 6000 × 100 and 1.234.
    @Test func wholeColumnHoldsToTheHeadsPoints() throws {
        let text = Self.longLog(loss: "2.5", tail: ["6001;2.5;2,5", "6002;2.5;1.234"])
        let result = try Self.analyze(text, chunkSize: 1 << 20)

        let tokens = try #require(result.series.first { $0.name == "tokens" })
        #expect(tokens.stats.count == 6001)
        #expect(tokens.stats.min == 1.234)
        #expect(tokens.stats.max == 100)
        let input = try #require(result.inputs.first)
        #expect(input.accounting.records == 6002)
        #expect(
            input.warnings == [
                "1 cell reads as a number only with another decimal mark than its column's "
                    + "(line 6002, column 'tokens': '2,5' among numbers with decimal points): "
                    + "its value is left out"
            ])
    }

    /// A decimal-comma file: `tokens` holds to the commas, so `2,5` is 2.5, `1.234` is 1234
    /// and `1.5` is left out; tokens are 6000 × 100, 2.5 and 1234.
    @Test func wholeColumnHoldsToTheHeadsCommas() throws {
        let tail = ["6001;2,5;1.5", "6002;2,5;2,5", "6003;2,5;1.234"]
        let result = try Self.analyze(Self.longLog(loss: "2,5", tail: tail), chunkSize: 1 << 20)

        let tokens = try #require(result.series.first { $0.name == "tokens" })
        #expect(tokens.stats.count == 6002)
        #expect(tokens.stats.min == 2.5)
        #expect(tokens.stats.max == 1234)
        let input = try #require(result.inputs.first)
        #expect(
            input.warnings == [
                "1 cell reads as a number only with another decimal mark than its column's "
                    + "(line 6002, column 'tokens': '1.5' among numbers with decimal commas): "
                    + "its value is left out"
            ])
    }

    /// French grouping: 1 234,5 (a space), 2 000,5 (a no-break space) and ,5 read 1234.5,
    /// 2000.5 and 0.5; their mean is 3235.5 / 3 = 1078.5.
    @Test func readsThousandsGroupedBySpaces() throws {
        let text = "step;loss\n1;1 234,5\n2;2\u{A0}000,5\n3;,5\n"
        let result = try Self.analyze(text)

        let loss = try #require(result.series.first { $0.name == "loss" })
        #expect(loss.stats.count == 3)
        #expect(loss.stats.min == 0.5)
        #expect(loss.stats.max == 2000.5)
        #expect(loss.stats.mean == 1078.5)
        #expect(result.inputs.first?.warnings == [])
    }
}
