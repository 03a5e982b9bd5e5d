import Foundation
import Testing

@testable import RunLens

/// An arrival trace (Azure LLM inference, Mooncake) logs no outcome: the run overview and
/// the digest must say so, not report "0 failed" and an error rate of 0.
struct RequestOutcomesOverviewTests {
    /// Four arrivals with token counts and no outcome, ten seconds apart.
    static let arrivals = (0..<4).map {
        "{\"ts\": \(1_715_677_200 + 10 * $0), \"input_tokens\": 100, \"output_tokens\": 10}"
    }

    @Test func theOverviewCountsRequestsWithoutAnOutcome() {
        let (assembler, _) = RunAssemblerTests.assemble(Self.arrivals)
        let overview = assembler.overview

        #expect(overview.requests == 4 && overview.failedRequests == 0)
        #expect(overview.requestsWithoutOutcome == 4 && !overview.outcomesLogged)
    }

    @Test func oneOutcomeMakesFailuresKnown() {
        var lines = Self.arrivals
        lines.append("{\"ts\": 1715677240, \"input_tokens\": 5, \"status\": 503}")
        let (assembler, _) = RunAssemblerTests.assemble(lines)
        let overview = assembler.overview

        #expect(overview.requests == 5 && overview.failedRequests == 1)
        #expect(overview.requestsWithoutOutcome == 4 && overview.outcomesLogged)
        let figures = RunFigures(
            name: RunName(name: "r", given: false), metrics: [], overview: overview)
        #expect(figures.errorRate == 0.2)
    }

    @Test func aLogWhoseRequestsAllEndedHasNoCountOfThem() {
        let lines = (0..<3).map {
            "{\"ts\": \(1_715_677_200 + $0), \"latency_ms\": 5, \"status\": 200}"
        }
        let (assembler, _) = RunAssemblerTests.assemble(lines)

        #expect(assembler.overview.requestsWithoutOutcome == nil)
        #expect(assembler.overview.outcomesLogged)
    }

    @Test func theDigestFiguresHaveNoErrorRate() throws {
        var overview = RunOverview()
        overview.requests = 600
        overview.requestsWithoutOutcome = 600
        let figures = RunFigures(
            name: RunName(name: "trace", given: true), metrics: [], overview: overview)
        #expect(figures.errorRate == nil)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(figures), as: UTF8.self)
        #expect(text.contains("\"requestsWithoutOutcome\":600"))
        #expect(!text.contains("errorRate"))
        let back = try JSONDecoder().decode(RunFigures.self, from: Data(text.utf8))
        #expect(back.requestsWithoutOutcome == 600 && back.errorRate == nil)
    }

    /// A `run` block written before the count existed reads as before: outcomes logged.
    @Test func anEarlierRunBlockKeepsItsErrorRate() throws {
        let text = "{\"name\": \"old\", \"requests\": 600, \"failedRequests\": 0}"
        let figures = try JSONDecoder().decode(RunFigures.self, from: Data(text.utf8))

        #expect(figures.requestsWithoutOutcome == 0 && figures.errorRate == 0)
    }

    @Test func digestCSVLeavesTheErrorRateEmptyAndReadsItBack() throws {
        var figures = RunFigures(name: RunName(name: "trace", given: true))
        figures.requests = 600
        figures.requestsWithoutOutcome = 600
        let run = DigestRun(name: "trace", status: .ok, figures: figures)
        let text = DigestCSV.render([run])
        let row = try #require(CSVTestReader.records(text).first)

        #expect(row["error_rate"] == "" && row["requests"] == "600")
        #expect(row["failed_requests"] == "0")
        let back = try #require(try DigestCSV.parse(text).first)
        #expect(back.figures.errorRate == nil && back.figures.requests == 600)
    }

    @Test func mergedPartsAddTheirRequestsWithoutOutcome() {
        var first = RunOverview()
        first.requests = 10
        first.requestsWithoutOutcome = 10
        var second = RunOverview()
        second.requests = 5
        second.failedRequests = 1
        first.merge(second)

        #expect(first.requests == 15 && first.requestsWithoutOutcome == 10)
        #expect(first.outcomesLogged)
    }

    /// The real binary on an arrival trace: the overview row, `summary.json` and a digest.
    @Test func theReportAndDigestOfAnArrivalTraceSayOutcomesAreNotLogged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-arrivals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("arrivals.jsonl")
        try (Self.arrivals.joined(separator: "\n") + "\n").write(
            to: log, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["analyze", "-q", log.path])
        defer { try? FileManager.default.removeItem(at: run.directory) }
        #expect(run.status == 0)
        #expect(run.output("report.md").contains("| requests | 4 (outcomes not logged) |"))
        let block = try #require(try run.summary()["run"] as? [String: Any])
        #expect(block["requestsWithoutOutcome"] as? Int == 4 && block["errorRate"] == nil)

        let report = run.directory.appendingPathComponent("report").path
        let digest = try BinaryRunner.run([
            "digest", report, "-o", folder.appendingPathComponent("d").path,
        ])
        #expect(digest.status == 0)
        let csv = try String(
            contentsOf: folder.appendingPathComponent("d/digest.csv"), encoding: .utf8)
        let row = try #require(CSVTestReader.records(csv).first)
        #expect(row["requests"] == "4" && row["error_rate"] == "")
    }
}
