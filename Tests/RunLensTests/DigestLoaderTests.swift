import Foundation
import Testing

@testable import RunLens

/// Reading a digest's sources: logs analyzed with `analyze`'s detectors, summaries decoded,
/// results in source order whatever the number of threads.
struct DigestLoaderTests {
    @Test func logsGetTheIncidentsAnalyzeFinds() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = SyntheticRuns.make(
            SyntheticRuns.Serving(
                name: "failing-api", start: 1_715_677_200, seed: 3, requests: 2000, failures: 200))
        let log = try SyntheticRuns.write(run, under: folder).appendingPathComponent(
            "failing-api.jsonl"
        ).path

        let analyzed = try BinaryRunner.run(["analyze", log])
        let incidents = try analyzed.summary()["incidents"] as? [[String: Any]] ?? []
        var expected: [String: Int] = [:]
        for incident in incidents {
            expected[incident["detector"] as? String ?? "", default: 0] += 1
        }
        #expect(!expected.isEmpty, "the serving detectors find 10% failed requests")

        let digested = try BinaryRunner.run(["digest", log, "-o", "report"])
        let row = try #require(CSVTestReader.records(digested.output("digest.csv")).first)
        let kinds = (row["incident_kinds"] ?? "").split(separator: ";").map(String.init)
        #expect(kinds == expected.keys.sorted().map { "\($0):\(expected[$0] ?? 0)" })
        #expect(row["error_rate"] == "0.1")
        #expect(row["status"] == "critical")
    }

    @Test func resultsComeBackInSourceOrderWithAnyNumberOfThreads() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sources: [DigestSource] = []
        for index in 0..<9 {
            let run = SyntheticRuns.make(
                SyntheticRuns.Training(
                    name: "run\(index)", start: 1_715_677_200 + Double(index) * 86_400,
                    seed: UInt64(index), ranks: 1 + index % 3, steps: 40 + 30 * (8 - index)))
            sources.append(.logs(try SyntheticRuns.write(run, under: folder).path))
        }

        let one = DigestLoader(analysis: AnalysisOptions(inputs: []), jobs: 1).load(sources)
        let two = DigestLoader(analysis: AnalysisOptions(inputs: []), jobs: 2).load(sources)
        #expect(one.map(\.figures?.name.name) == (0..<9).map { "run\($0)" })
        #expect(two.map(\.figures) == one.map(\.figures))
        #expect(two.map(\.source) == sources)
    }

    static let badSummaries: [(String, String)] = [
        ("not json", "not JSON"),
        (
            "{\"tool\": \"other\", \"schema\": 1}",
            "not a runlens summary (no \"tool\": \"runlens\")"
        ),
        ("{\"tool\": \"runlens\", \"schema\": 2}", "schema 2 is not 1"),
        ("{\"tool\": \"runlens\", \"schema\": 1}", "missing 'incidents'"),
        (
            "{\"tool\": \"runlens\", \"schema\": 1, \"incidents\": [], \"run\": {\"name\": 3}}",
            "wrong type at 'run.name'"
        ),
    ]

    @Test(arguments: badSummaries)
    func unreadableSummariesSayWhy(_ text: String, _ reason: String) throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("x.summary.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let part = DigestLoader(analysis: AnalysisOptions(inputs: []), jobs: 1).load([
            .summary(path)
        ])
        #expect(part.first?.error == "cannot read summary '\(path)': \(reason)")
        #expect(part.first?.isRead == false)
    }

    @Test func summaryWithAGivenNameIsReadWhole() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = SyntheticRuns.make(
            SyntheticRuns.Training(name: "t", start: 1_715_677_200, seed: 1, steps: 30))
        let named = try SummaryFixture.write(run, incidents: [], under: folder, runName: "job")
        let other = folder.appendingPathComponent("other")
        let unnamed = try SummaryFixture.write(run, incidents: [], under: other)

        let parts = DigestLoader(analysis: AnalysisOptions(inputs: []), jobs: 2).load([
            .summary(named.appendingPathComponent("summary.json").path),
            .summary(unnamed.appendingPathComponent("summary.json").path),
        ])
        #expect(parts[0].document != nil)
        #expect(parts[0].figures?.name == RunName(name: "job", given: true))
        #expect(parts[1].document == nil)
        #expect(parts[1].figures?.name == RunName(name: "t", given: false))
    }

    @Test func aFolderWithAnotherToolsSummaryIsARunFolder() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = SyntheticRuns.make(
            SyntheticRuns.Training(name: "hf-run", start: 1_715_677_200, seed: 2, ranks: 1))
        let directory = try SyntheticRuns.write(run, under: folder)
        try Data("{\"eval_accuracy\": 0.91}\n".utf8).write(
            to: directory.appendingPathComponent("summary.json"))

        let sources = try DigestSource.resolve([directory.path]).sources
        #expect(sources == [.outputFolder(directory.path)])
        let parts = DigestLoader(analysis: AnalysisOptions(inputs: []), jobs: 1).load(sources)
        #expect(parts.first?.error == nil)
        #expect(parts.first?.figures?.name.name == "hf-run")
        #expect(parts.first?.figures?.finalTrainLoss == run.figures.finalTrainLoss)
    }
}
