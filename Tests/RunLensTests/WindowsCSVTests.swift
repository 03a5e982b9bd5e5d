import Foundation
import Testing

/// `windows.csv` as a reader of the file sees it.
struct WindowsCSVTests {
    @Test func aNameWithACommaAndAQuoteIsQuotedOnEveryRow() throws {
        // Values 1 and 2 of rank 3 in one 10-step window: count 2, mean 1.5, min 1, max 2.
        let log =
            "{\"step\": 1, \"a,\\\"b\": 1.0, \"rank\": 3}\n"
            + "{\"step\": 2, \"a,\\\"b\": 2.0, \"rank\": 3}\n"
        let run = try BinaryRunner.run(
            ["analyze", "-", "--window-steps", "10", "-q"], stdin: Data(log.utf8))
        let rows = run.output("windows.csv").components(separatedBy: "\r\n")
        #expect(rows.count == 3 && rows[2].isEmpty)
        #expect(rows[0].hasPrefix("metric,rank,device,window_start,window_end,count,"))
        #expect(rows[1].hasPrefix("\"a,\"\"b\",3,,0,10,2,0,1.5,"))
        #expect(rows[1].contains(",1,2,1.5,"))
    }
}
