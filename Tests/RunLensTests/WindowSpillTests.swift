import Foundation
import Testing

@testable import RunLens

/// Window rows moved to their temporary file and read back, and every way that file can fail.
struct WindowSpillTests {
    /// A fresh empty folder; the caller removes it.
    static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-spill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Row `n`: steps 10n–10n+10, n values of mean n + 0.5; odd rows have no quantiles and
    /// inexact ones are flagged on rows divisible by 3.
    static func row(_ n: Int) -> WindowRow {
        var stats = StatRow()
        stats.count = n
        stats.nonfinite = n % 2
        stats.mean = Double(n) + 0.5
        stats.p50 = n % 2 == 0 ? Double(n) : nil
        stats.ema = -Double(n)
        stats.quantilesExact = n % 3 != 0
        return WindowRow(start: Double(10 * n), end: Double(10 * n + 10), stats: stats)
    }

    /// `/dev/null` opened with `flags`: reads of a write-only one and writes to a read-only
    /// one fail with "bad file descriptor".
    static func deviceSpill(_ flags: Int32) -> WindowSpill {
        WindowSpill(descriptor: open("/dev/null", flags), directory: "spill-test")
    }

    @Test func twoListsSpilledInTurnsComeBackInOrder() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try WindowSpill.create(in: folder.path)
        var first = WindowRows()
        var second = WindowRows()

        for n in 0..<7 {
            first.append(Self.row(n))
            if n < 5 { second.append(Self.row(100 + n)) }
            if n % 3 == 2 {
                try first.spill(to: file)
                try second.spill(to: file)
            }
        }

        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(first.heldCount == 1 && second.heldCount == 0)
        #expect(Array(first) == (0..<7).map(Self.row))
        #expect(Array(second) == (100..<105).map(Self.row))
        #expect(first.count == 7 && second.count == 5)
        #expect(first.first == Self.row(0) && first.last == Self.row(6))
        #expect(second.first == Self.row(100) && second.last == Self.row(104))
        #expect(first.readFailure == nil)
    }

    @Test func aFolderThatCannotBeMadeCannotHoldTheFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)

        let error = #expect(throws: WindowSpillError.self) {
            try WindowSpill.create(in: file.path + "/rows")
        }
        #expect(
            error?.description
                == "cannot create a temporary file in '\(file.path)/rows' for window rows: "
                + "not a directory")
    }

    @Test func aFailedWriteKeepsTheRowsHeld() {
        var rows = WindowRows((0..<4).map(Self.row))

        let error = #expect(throws: WindowSpillError.self) {
            try rows.spill(to: Self.deviceSpill(O_RDONLY))
        }

        #expect(
            error?.description
                == "cannot write window rows to a temporary file in 'spill-test': "
                + "bad file descriptor")
        #expect(rows.heldCount == 4 && Array(rows) == (0..<4).map(Self.row))
    }

    @Test func aFailedReadEndsTheRowsAndIsKept() throws {
        var rows = WindowRows((0..<3).map(Self.row))
        try rows.spill(to: Self.deviceSpill(O_WRONLY))
        rows.append(Self.row(3))

        #expect(Array(rows).isEmpty)
        #expect(
            rows.readFailure?.description
                == "cannot read window rows back from a temporary file in 'spill-test': "
                + "bad file descriptor")
        #expect(rows.count == 4 && rows.first == Self.row(0) && rows.last == Self.row(3))
    }

    /// A report made from rows that cannot be read back fails on its first file made from
    /// them, whatever the threads.
    @Test(arguments: [1, 2]) func aFailedReadFailsTheReport(threads: Int) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = WindowRows((0..<3).map(Self.row))
        try rows.spill(to: Self.deviceSpill(O_WRONLY))
        var result = ReportFixture.training
        result.series[0].windows = rows

        let error = #expect(throws: OutputError.self) {
            try OutputWriter(directory: folder.path, threads: threads).write(
                result: result, incidents: [], verdict: Verdict(incidents: [], failOn: .critical),
                version: "test")
        }

        #expect(error?.path == folder.appendingPathComponent("report.md").path)
        #expect(
            error?.reason
                == "cannot read window rows back from a temporary file in 'spill-test': "
                + "bad file descriptor")
    }

    @Test func windowsCSVNamesItselfWhenRowsCannotBeRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = WindowRows((0..<3).map(Self.row))
        try rows.spill(to: Self.deviceSpill(O_WRONLY))
        var series = ReportFixture.training.series
        series[0].windows = rows
        let path = folder.appendingPathComponent("windows.csv").path

        let error = #expect(throws: OutputError.self) {
            try ReportFile.create(path) { file throws(OutputError) in
                try WindowsCSV.write(series, to: &file)
            }
        }

        #expect(error?.path == path)
    }
}
