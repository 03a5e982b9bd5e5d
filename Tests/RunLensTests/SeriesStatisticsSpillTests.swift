import Foundation
import Testing

@testable import RunLens

/// The statistics move finished window rows to a temporary file as they go; the rows read
/// back are the ones the windows made, and a file that cannot be made fails the analysis.
struct SeriesStatisticsSpillTests {
    /// Steps 0…199 of two series, 10-step windows: series `s` has the value 1000s + step,
    /// so window k (steps 10k…10k+9) holds ten values from 1000s + 10k, mean 1000s + 10k + 4.5.
    @Test func rowsSpilledAlongTheRunAreTheWindowsMade() throws {
        let folder = try WindowSpillTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let statistics = SeriesStatistics(
            windowSteps: 10, windowSeconds: 300, heldRows: 5, leastSpilled: 2,
            spillDirectory: folder.path)
        let descriptors = [
            SeriesStatisticsTests.descriptor(0), SeriesStatisticsTests.descriptor(1),
        ]
        for descriptor in descriptors { statistics.seriesCreated(descriptor) }

        for step in 0..<200 {
            for series in 0..<2 {
                let value = Double(1000 * series + step)
                let point = Point(step: Double(step), time: .nan, value: value, line: 1, file: 0)
                statistics.observe(series: series, point: point)
            }
        }
        statistics.finish()

        let summaries = statistics.summaries(descriptors: descriptors)
        #expect(statistics.spillFailure == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        for (series, summary) in summaries.enumerated() {
            let windows = Array(summary.windows)
            #expect(summary.windows.heldCount < 20 && windows.count == 20)
            for (k, window) in windows.enumerated() {
                let low = Double(1000 * series + 10 * k)
                #expect(window.start == Double(10 * k) && window.end == Double(10 * k + 10))
                #expect(window.stats.count == 10 && window.stats.mean == low + 4.5)
                #expect(window.stats.min == low && window.stats.max == low + 9)
                #expect(window.stats.first == low && window.stats.last == low + 9)
            }
        }
    }

    @Test func aTemporaryFolderThatCannotBeMadeFailsTheAnalysis() {
        let file = BinaryRunner.fixture("input/metrics.jsonl")
        var options = AnalysisOptions(inputs: [file])
        options.windowSteps = 10
        options.heldWindowRows = 2
        options.temporaryDirectory = file + "/rows"

        let error = #expect(throws: AnalysisError.self) {
            try Analyzer(options: options).run()
        }

        #expect(
            error?.description
                == "cannot create a temporary file in '\(file)/rows' for window rows: "
                + "not a directory")
    }

    /// The same report whether rows are spilled in blocks of one to a few rows or held.
    @Test(arguments: [1, 2]) func spillingChangesNoReport(threads: Int) throws {
        let folder = try WindowSpillTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var written: [[String: Data]] = []

        for held in [3, SeriesStatistics.heldRowBudget] {
            var options = AnalysisOptions(inputs: [BinaryRunner.fixture("input/metrics.jsonl")])
            options.windowSteps = 7
            options.heldWindowRows = held
            options.leastSpilledWindowRows = 1
            options.temporaryDirectory = folder.path
            options.threads = threads
            let output = folder.appendingPathComponent("out\(held)")
            let result = try Analyzer(options: options).run()
            try OutputWriter(directory: output.path, threads: threads).write(
                result: result, incidents: [], verdict: Verdict(incidents: [], failOn: .critical),
                version: "test")
            written.append(try Self.files(in: output))
        }

        #expect(written[0]["windows.csv"]?.isEmpty == false)
        #expect(written[0] == written[1])
    }

    private static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let paths = FileManager.default.subpaths(atPath: directory.path) ?? []
        for path in paths where !path.hasSuffix("charts") && path != "junit.xml" {
            files[path] = try Data(contentsOf: directory.appendingPathComponent(path))
        }
        return files
    }
}
