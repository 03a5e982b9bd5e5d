import Foundation
import Testing

/// The incidents printed under the verdict name the rank they are about, as `report.md` does,
/// unless their message names it already. Run through the built binary.
struct VerdictUnitTests {
    /// Four ranks log a loss of 2.0 + 0.01 × (step mod 5) at steps 1–400; rank 2 logs 8.0 at
    /// step 300, four times its trailing mean (about 2.02): a `loss_spike` on rank 2 alone,
    /// whose message speaks of the loss, not of the rank.
    @Test func aSpikeOnOneRankIsPrintedWithItsRank() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-verdict-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for rank in 0..<4 {
            let text = (1...400).map { step in
                let loss = rank == 2 && step == 300 ? 8.0 : 2.0 + 0.01 * Double(step % 5)
                return "{\"step\": \(step), \"rank\": \(rank), \"loss\": \(loss)}\n"
            }.joined()
            try Data(text.utf8).write(to: folder.appendingPathComponent("rank\(rank).jsonl"))
        }

        let run = try BinaryRunner.run(["analyze", folder.path])

        #expect(run.status == 1, "\(run.stderr)")
        #expect(
            run.stdout.contains("\n  critical loss_spike (rank 2): loss jumped to 8 at step 300"))
    }
}
