import Foundation
import Testing

/// CSV files whose rows end with a delimiter their header does not, read end to end by the
/// built binary.
struct CSVTrailingDelimiterTests {
    private static let warning =
        "3 rows end with a delimiter past the header's 2 columns (first at line 2): their empty "
        + "last cells are ignored"

    @Test(arguments: [[], ["--chunk-size", "8"]])
    func readsRowsEndedByADelimiterAndSaysSoOnce(options: [String]) throws {
        let reading = try CSVCommaMarkTests.analyze(
            "step,loss\n1,2.5,\n2,2.4,\n3,2.3,\n", options)

        #expect(reading.run.status == 0)
        #expect(reading.stat("loss", "count") == 3)
        #expect(reading.stat("loss", "first") == 2.5)
        #expect(reading.stat("loss", "last") == 2.3)
        let accounting = reading.input["accounting"] as? [String: Int]
        #expect(
            accounting == ["lines": 4, "records": 3, "metadata": 1, "empty": 0, "malformed": 0])
        #expect(reading.warnings == [Self.warning])
    }

    @Test func readsATabFileWhoseRowsEndWithATab() throws {
        let reading = try CSVCommaMarkTests.analyze(
            "step\tloss\n1\t2.5\t\n2\t2.4\t\n3\t2.3\t\n", name: "metrics.tsv")

        #expect(reading.run.status == 0)
        #expect(reading.stat("loss", "count") == 3)
        #expect(reading.stat("loss", "last") == 2.3)
        #expect(reading.warnings == [Self.warning])
    }

    @Test func saysOneRowInTheSingular() throws {
        let reading = try CSVCommaMarkTests.analyze("step,loss\n1,2.5\n2,2.4,\n3,2.3\n")

        #expect(reading.stat("loss", "count") == 3)
        #expect(
            reading.warnings == [
                "1 row ends with a delimiter past the header's 2 columns (line 3): its empty "
                    + "last cell is ignored"
            ])
    }

    /// A header that ends with the delimiter too names an empty third column: nothing is
    /// ignored, and nothing is said.
    @Test func readsAHeaderThatEndsWithTheDelimiterToo() throws {
        let reading = try CSVCommaMarkTests.analyze("step,loss,\n1,2.5,\n2,2.4,\n")

        #expect(reading.run.status == 0)
        #expect(reading.stat("loss", "count") == 2)
        #expect(reading.stat("loss", "first") == 2.5)
        #expect(reading.stat("loss", "last") == 2.4)
        #expect(reading.warnings == [])
    }

    /// An extra cell with something in it is still a malformed row.
    @Test func keepsARowWithAnExtraValueMalformed() throws {
        let reading = try CSVCommaMarkTests.analyze("step,loss\n1,2.5,\n2,2.4,x\n3,2.3,\n")

        #expect(reading.stat("loss", "count") == 2)
        #expect(reading.stat("loss", "last") == 2.3)
        let accounting = reading.input["accounting"] as? [String: Int]
        #expect(accounting?["malformed"] == 1)
        let sample = (reading.input["malformedSamples"] as? [[String: Any]])?.first
        #expect(sample?["line"] as? Int == 3)
        #expect(sample?["reason"] as? String == "row has 3 fields, header has 2")
        #expect(
            reading.warnings == [
                "2 rows end with a delimiter past the header's 2 columns (first at line 2): "
                    + "their empty last cells are ignored"
            ])
    }

    /// Wrapped prose whose lines end with a comma now and then is still no CSV: lines of the
    /// header's two fields and lines of three ending with a comma mix.
    @Test func refusesProseWhoseLinesSometimesEndWithAComma() throws {
        let prose = """
            We trained the model overnight, as planned.
            The loss fell slowly at first, then faster,
            until the learning rate decayed, around noon.
            It rose again after the restart, briefly,
            and settled by the evening, as before.

            """
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = try InputFixtures.write(Array(prose.utf8), to: "notes.log", in: root)

        let run = try BinaryRunner.run(["analyze", path])

        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: '\(path)': unsupported format: plain-text log; runlens reads "
                + "JSON Lines, JSON documents, CSV and MLflow metric files\n")
    }
}
