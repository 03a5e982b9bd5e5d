import Foundation
import Testing

@testable import RunLens

/// Inputs refused as no log that are close to CSV say what was seen and what runlens needs:
/// rows with no header (nvidia-smi's `noheader`), or a header with no rows.
struct CSVLookalikeTests {
    static let smiRow = "2024/05/14 09:00:00.000, 0, NVIDIA A100-SXM4-80GB, 19976, 81920, 95, 63"

    static let cases: [(String, CSVLookalike?)] = [
        (
            "\(smiRow)\n\(smiRow)\n",
            .headerless(
                fields: 7,
                firstLine: "2024/05/14 09:00:00.000, 0, NVIDIA A100-SXM4-80GB, 19976, 81…")
        ),
        ("1;2.5\n2;2.4\n3;2.3\n", .headerless(fields: 2, firstLine: "1;2.5")),
        ("step,loss\n", .headerOnly(fields: 2, header: "step,loss")),
        ("step\tloss\tacc", .headerOnly(fields: 3, header: "step\tloss\tacc")),
        // Prose, and rows whose widths disagree, are no CSV.
        ("hello world\nthis is text\n", nil),
        ("1,2\n3,4,5\n6\n7,8,9,10\n", nil),
        ("", nil),
    ]

    @Test(arguments: cases)
    func recognisesWhatIsCloseToCSV(text: String, expected: CSVLookalike?) {
        let seen = Array(text.utf8).withUnsafeBytes { FormatSniffer.csvLookalike($0) }
        #expect(seen == expected)
    }

    @Test func aHeaderlessNvidiaSmiLogIsNamedSo() throws {
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = try InputFixtures.write(
            Array("\(Self.smiRow)\n\(Self.smiRow)\n".utf8), to: "gpu.csv", in: root)

        let run = try BinaryRunner.run(["analyze", path])

        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: '\(path)': unsupported format: CSV rows of 7 fields without "
                + "a header: the first line, '2024/05/14 09:00:00.000, 0, NVIDIA A100-SXM4-80GB, "
                + "19976, 81…', holds values, not column names; runlens reads CSV whose first "
                + "line names the columns (nvidia-smi: --format=csv, without noheader)\n")
    }

    @Test func aHeaderAloneOnStandardInputIsNamedSo() throws {
        let run = try BinaryRunner.run(["analyze", "-"], stdin: Data("step,loss\n".utf8))

        #expect(run.status == 2)
        #expect(
            run.stderr
                == "runlens: error: '-': unsupported format: one line, 'step,loss', which reads "
                + "as a CSV header of 2 columns with no row after it: no metric record to read; "
                + "runlens reads CSV whose header has rows of values after it\n")
    }
}
