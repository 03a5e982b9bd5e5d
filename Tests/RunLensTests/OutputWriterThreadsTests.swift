import Foundation
import Testing

@testable import RunLens

/// The report is written on two threads (the tables on their own) or one; the files and the
/// error reported must not depend on which.
struct OutputWriterThreadsTests {
    private static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes the report of `fixture` into `directory` with `threads` threads.
    private static func write(_ fixture: String, into directory: URL, threads: Int) throws {
        let analyzer = Analyzer(options: AnalysisOptions(inputs: [BinaryRunner.fixture(fixture)]))
        let suite = DetectorSuite(config: RunLensConfig())
        suite.register(with: analyzer)
        let result = try analyzer.run()
        let incidents = suite.incidents(for: result)
        let writer = OutputWriter(directory: directory.path, threads: threads)
        try writer.write(
            result: result, incidents: incidents,
            verdict: Verdict(incidents: incidents, failOn: .critical), version: "test",
            serving: suite.servingSummary)
    }

    private static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let paths = FileManager.default.subpaths(atPath: directory.path) ?? []
        for path in paths where !path.hasSuffix("charts") {
            files[path] = try Data(contentsOf: directory.appendingPathComponent(path))
        }
        return files
    }

    @Test(arguments: [
        "input/metrics.jsonl", "cases/11-straggler-masked-by-allreduce",
        "serving/llmperf_bedrock_13b_individual.json",
    ])
    func oneAndTwoThreadsWriteTheSameFiles(fixture: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = folder.appendingPathComponent("one")
        let two = folder.appendingPathComponent("two")

        try Self.write(fixture, into: one, threads: 1)
        try Self.write(fixture, into: two, threads: 2)

        let written = try Self.files(in: one)
        #expect(written.keys.contains("windows.csv"))
        #expect(written.keys.contains("ranks.csv"))
        #expect(written == (try Self.files(in: two)))
    }

    /// Files in the way (folders of their names) make writing fail; the error names the
    /// first of them in the order the files are listed: report.md, incidents.csv,
    /// windows.csv, ranks.csv, summary.json, junit.xml.
    @Test(arguments: [
        (["windows.csv"], "windows.csv"), (["report.md", "windows.csv"], "report.md"),
        (["ranks.csv", "incidents.csv"], "incidents.csv"),
        (["summary.json", "ranks.csv"], "ranks.csv"),
        (["junit.xml", "windows.csv"], "windows.csv"),
        (["summary.json"], "summary.json"),
    ])
    func theFirstFileInTheWayIsTheErrorWithAnyThreads(blocked: [String], failing: String)
        throws
    {
        for threads in [1, 2] {
            let folder = try Self.folder()
            defer { try? FileManager.default.removeItem(at: folder) }
            for name in blocked {
                let path = folder.appendingPathComponent(name).appendingPathComponent("x")
                try FileManager.default.createDirectory(
                    at: path, withIntermediateDirectories: true)
            }

            let error = #expect(throws: OutputError.self) {
                try Self.write("input/metrics.jsonl", into: folder, threads: threads)
            }

            #expect(error?.path == folder.appendingPathComponent(failing).path, "\(threads)")
        }
    }
}
