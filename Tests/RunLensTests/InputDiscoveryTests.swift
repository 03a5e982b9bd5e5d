import Foundation
import Testing

@testable import RunLens

struct InputDiscoveryTests {
    /// Builds a tree in a scratch directory; returns its path.
    private func makeTree() throws -> URL {
        let root = try InputFixtures.scratchDirectory()
        for name in [
            "run/rank1.jsonl", "run/rank0.jsonl", "run/B/log", "run/a/metrics.csv",
            "run/a/deep/x.gz", "run/.hidden.jsonl", "run/.cache/inside.jsonl", "run/README",
        ] {
            try InputFixtures.write(Array("{}\n".utf8), to: name, in: root)
        }
        return root
    }

    @Test func walksNestedDirectoriesInByteOrderWithoutFilteringByName() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path

        let result = try InputDiscovery.discover([run])

        #expect(
            result.files == [
                "\(run)/B/log", "\(run)/README", "\(run)/a/deep/x.gz", "\(run)/a/metrics.csv",
                "\(run)/rank0.jsonl", "\(run)/rank1.jsonl",
            ])
        #expect(
            result.notes.map(\.description) == [
                "skipped '\(run)/.cache': hidden", "skipped '\(run)/.hidden.jsonl': hidden",
            ])
    }

    /// A file whose name is not valid UTF-8 cannot be opened yet: it is an unreadable input,
    /// which fails the run, not a note that lets a rank's log go unread.
    @Test func aNameThatIsNotUTF8IsUnreadableNotSkipped() throws {
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        for name in [
            Array("rank0.jsonl".utf8), Array("rank1".utf8) + [0xFF] + Array(".jsonl".utf8),
        ] {
            let path = Array(run.utf8) + [UInt8(ascii: "/")] + name + [0]
            let descriptor = path.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) {
                    open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644)
                }
            }
            #expect(descriptor >= 0)
            close(descriptor)
        }

        let result = try InputDiscovery.discover([run])

        #expect(result.files == ["\(run)/rank0.jsonl"])
        #expect(result.notes.isEmpty)
        #expect(
            result.unreadable.map(\.description) == [
                "cannot read '\(run)/rank1\u{FFFD}.jsonl': its name is not valid UTF-8"
            ])
    }

    @Test func trailingSlashDoesNotDoubleTheSeparator() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path

        let result = try InputDiscovery.discover([run + "/a/"])

        #expect(result.files == ["\(run)/a/deep/x.gz", "\(run)/a/metrics.csv"])
    }

    @Test func symbolicLinkLoopIsSkippedWithANote() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path
        try FileManager.default.createSymbolicLink(
            atPath: "\(run)/a/deep/up", withDestinationPath: "..")

        let result = try InputDiscovery.discover([run + "/a"])

        #expect(result.files == ["\(run)/a/deep/x.gz", "\(run)/a/metrics.csv"])
        #expect(
            result.notes.map(\.description) == [
                "skipped '\(run)/a/deep/up': symbolic link loop back to '\(run)/a'"
            ])
    }

    @Test func fileReachedTwiceIsListedOnce() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path
        try FileManager.default.createSymbolicLink(
            atPath: "\(run)/latest.jsonl", withDestinationPath: "rank1.jsonl")

        let result = try InputDiscovery.discover(["\(run)/rank1.jsonl", "\(run)/a", run])

        #expect(result.files.filter { $0.hasSuffix("rank1.jsonl") } == ["\(run)/rank1.jsonl"])
        #expect(!result.files.contains("\(run)/latest.jsonl"))
        #expect(
            result.notes.map(\.description).contains(
                "skipped '\(run)/a': same directory as '\(run)/a'"))
        #expect(
            result.notes.map(\.description).contains(
                "skipped '\(run)/latest.jsonl': same file as '\(run)/rank1.jsonl'")
        )
    }

    @Test func brokenLinksAndSpecialFilesAreNotedNotFatal() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path
        try FileManager.default.createSymbolicLink(
            atPath: "\(run)/gone.jsonl", withDestinationPath: "missing.jsonl")
        try FileManager.default.createSymbolicLink(
            atPath: "\(run)/self.jsonl", withDestinationPath: "self.jsonl")
        #expect(mkfifo("\(run)/pipe", 0o600) == 0)

        let result = try InputDiscovery.discover([run])

        #expect(result.files.count == 6)
        #expect(
            result.notes.map(\.description) == [
                "skipped '\(run)/.cache': hidden", "skipped '\(run)/.hidden.jsonl': hidden",
                "skipped '\(run)/gone.jsonl': broken symbolic link",
                "skipped '\(run)/pipe': not a regular file",
                "skipped '\(run)/self.jsonl': symbolic link loop",
            ])
    }

    @Test func explicitPathsKeepTheirOrderAndHiddenFilesNamedAreRead() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path

        let result = try InputDiscovery.discover(
            ["\(run)/rank1.jsonl", "-", "\(run)/.hidden.jsonl", "\(run)/rank0.jsonl", "-"])

        #expect(
            result.files == [
                "\(run)/rank1.jsonl", "-", "\(run)/.hidden.jsonl", "\(run)/rank0.jsonl",
            ])
        #expect(
            result.notes.map(\.description) == ["skipped '-': standard input is already an input"])
    }

    /// A report folder used to be skipped whole, so a log beside the report was not read.
    @Test func aReportFolderHasOnlyRunlensOwnFilesSkipped() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path
        try InputFixtures.write(
            Array("# runlens report\n\n**PASS**\n".utf8), to: "run/a/report.md", in: root)
        for name in [
            "summary.json", "windows.csv", "junit.xml", "runlens-windows-Ab12Cd",
            "runlens-windows-long-name", "charts/loss.svg", "charts/mine.svg",
        ] {
            try InputFixtures.write(Array("{}\n".utf8), to: "run/a/\(name)", in: root)
        }
        try InputFixtures.write(Array("# notes\n".utf8), to: "run/B/report.md", in: root)
        try InputFixtures.write(Array("{}\n".utf8), to: "run/B/summary.json", in: root)

        let result = try InputDiscovery.discover([run])

        #expect(
            result.files.filter { $0.contains("/a/") } == [
                "\(run)/a/charts/mine.svg", "\(run)/a/deep/x.gz", "\(run)/a/metrics.csv",
                "\(run)/a/runlens-windows-long-name",
            ])
        #expect(result.files.filter { $0.contains("/B/") }.count == 3)
        #expect(
            result.notes.map(\.description).contains(
                "skipped '\(run)/a': what runlens wrote in this report folder: "
                    + "charts/loss.svg, junit.xml, report.md, runlens-windows-Ab12Cd, "
                    + "summary.json, windows.csv"))
    }

    @Test func aReportFolderHoldingOnlyRunlensFilesGivesNoFile() throws {
        let root = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = root.appendingPathComponent("report").path
        try InputFixtures.write(Array("# runlens report\n".utf8), to: "report/report.md", in: root)
        try InputFixtures.write(Array("{}\n".utf8), to: "report/summary.json", in: root)
        try InputFixtures.write(Array("<svg/>\n".utf8), to: "report/charts/ttft.svg", in: root)

        let result = try InputDiscovery.discover([report])

        #expect(result.files.isEmpty)
        #expect(
            result.notes == [
                SkippedInput(
                    path: report,
                    reason: "what runlens wrote in this report folder: charts/ttft.svg, "
                        + "report.md, summary.json")
            ])
    }

    @Test func aSynthExpectationBesideItsLogIsNotALog() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = root.appendingPathComponent("run").path
        let expectation = "{\n  \"expected\" : [\n\n  ],\n  \"forbidden\" : []\n}\n"
        try InputFixtures.write(Array(expectation.utf8), to: "run/x.jsonl.expected.json", in: root)
        try InputFixtures.write(Array("{\"loss\": 1}\n".utf8), to: "run/y.expected.json", in: root)

        let result = try InputDiscovery.discover([run])

        #expect(!result.files.contains("\(run)/x.jsonl.expected.json"))
        #expect(result.files.contains("\(run)/y.expected.json"))
        #expect(
            result.notes.map(\.description).contains(
                "skipped '\(run)/x.jsonl.expected.json': a runlens synth expectation file"))
    }

    @Test func aDeviceNamedExplicitlyIsRefusedAsItNeverEnds() throws {
        #expect(
            throws: InputError(path: "/dev/zero", kind: .readFailed("a device, not a file or pipe"))
        ) {
            _ = try InputDiscovery.discover(["/dev/zero"])
        }
    }

    @Test func missingExplicitPathIsNotFound() throws {
        #expect(throws: InputError(path: "/nonexistent/logs", kind: .notFound)) {
            _ = try InputDiscovery.discover(["/nonexistent/logs"])
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads every directory"))
    func unreadableSubdirectoryIsListedAsUnreadableAndTheRestIsRead() throws {
        let root = try makeTree()
        defer {
            chmod(root.appendingPathComponent("run/a").path, 0o700)
            try? FileManager.default.removeItem(at: root)
        }
        let run = root.appendingPathComponent("run").path
        chmod("\(run)/a", 0)

        let result = try InputDiscovery.discover([run])

        #expect(result.files.count == 4)
        #expect(result.unreadable == [InputError(path: "\(run)/a", kind: .permissionDenied)])
    }
}
