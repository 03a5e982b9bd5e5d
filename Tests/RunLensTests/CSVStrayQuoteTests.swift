import Foundation
import Testing

/// A CSV cell that opens a quote and never closes it, read end to end by the built binary:
/// it costs its own line, and every line after it is read as what it is.
struct CSVStrayQuoteTests {
    /// `step,loss,note` and 300 rows whose loss is their step, on lines 2 to 301; row 100
    /// (line 101) opens a quote that no later line closes, row 130 (line 131) has a fourth
    /// cell, and row 297 (line 298) opens a quote again, three lines before the end.
    static var log: String {
        var text = "step,loss,note\n"
        for step in 1...300 {
            switch step {
            case 100: text += "100,100,\"interrupted\n"
            case 130: text += "130,130,ok,extra\n"
            case 297: text += "297,297,\"cut\n"
            default: text += "\(step),\(step),ok\n"
            }
        }
        return text
    }

    /// Line 101's quote takes lines 102 to 164 in, up to the 64-line limit; they are read
    /// again, so line 131 is found malformed under its own number. Line 298's quote reaches
    /// the end: lines 299 to 301 are read again. By hand: 301 lines, the header, 3 malformed,
    /// 297 records whose losses sum to 45150 (1 to 300) - 100 - 130 - 297 = 44623.
    @Test(arguments: [[], ["--chunk-size", "64"]])
    func aQuoteLeftOpenCostsOnlyItsOwnLine(options: [String]) throws {
        let reading = try CSVCommaMarkTests.analyze(Self.log, options)

        #expect(reading.run.status == 0, "\(reading.run.stderr)")
        let accounting = reading.input["accounting"] as? [String: Int]
        #expect(
            accounting == ["lines": 301, "records": 297, "metadata": 1, "empty": 0, "malformed": 3])
        #expect(reading.stat("loss", "count") == 297)
        #expect(reading.sum("loss") == 44623)
        let samples = reading.input["malformedSamples"] as? [[String: Any]] ?? []
        #expect(
            samples.map { "\($0["line"] ?? ""): \($0["reason"] ?? "")" } == [
                "101: quoted field not closed within 64 lines: the 63 lines after it are read "
                    + "again",
                "131: row has 4 fields, header has 3",
                "298: quoted field not closed at the end of the input: the 3 lines after it are "
                    + "read again",
            ])
    }

    /// The tester's file: 300 rows, only row 100 broken, as `wc -l` counts 301 lines.
    @Test func everyLineIsCountedOnce() throws {
        let text = Self.log.replacingOccurrences(of: "130,130,ok,extra", with: "130,130,ok")
            .replacingOccurrences(of: "297,297,\"cut", with: "297,297,ok")

        let reading = try CSVCommaMarkTests.analyze(text)

        let accounting = reading.input["accounting"] as? [String: Int]
        #expect(
            accounting == ["lines": 301, "records": 299, "metadata": 1, "empty": 0, "malformed": 1])
    }
}
