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
