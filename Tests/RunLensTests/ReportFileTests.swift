import Foundation
import Testing

@testable import RunLens

struct ReportFileTests {
    @Test func textLongerThanTheBufferArrivesWholeAndInOrder() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("windows.csv").path
        // Three pieces of 40,000 bytes: the 64 KiB buffer is written out mid-way.
        let pieces = ["a", "b", "c"].map { String(repeating: $0, count: 40_000) }

        try ReportFile.create(path) { file throws(OutputError) in
            for piece in pieces { try file.append(piece) }
        }

        #expect(try String(contentsOfFile: path, encoding: .utf8) == pieces.joined())
    }

    /// Cells written as bytes land whole after the buffer was written out mid-row (the
    /// expected cells written by hand).
    @Test func numberCellsWrittenAsBytesMatchTheirText() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("windows.csv").path
        let filler = String(repeating: "a", count: ReportFile.bufferSize - 5)
        let values: [Double?] = [0.1, nil, -2.5e-7, 1e16, 42, -0.0, .nan, 0.30000000000000004]

        try ReportFile.create(path) { file throws(OutputError) in
            try file.append(filler)
            try file.appendExact(1234.5)
            for value in values { try file.appendExactCell(value) }
            try file.appendCell(-9_876_543_210)
            try file.appendCell(0)
            try file.endRow()
        }

        let cells = "1234.5,0.1,,-2.5e-07,1e+16,42,-0,NaN,0.30000000000000004,-9876543210,0"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == filler + cells + "\r\n")
    }

    @Test func anEarlierFileIsReplaced() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("windows.csv").path
        try Data(String(repeating: "x", count: 100).utf8).write(to: URL(fileURLWithPath: path))

        try ReportFile.create(path) { file throws(OutputError) in try file.append("new\r\n") }

        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\r\n")
    }

    @Test func aMissingFolderNamesThePathAndTheReason() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gone/windows.csv").path

        #expect(throws: OutputError(path: path, reason: "no such file or directory")) {
            try ReportFile.create(path) { file throws(OutputError) in try file.append("x") }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskNamesThePathAndTheReason() {
        #expect(throws: OutputError(path: "/dev/full", reason: "no space left on device")) {
            try ReportFile.create("/dev/full") { file throws(OutputError) in
                try file.append("window_start,window_end\r\n")
            }
        }
    }
}
