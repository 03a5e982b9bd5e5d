import Foundation
import Testing

/// Comma- and tab-separated files written with decimal commas, as a spreadsheet set to such a
/// locale exports them, read end to end by the built binary; and English ones, whose commas
/// may group thousands, read as before.
struct CSVCommaMarkTests {
    /// What one run of the binary on one file made of it.
    struct Reading {
        var run: BinaryRunner.Outcome
        var input: [String: Any]
        var metrics: [String: [String: Any]]

        /// The figure `name` of the metric `metric`'s stats, or `nil` when either is missing.
        func stat(_ metric: String, _ name: String) -> Double? {
            (metrics[metric]?["stats"] as? [String: Any])?[name] as? Double
        }

        /// The sum of the metric's values, from its mergeable summary.
        func sum(_ metric: String) -> Double? {
            let mergeable = metrics[metric]?["mergeable"] as? [String: Any]
            return (mergeable?["summary"] as? [String: Any])?["sum"] as? Double
        }

        var warnings: [String] { input["warnings"] as? [String] ?? [] }
    }

    /// Writes `text` to `name` in a new folder and analyzes it with `options`.
    static func analyze(_ text: String, name: String = "metrics.csv", _ options: [String] = [])
        throws -> Reading
    {
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = try InputFixtures.write(Array(text.utf8), to: name, in: root)
        let run = try BinaryRunner.run(["analyze", path, "--fail-on", "never"] + options)
        let summary = try run.summary()
        let input = (summary["inputs"] as? [[String: Any]])?.first ?? [:]
        var metrics: [String: [String: Any]] = [:]
        for metric in summary["metrics"] as? [[String: Any]] ?? [] {
            if let name = metric["name"] as? String { metrics[name] = metric }
        }
        return Reading(run: run, input: input, metrics: metrics)
    }

    /// Quoted cells with decimal commas: loss 2.5 then 2.4, acc 0.9 then 0.91.
    @Test(arguments: [[], ["--chunk-size", "8"]])
    func readsQuotedDecimalCommasInACommaFile(options: [String]) throws {
        let text = "step,loss,acc\n1,\"2,5\",\"0,9\"\n2,\"2,4\",\"0,91\"\n"
        let reading = try Self.analyze(text, options)

        #expect(reading.run.status == 0)
        #expect(reading.stat("loss", "count") == 2)
        #expect(reading.stat("loss", "first") == 2.5)
        #expect(reading.stat("loss", "last") == 2.4)
        #expect(reading.stat("acc", "first") == 0.9)
        #expect(reading.stat("acc", "last") == 0.91)
        #expect(reading.warnings == [])
    }

    /// `2,5` and `0,5` tell the column's commas, so `1,000` there is 1: the sum is 4.
    @Test func readsDecimalCommasInATabFile() throws {
        let reading = try Self.analyze(
            "step\tloss\n1\t2,5\n2\t1,000\n3\t0,5\n", name: "metrics.tsv")

        #expect(reading.run.status == 0)
        #expect(reading.stat("loss", "count") == 3)
        #expect(reading.stat("loss", "min") == 0.5)
        #expect(reading.stat("loss", "max") == 2.5)
        #expect(reading.sum("loss") == 4)
        #expect(reading.warnings == [])
    }

    /// `1,234` and `12,345` may be English thousands: with no cell that cannot be, the column
    /// keeps them as text, as before, and no cell is left out or warned about; `loss` reads
    /// with points.
    @Test func keepsEnglishGroupedCellsAsText() throws {
        let text = "step,loss,tokens\n1,2.5,\"1,234\"\n2,2.4,\"12,345\"\n3,\"1,000\",7\n"
        let reading = try Self.analyze(text)

        #expect(reading.run.status == 0)
        #expect(reading.stat("loss", "count") == 2)
        #expect(reading.stat("loss", "first") == 2.5)
        #expect(reading.stat("loss", "last") == 2.4)
        #expect(reading.stat("tokens", "count") == 1)
        #expect(reading.stat("tokens", "first") == 7)
        #expect(reading.warnings == [])
    }

    /// Rows of `step,2.25,1` fill the head, so `acc` shows no mark there and `loss` points.
    /// After it, `0,75` gives `acc` its commas (then `1,000` there is 1) and `2,5` in `loss`
    /// is left out: acc sums 6000 + 0.75 + 1 + 1 = 6002.75 over 6003 cells.
    @Test func learnsAColumnsCommasFromACellAfterTheHead() throws {
        let rows = (1...6000).map { "\($0),2.25,1" }
        let head = (["step,loss,acc"] + rows).joined(separator: "\n") + "\n"
        try #require(head.utf8.count > 65536)
        let tail = "6001,2.25,\"0,75\"\n6002,2.25,\"1,000\"\n6003,\"2,5\",1\n"
        let reading = try Self.analyze(head + tail)

        #expect(reading.run.status == 0)
        #expect(reading.stat("acc", "count") == 6003)
        #expect(reading.stat("acc", "min") == 0.75)
        #expect(reading.sum("acc") == 6002.75)
        #expect(reading.stat("loss", "count") == 6002)
        #expect(
            reading.warnings == [
                "1 cell reads as a number only with another decimal mark than its column's "
                    + "(line 6004, column 'loss': '2,5' among numbers with decimal points): "
                    + "its value is left out"
            ])
    }
}
