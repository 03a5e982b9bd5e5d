import Foundation
import Testing

/// Each `throughput_drop` row of `incidents.csv` describes one thing: its peak, threshold,
/// message, span and times come from one rule. Run through the built binary.
struct ThroughputRowsTests {
    /// 2026-01-01T00:00:00Z.
    static let start = 1_767_225_600

    /// Ranks 0–2 log 1000 tokens/s at every step 1–400; rank 3 logs 600 at steps 1–100 and
    /// 151–250 and 1000 elsewhere, one second a step. The first 20 points of each rank are
    /// warm-up, never compared. Where rank 3 is low the cluster average is
    /// (3 × 1000 + 600) / 4 = 900, so it runs at 600 / 900 = 66.7% of it: steps 21–100 and
    /// 151–250 (80 + 100 points), 51 steps apart, within the 100-step cooldown: one row from
    /// step 21 to 250 whose message says so, timed 00:00:21 to 00:04:10. Its own level never
    /// falls (it starts low), so no own-level row.
    @Test func aRankBelowTheClusterInTwoStretchesIsOneRowThatSaysSo() throws {
        let folder = try Self.folder { rank, step in
            rank == 3 && (step <= 100 || (151...250).contains(step)) ? 600 : 1000
        }
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run(["analyze", folder.path])

        #expect(run.status == 0, "\(run.stderr)")
        let rows = CSVTestReader.rows(run.output("incidents.csv")).dropFirst()
            .filter { $0.count > 1 && $0[1] == "throughput_drop" }
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        let message =
            "rank 3's tokens_per_second ran at 66.7% of the cluster average at the same steps"
            + " (lowest 66.7%) from step 21 to 250, in 2 stretches at most 100 steps apart;"
            + " rule: below 80.0%"
        #expect(
            Array(row.prefix(12)) == [
                "warning", "throughput_drop", "tokens_per_second", "3", "", "21", "250",
                "2026-01-01T00:00:21Z", "2026-01-01T00:04:10Z", "\(600.0 / 900.0)", "0.8", "180",
            ])
        #expect(row.last == message)
        #expect(run.stdout.contains("  warning throughput_drop: \(message)\n"))
    }

    /// Rank 1 falls to half at step 201 and stays there: 500 / 875 = 57.1% of the cluster
    /// average, and 50% of its own level of 1000 (threshold 800 tokens/s). The two rules
    /// make two rows, each with its own unit, both naming the rank.
    @Test func theOwnLevelAndClusterRulesAreNeverOneRow() throws {
        let folder = try Self.folder { rank, step in rank == 1 && step > 200 ? 500 : 1000 }
        defer { try? FileManager.default.removeItem(at: folder) }

        let run = try BinaryRunner.run(["analyze", folder.path])

        let rows = CSVTestReader.rows(run.output("incidents.csv")).dropFirst()
            .filter { $0.count > 1 && $0[1] == "throughput_drop" }
        #expect(rows.count == 2)
        let own = try #require(rows.first { $0[12].contains("own level") })
        let share = try #require(rows.first { $0[12].contains("cluster average") })
        #expect([own[3], own[9], own[10]] == ["1", "500", "800"])
        #expect(own[12].hasPrefix("rank 1's tokens_per_second fell to 50.0% of the run's own"))
        #expect([share[3], share[5], share[6]] == ["1", "201", "400"])
        #expect([share[9], share[10]] == ["\(500.0 / 875.0)", "0.8"])
        #expect([share[7], share[8]] == ["2026-01-01T00:03:21Z", "2026-01-01T00:06:40Z"])
        #expect(share[12].hasPrefix("rank 1's tokens_per_second ran at 57.1% of the cluster"))
    }

    /// `logs/rankN.jsonl` for ranks 0–3, steps 1–400, tokens per second from `value`.
    static func folder(_ value: (Int, Int) -> Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-throughput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for rank in 0..<4 {
            let text = (1...400).map { step in
                "{\"step\": \(step), \"timestamp\": \(Self.start + step), \"rank\": \(rank),"
                    + " \"tokens_per_second\": \(value(rank, step))}\n"
            }.joined()
            let file = folder.appendingPathComponent("rank\(rank).jsonl")
            try Data(text.utf8).write(to: file)
        }
        return folder
    }
}
