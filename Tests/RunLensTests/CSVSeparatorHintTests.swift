import Testing

@testable import RunLens

/// CSV files that Excel heads with `sep=;`, read end to end: the line is metadata and the
/// header is the next one.
struct CSVSeparatorHintTests {
    /// Lines: `sep=;` and the header (metadata), then 2,5 and 1.234,5: mean 1237 / 2 = 618.5.
    @Test func readsTheHeaderAfterTheSeparatorLine() throws {
        let text = "sep=;\r\nstep;loss\r\n1;2,5\r\n2;1.234,5\r\n"
        let result = try CSVDecimalCommaTests.analyze(text)

        let loss = try #require(result.series.first { $0.name == "loss" })
        #expect(loss.stats.count == 2)
        #expect(loss.stats.mean == 618.5)
        let input = try #require(result.inputs.first)
        #expect(input.accounting.lines == 4)
        #expect(input.accounting.metadata == 2)
        #expect(input.accounting.records == 2)
        #expect(input.warnings == [])
    }

    /// A tab-separated file: the tab after `sep=` is its delimiter; loss is 2 and 4.
    @Test func readsATabSeparatorLine() throws {
        let result = try CSVDecimalCommaTests.analyze("sep=\t\nstep\tloss\n1\t2\n2\t4\n")

        let loss = try #require(result.series.first { $0.name == "loss" })
        #expect(loss.stats.count == 2)
        #expect(loss.stats.mean == 3)
        #expect(result.inputs.first?.accounting.metadata == 2)
    }
}
