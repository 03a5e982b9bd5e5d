import Foundation
import Testing

@testable import RunLens

/// A week of runs, digested by the built binary: every row, ranking and flaky node checked
/// against what the generated logs and the hand-written incidents contain; then a second
/// week compared with the first through `--previous`.
struct DigestTests {
    typealias Training = SyntheticRuns.Training

    /// Week 1 (Monday 13 to Sunday 19 May 2024) and one run from the week before.
    struct WeekOne {
        let folder: URL
        let runs: [String: SyntheticRuns.Run]

        init() throws {
            folder = try SyntheticRuns.temporaryFolder().appendingPathComponent("week1")
            var runs: [String: SyntheticRuns.Run] = [:]
            func day(_ day: Int) -> Double { SyntheticRuns.may2024(day: day) }

            let clean = SyntheticRuns.make(Training(name: "pretrain-a", start: day(13), seed: 1))
            try SyntheticRuns.write(clean, under: folder)
            let hotB = SyntheticRuns.make(
                Training(name: "pretrain-b", start: day(14), seed: 2, hotRank: 3))
            try SummaryFixture.write(
                hotB, incidents: [SummaryFixture.overheat(rank: 3)], under: folder)
            let nan = SyntheticRuns.make(
                Training(name: "finetune-c", start: day(15), seed: 3, ranks: 2, nanAtStep: 150))
            try SummaryFixture.write(
                nan, incidents: [SummaryFixture.divergence(step: 150)], under: folder)
            let hotD = SyntheticRuns.make(
                Training(name: "pretrain-d", start: day(16), seed: 4, hotRank: 3))
            try SummaryFixture.write(
                hotD,
                incidents: [SummaryFixture.overheat(rank: 3), SummaryFixture.straggler(rank: 1)],
                under: folder)
            let hotE = SyntheticRuns.make(
                Training(name: "pretrain-e", start: day(17), seed: 5, hotRank: 3))
            try SummaryFixture.write(
                hotE, incidents: [SummaryFixture.overheat(rank: 3)], under: folder)
            let serve = SyntheticRuns.make(
                SyntheticRuns.Serving(name: "serve-f", start: day(18), seed: 6))
            try SummaryFixture.write(
                serve, incidents: [SummaryFixture.errorRate(0.03)], under: folder)
            let api = SyntheticRuns.make(
                SyntheticRuns.Serving(
                    name: "api-z", start: SyntheticRuns.may2024(day: 18, hour: 15), seed: 10,
                    failures: 0))
            try SyntheticRuns.write(api, under: folder)
            let plateau = SyntheticRuns.make(Training(name: "eval-g", start: day(19), seed: 7))
            try SummaryFixture.write(plateau, incidents: [SummaryFixture.plateau()], under: folder)
            let old = SyntheticRuns.make(Training(name: "old-run", start: day(8), seed: 8))
            try SyntheticRuns.write(old, under: folder)

            for run in [clean, hotB, nan, hotD, hotE, serve, api, plateau, old] {
                runs[run.name] = run
            }
            self.runs = runs
        }
    }

    @Test func weekDigestHasEveryRunWithItsFigures() throws {
        let week = try WeekOne()
        let run = try BinaryRunner.run(digestArguments(week.folder, since: "2024-05-13"))
        #expect(run.status == 0, "\(run.stderr)")

        let rows = CSVTestReader.records(run.output("digest.csv"))
        let names = rows.map { $0["run"] ?? "" }
        let expectedNames = [
            "pretrain-a", "pretrain-b", "finetune-c", "pretrain-d", "pretrain-e", "serve-f",
            "api-z", "eval-g",
        ]
        #expect(names == expectedNames)

        let statuses: [String: (String, [Int])] = [
            "pretrain-a": ("ok", [0, 0, 0, 0]), "pretrain-b": ("critical", [1, 0, 0, 0]),
            "finetune-c": ("critical", [1, 0, 0, 0]), "pretrain-d": ("critical", [1, 0, 1, 0]),
            "pretrain-e": ("critical", [1, 0, 0, 0]), "serve-f": ("critical", [1, 0, 0, 0]),
            "api-z": ("ok", [0, 0, 0, 0]),
            "eval-g": ("warning", [0, 0, 1, 0]),
        ]
        for row in rows {
            let name = row["run"] ?? ""
            guard let generated = week.runs[name], let status = statuses[name] else {
                Issue.record("unexpected row \(name)")
                continue
            }
            #expect(row["status"] == status.0, "\(name)")
            let counts = ["critical", "error", "warning", "info"].map { Int(row[$0] ?? "") }
            #expect(counts == status.1.map { Optional($0) }, "\(name)")
            try checkFigures(row, generated.figures, name)
        }
    }

    @Test func weekDigestRanksKindsAndFindsTheHotRank() throws {
        let week = try WeekOne()
        let run = try BinaryRunner.run(digestArguments(week.folder, since: "2024-05-13"))
        let digest = try decodeDigest(run)

        let kinds = digest.kinds.map {
            "\($0.detector):\($0.runs):\($0.incidents):\($0.worst.name)"
        }
        #expect(
            kinds == [
                "gpu_overheat:3:3:critical", "divergence:1:1:critical", "error_rate:1:1:critical",
                "loss_plateau:1:1:warning", "straggler:1:1:warning",
            ])
        #expect(digest.kinds.first?.runNames == ["pretrain-b", "pretrain-d", "pretrain-e"])

        #expect(digest.nodes.count == 1)
        #expect(digest.nodes.first?.rank == 3)
        #expect(digest.nodes.first?.device == nil)
        #expect(digest.nodes.first?.detectors == ["gpu_overheat"])
        #expect(digest.nodes.first?.runNames == ["pretrain-b", "pretrain-d", "pretrain-e"])
        #expect(digest.leftOut == ["old-run"])

        let markdown = run.output("digest.md")
        #expect(
            markdown.contains("| rank 3 | 3 | gpu_overheat | pretrain-b, pretrain-d, pretrain-e |"))
        #expect(
            markdown.contains(
                "| gpu_overheat | 3 | 3 | critical | pretrain-b, pretrain-d, pretrain-e |"))
        #expect(
            markdown.contains(
                "8 runs from 2024-05-13T09:00:02Z to 2024-05-19T09:10:00Z: "
                    + "5 critical, 1 warning, 2 ok."
            ))
    }

    @Test func untilKeepsRunsThatStartBeforeTheEndOfTheDay() throws {
        let week = try WeekOne()
        let run = try BinaryRunner.run(
            digestArguments(week.folder, since: "2024-05-14") + ["--until", "2024-05-16"])
        #expect(run.status == 0, "\(run.stderr)")
        let names = CSVTestReader.records(run.output("digest.csv")).map { $0["run"] ?? "" }
        #expect(names == ["pretrain-b", "finetune-c", "pretrain-d"])
    }

    @Test func secondWeekShowsWhatGotBetterAndWorse() throws {
        let week = try WeekOne()
        let first = try BinaryRunner.run(digestArguments(week.folder, since: "2024-05-13"))
        #expect(first.status == 0, "\(first.stderr)")
        let previous = first.directory.appendingPathComponent("report").path
        let weekTwo = try makeWeekTwo()

        let second = try BinaryRunner.run(
            digestArguments(weekTwo, since: "2024-05-20") + ["--previous", previous])
        #expect(second.status == 0, "\(second.stderr)")
        try checkWeekTwoChanges(try decodeDigest(second))

        try FileManager.default.removeItem(atPath: previous + "/digest.json")
        let fromCSV = try BinaryRunner.run(
            digestArguments(weekTwo, since: "2024-05-20") + ["--previous", previous])
        #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
        try checkWeekTwoChanges(try decodeDigest(fromCSV))
        #expect(second.output("digest.md") == fromCSV.output("digest.md"))
    }

    /// Week 2: throughput of `pretrain-a` down 25%, `pretrain-b` and `finetune-c` fixed,
    /// `pretrain-d` still hot, `serve-f` failing twice as often and slower, `api-z` as clean,
    /// `eval-g` now diverging, `new-h` new and diverging.
    private func makeWeekTwo() throws -> URL {
        let folder = try SyntheticRuns.temporaryFolder().appendingPathComponent("week2")
        func day(_ day: Int) -> Double { SyntheticRuns.may2024(day: day) }
        try SyntheticRuns.write(
            SyntheticRuns.make(
                Training(name: "pretrain-a", start: day(20), seed: 1, tokensPerSecond: 15_000)),
            under: folder)
        try SummaryFixture.write(
            SyntheticRuns.make(Training(name: "pretrain-b", start: day(21), seed: 2)),
            incidents: [], under: folder)
        try SyntheticRuns.write(
            SyntheticRuns.make(Training(name: "finetune-c", start: day(22), seed: 3, ranks: 2)),
            under: folder)
        try SummaryFixture.write(
            SyntheticRuns.make(Training(name: "pretrain-d", start: day(23), seed: 4, hotRank: 3)),
            incidents: [SummaryFixture.overheat(rank: 3)], under: folder)
        try SummaryFixture.write(
            SyntheticRuns.make(
                SyntheticRuns.Serving(
                    name: "serve-f", start: day(24), seed: 6, failures: 24, latencyScale: 450)),
            incidents: [SummaryFixture.errorRate(0.06)], under: folder)
        try SyntheticRuns.write(
            SyntheticRuns.make(
                SyntheticRuns.Serving(
                    name: "api-z", start: SyntheticRuns.may2024(day: 24, hour: 15), seed: 10,
                    failures: 0)),
            under: folder)
        try SummaryFixture.write(
            SyntheticRuns.make(Training(name: "eval-g", start: day(25), seed: 7, nanAtStep: 280)),
            incidents: [SummaryFixture.divergence(step: 280)], under: folder)
        try SummaryFixture.write(
            SyntheticRuns.make(Training(name: "new-h", start: day(26), seed: 9, nanAtStep: 90)),
            incidents: [SummaryFixture.divergence(step: 90)], under: folder)
        return folder
    }

    private func checkWeekTwoChanges(_ digest: Digest) throws {
        let comparison = try #require(digest.comparison)
        #expect(comparison.previousRuns == 8)
        #expect(comparison.previousFailed == 5)
        #expect(comparison.failed == 4)
        #expect(comparison.newFailures == ["eval-g", "new-h"])
        #expect(comparison.fixed == ["pretrain-b", "finetune-c"])

        let worse = Dictionary(uniqueKeysWithValues: comparison.worse.map { ($0.name, labels($0)) })
        #expect(
            worse == [
                "pretrain-a": ["throughput"],
                "serve-f": ["latency p95", "latency p99", "error rate"],
                "eval-g": ["status", "final train loss"],
            ])
        let better = Dictionary(
            uniqueKeysWithValues: comparison.better.map { ($0.name, labels($0)) })
        #expect(
            better == [
                "pretrain-b": ["status"], "finetune-c": ["status", "final train loss"],
            ])
        #expect(
            comparison.worse.first { $0.name == "eval-g" }?.changes.first
                == "status warning → critical")
        #expect(
            comparison.worse.first { $0.name == "serve-f" }?.changes.last
                == "error rate 3.00% → 6.00%")

        let worseKinds = comparison.worseKinds.map { "\($0.detector):\($0.before)→\($0.now)" }
        let betterKinds = comparison.betterKinds.map { "\($0.detector):\($0.before)→\($0.now)" }
        #expect(worseKinds == ["divergence:1→2"])
        #expect(betterKinds == ["gpu_overheat:3→1", "loss_plateau:1→0", "straggler:1→0"])
        #expect(digest.nodes.isEmpty)
    }

    /// The words of each change before its numbers (`throughput`, `status`, `latency p95`).
    private func labels(_ change: DigestComparison.RunChange) -> [String] {
        change.changes.map { phrase in
            if phrase.hasPrefix("status ") { return "status" }
            let words = phrase.split(separator: " ").prefix { word in
                !(word.first.map { $0.isNumber || $0 == "N" || $0 == "-" } ?? true)
            }
            return words.joined(separator: " ")
        }
    }

    private func digestArguments(_ folder: URL, since: String) -> [String] {
        ["digest", folder.path, "--since", since, "-o", "report"]
    }

    private func decodeDigest(_ run: BinaryRunner.Outcome) throws -> Digest {
        try Digest.decode(Data(run.output("digest.json").utf8))
    }

    private func checkFigures(
        _ row: [String: String], _ figures: SyntheticRuns.Figures, _ name: String
    ) throws {
        #expect(row["start"] == TimeFormat.iso(figures.firstTime), "\(name)")
        #expect(row["end"] == TimeFormat.iso(figures.lastTime), "\(name)")
        #expect(Double(row["first_step"] ?? "") == figures.firstStep, "\(name)")
        #expect(Double(row["last_step"] ?? "") == figures.lastStep, "\(name)")
        expectSame(row["final_train_loss"], figures.finalTrainLoss, "\(name) train loss")
        expectSame(row["final_val_loss"], figures.finalValLoss, "\(name) val loss")
        expectSame(row["throughput"], figures.throughput, "\(name) throughput")
        expectSame(row["latency_p95_ms"], figures.latencyP95, "\(name) p95")
        expectSame(row["latency_p99_ms"], figures.latencyP99, "\(name) p99")
        #expect(Int(row["requests"] ?? "") == figures.requests, "\(name)")
        let rate =
            figures.requests > 0
            ? Double(figures.failedRequests) / Double(figures.requests) : nil
        expectSame(row["error_rate"], rate, "\(name) error rate")
    }

    /// Equal up to rounding (relative 1e-12), NaN equal to NaN, empty cell for `nil`.
    private func expectSame(_ cell: String?, _ expected: Double?, _ label: String) {
        guard let expected else {
            #expect(cell == "", "\(label): \(cell ?? "nil")")
            return
        }
        guard let value = Double(cell ?? "") else {
            Issue.record("\(label): '\(cell ?? "nil")' is not a number")
            return
        }
        if expected.isNaN {
            #expect(value.isNaN, "\(label)")
            return
        }
        #expect(
            abs(value - expected) <= 1e-12 * max(1, abs(expected)),
            "\(label): \(value) vs \(expected)")
    }
}
