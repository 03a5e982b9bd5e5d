import Foundation
import Testing

@testable import RunLens

/// Analyzing a log in N shards and merging their summaries gives the figures of analyzing
/// the whole log: exactly for counts, sums, extremes, first and last values; within the
/// sketch's 0.5% for quantiles.
struct SummaryMergeTests {
    /// A two-rank training log plus request records, one file, steps interleaved by rank,
    /// values multiples of 1/64 so that every sum is exact in any order.
    static func dyadicLog(steps: Int) -> (text: String, losses: [Int: [Double]]) {
        var random = SeededRandom(seed: 42)
        var text = ""
        var losses: [Int: [Double]] = [0: [], 1: []]
        for step in 1...steps {
            for rank in 0..<2 {
                let loss = (64 * (3 + random.normal() * 0.2)).rounded() / 64
                let rate = (64 * (9000 + 300 * random.normal())).rounded() / 64
                text +=
                    "{\"step\": \(step), \"rank\": \(rank), "
                    + "\"timestamp\": \(1_715_000_000 + step), "
                    + "\"loss\": \(loss), \"tokens_per_second\": \(rate)}\n"
                losses[rank, default: []].append(loss)
            }
            if step % 97 == 0 {
                text += "{\"step\": \(step), \"rank\": 0, \"loss\": NaN}\n"
                losses[0, default: []].append(.nan)
            }
        }
        return (text, losses)
    }

    @Test(arguments: [2, 3, 7])
    func shardsMergeToTheWhole(shards: Int) throws {
        let log = Self.dyadicLog(steps: 2000)
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let whole = try analyze(write(log.text, folder, "whole.jsonl"), name: "whole")
        let parts = try split(log.text, into: shards).enumerated().map { index, piece in
            try roundTrip(analyze(write(piece, folder, "part\(index).jsonl"), name: "big-run"))
        }
        let merged = try SummaryMerge.merge(parts.reversed())

        #expect(merged.accounting == whole.accounting)
        #expect(merged.metrics.count == whole.metrics.count)
        for entry in whole.metrics {
            let other = try #require(merged.metrics.first { MetricKey($0) == MetricKey(entry) })
            let mine = try #require(entry.mergeable?.summary)
            let theirs = try #require(other.mergeable?.summary)
            #expect(theirs.count == mine.count, "\(entry.name)")
            #expect(theirs.nanCount == mine.nanCount, "\(entry.name)")
            #expect(theirs.sum == mine.sum, "\(entry.name) sum")
            #expect(theirs.min == mine.min && theirs.max == mine.max, "\(entry.name)")
            #expect(theirs.first == mine.first && theirs.last == mine.last, "\(entry.name)")
            expectClose(theirs.mean, mine.mean, 1e-12, "\(entry.name) mean")
            expectClose(theirs.std, mine.std, 1e-9, "\(entry.name) std")
            expectQuantiles(other.stats, entry.stats, "\(entry.name)")
        }

        let losses = log.losses[0] ?? []
        let rank0 = try #require(merged.metrics.first { $0.name == "loss" && $0.rank == 0 })
        #expect(rank0.stats.count == losses.filter(\.isFinite).count)
        #expect(rank0.stats.nonfinite == losses.count { $0.isNaN })
        #expect(rank0.mergeable?.summary.sum == losses.filter(\.isFinite).reduce(0, +))

        #expect(merged.run?.name == RunName(name: "big-run", given: true))
        #expect(merged.run?.finalTrainLoss == whole.run?.finalTrainLoss)
        #expect(merged.run?.firstTime == whole.run?.firstTime)
        #expect(merged.run?.lastStep == whole.run?.lastStep)
        expectClose(merged.run?.throughput, whole.run?.throughput, 1e-12, "throughput")
        #expect(merged.overview.ranks == [0, 1])
    }

    @Test func requestShardsMergeLatencyWithinTheSketchBound() throws {
        let run = SyntheticRuns.make(
            SyntheticRuns.Serving(name: "api", start: 1_715_000_000, seed: 11, requests: 3000))
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = run.files[0].text

        let whole = try analyze(write(text, folder, "whole.jsonl"), name: "api")
        let parts = try split(text, into: 4).enumerated().map { index, piece in
            try roundTrip(analyze(write(piece, folder, "part\(index).jsonl"), name: "api"))
        }
        let merged = try SummaryMerge.merge(parts)

        let figures = try #require(merged.run)
        #expect(figures.requests == 3000)
        #expect(figures.failedRequests == run.figures.failedRequests)
        #expect(figures.errorRate == whole.run?.errorRate)
        #expect(figures.latencyExact == false)
        let p95 = try #require(run.figures.latencyP95)
        let p99 = try #require(run.figures.latencyP99)
        #expect(
            abs((figures.latencyP95 ?? 0) - p95) <= QuantileSketch.relativeAccuracy * p95 + 1e-9)
        #expect(
            abs((figures.latencyP99 ?? 0) - p99) <= QuantileSketch.relativeAccuracy * p99 + 1e-9)
        #expect(whole.run?.latencyP95 == p95)
    }

    @Test func realisticShardsKeepCountsAndSumsToRounding() throws {
        let generated = SyntheticRuns.make(
            SyntheticRuns.Training(name: "r", start: 1_715_000_000, seed: 5, ranks: 1, steps: 5000))
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = generated.files[0].text

        let whole = try analyze(write(text, folder, "whole.jsonl"), name: "r")
        let parts = try split(text, into: 5).enumerated().map { index, piece in
            try roundTrip(analyze(write(piece, folder, "part\(index).jsonl"), name: "r"))
        }
        let merged = try SummaryMerge.merge(parts)
        for entry in whole.metrics {
            let other = try #require(merged.metrics.first { MetricKey($0) == MetricKey(entry) })
            #expect(other.stats.count == entry.stats.count, "\(entry.name)")
            #expect(other.stats.min == entry.stats.min && other.stats.max == entry.stats.max)
            expectClose(other.mergeable?.summary.sum, entry.mergeable?.summary.sum, 1e-12, "sum")
            expectQuantiles(other.stats, entry.stats, entry.name)
        }
        #expect(merged.run?.finalTrainLoss == generated.figures.finalTrainLoss)
        expectClose(merged.run?.throughput, generated.figures.throughput, 1e-12, "throughput")
    }

    @Test func refusesSummariesWithoutMergeableStatistics() throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var old = try analyze(write(Self.dyadicLog(steps: 20).text, folder, "a.jsonl"), name: "x")
        old.metrics[0].mergeable = nil
        let other = try analyze(write(Self.dyadicLog(steps: 20).text, folder, "b.jsonl"), name: "x")

        #expect(throws: SummaryMergeError.notMergeable(run: "x", metric: "loss")) {
            try SummaryMerge.merge([old, other])
        }
        #expect(throws: SummaryMergeError.noParts) { try SummaryMerge.merge([]) }
        #expect(
            SummaryMergeError.notMergeable(run: "x", metric: "loss").description
                == "cannot merge run 'x': metric 'loss' has no mergeable statistics "
                + "(summary written before summaries could merge; analyze the log again)")
    }

    @Test func shardsAnalyzedApartDigestAsOneRun() throws {
        let log = Self.dyadicLog(steps: 600)
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try write(log.text, folder, "whole.jsonl")
        var arguments = ["digest"]
        for (index, piece) in split(log.text, into: 3).enumerated() {
            let shard = try write(piece, folder, "shard\(index).jsonl")
            let out = folder.appendingPathComponent("summaries/shard\(index)").path
            let analyzed = try BinaryRunner.run(
                ["analyze", shard, "--run-name", "job-7", "--fail-on", "never", "-o", out],
                addOutput: false)
            #expect(analyzed.status == 0, "\(analyzed.stderr)")
            arguments.append(out)
        }

        let merged = try BinaryRunner.run(arguments + ["-o", "report"])
        let single = try BinaryRunner.run(["digest", whole, "-o", "report"])
        #expect(merged.status == 0, "\(merged.stderr)")
        let mergedRows = CSVTestReader.records(merged.output("digest.csv"))
        let singleRows = CSVTestReader.records(single.output("digest.csv"))
        #expect(mergedRows.count == 1)
        #expect(mergedRows.first?["run"] == "job-7")
        #expect(mergedRows.first?["parts"] == "3")
        #expect(merged.output("digest.md").contains("| job-7 (3 parts) |"))
        for column in ["start", "end", "first_step", "last_step", "final_train_loss"] {
            #expect(mergedRows.first?[column] == singleRows.first?[column], "\(column)")
        }
        let rate = Double(mergedRows.first?["throughput"] ?? "") ?? 0
        let expected = Double(singleRows.first?["throughput"] ?? "") ?? 1
        #expect(abs(rate - expected) <= 1e-12 * expected)
    }

    // MARK: - Helpers

    private func write(_ text: String, _ folder: URL, _ name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private func analyze(_ path: String, name: String) throws -> SummaryJSON.Document {
        var options = AnalysisOptions(inputs: [path])
        options.runName = name
        let result = try Analyzer(options: options).run()
        return SummaryJSON.document(result, version: Version.current)
    }

    /// Through `summary.json` text and back, as the digest reads it.
    private func roundTrip(_ document: SummaryJSON.Document) throws -> SummaryJSON.Document {
        try SummaryJSON.decode(Data(try SummaryJSON.encode(document).utf8))
    }

    /// `text` cut into `count` pieces of about equal line counts, at line ends.
    private func split(_ text: String, into count: Int) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let size = (lines.count + count - 1) / count
        return stride(from: 0, to: lines.count, by: size).map { start in
            lines[start..<min(start + size, lines.count)].joined(separator: "\n") + "\n"
        }
    }

    private func expectClose(
        _ value: Double?, _ expected: Double?, _ relative: Double, _ label: String
    ) {
        guard let value, let expected else {
            #expect(value == nil && expected == nil, "\(label)")
            return
        }
        #expect(
            abs(value - expected) <= relative * max(1, abs(expected)),
            "\(label): \(value) vs \(expected)")
    }

    /// Merged quantiles within the sketch's relative accuracy of the whole's exact ones.
    private func expectQuantiles(_ merged: StatRow, _ whole: StatRow, _ label: String) {
        let pairs = [(merged.p50, whole.p50), (merged.p95, whole.p95), (merged.p99, whole.p99)]
        for (estimate, exact) in pairs {
            guard let estimate, let exact else {
                #expect(estimate == nil && exact == nil, "\(label)")
                continue
            }
            let bound = QuantileSketch.relativeAccuracy * abs(exact) + 1e-12
            #expect(abs(estimate - exact) <= bound, "\(label): \(estimate) vs \(exact)")
        }
    }
}
