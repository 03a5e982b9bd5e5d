import Foundation
import Testing

/// A command line that does not parse runs nothing (exit 2); the report an earlier run left
/// where this one was to write must not stay there looking like this run's.
struct UsageErrorReportTests {
    static let log = BinaryRunner.fixture("cases/02-resume-replayed-steps.jsonl")

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// A folder holding a passing report from a first run.
    static func earlierReport() throws -> (folder: URL, output: String) {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        let output = folder.path + "/out"
        let first = try BinaryRunner.run(["analyze", log, "-o", output], addOutput: false)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(exists(output + "/report.md"))
        return (folder, output)
    }

    @Test func aBadFlagReplacesTheEarlierReportWithItsFailure() throws {
        let (folder, output) = try Self.earlierReport()
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run(
            ["analyze", Self.log, "-o", output, "--fail-on", "warnig"], addOutput: false)

        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr
                == "runlens: error: --fail-on expects one of info|warning|error|critical|never, "
                + "got 'warnig'\nrunlens: warning: removed the earlier report in '\(output)': "
                + "this run did not start\n")
        #expect(!Self.exists(output + "/report.md"))
        #expect(!Self.exists(output + "/summary.json"))
        #expect(!Self.exists(output + "/charts"))
        let junit = try String(contentsOfFile: output + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("errors=\"1\""))
        #expect(junit.contains("got &apos;warnig&apos;") || junit.contains("got 'warnig'"))
    }

    /// The folder comes from the whole line, even past the flag that broke it; without `-o`
    /// it is the default folder.
    @Test func theFolderIsFoundPastTheBadFlag() throws {
        let (folder, output) = try Self.earlierReport()
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run(
            ["analyze", "--bogus", Self.log, "-o", output], addOutput: false)

        #expect(run.status == 2)
        #expect(!Self.exists(output + "/report.md"))
        #expect(Self.exists(output + "/junit.xml"))
    }

    /// No report there: a typo creates no folder. `-o` without a value: no folder is sure,
    /// and the report stays. An input inside the folder: the report stays.
    @Test func foldersThatAreNotSurelyThisRunsAreLeftAlone() throws {
        let (folder, output) = try Self.earlierReport()
        defer { try? FileManager.default.removeItem(at: folder) }

        let fresh = folder.path + "/fresh"
        let typo = try BinaryRunner.run(["analyze", Self.log, "-o", fresh, "-x"], addOutput: false)
        #expect(typo.status == 2)
        #expect(!Self.exists(fresh))

        let noValue = try BinaryRunner.run(
            ["analyze", Self.log, "-o", output, "-o"], addOutput: false)
        #expect(noValue.status == 2)
        #expect(noValue.stderr == "runlens: error: -o needs a value: a folder for the report\n")
        #expect(Self.exists(output + "/report.md"))

        let inside = try BinaryRunner.run(
            ["analyze", output + "/summary.json", "-o", output, "--bogus"], addOutput: false)
        #expect(inside.status == 2)
        #expect(Self.exists(output + "/report.md"))
        #expect(Self.exists(output + "/summary.json"))
    }
}
