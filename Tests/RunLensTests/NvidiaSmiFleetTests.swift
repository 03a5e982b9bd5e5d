import Foundation
import Testing

/// nvidia-smi CSV dumps (`--format=csv`, units in the header) read through the built binary:
/// which columns are memory, in which unit, and dumps of several nodes kept apart.
struct NvidiaSmiFleetTests {
    /// `2026/01/05 10:00:00.000` plus `seconds`, as nvidia-smi writes its timestamps.
    static func stamp(_ seconds: Int) -> String {
        let minutes = seconds / 60
        return String(
            format: "2026/01/05 %02d:%02d:%02d.000", 10 + minutes / 60, minutes % 60, seconds % 60)
    }

    /// `utilization.memory [%]` rises 10 → 57 while `memory.used [MiB]` stays at 60000: a busy
    /// share, not memory, so no memory growth (before, a 189.7%/h growth of "GB").
    @Test func memoryUtilizationIsNoMemory() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv =
            "timestamp, index, utilization.gpu [%], utilization.memory [%], memory.used [MiB], "
            + "memory.total [MiB]\n"
        for index in 0..<480 {
            csv +=
                "\(Self.stamp(15 * index)), 0, 95 %, \(10 + index / 10) %, 60000 MiB, 81920 MiB\n"
        }
        try RankFolderTests.write(csv, "gpu.csv", in: folder)

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.output("incidents.csv").split(whereSeparator: \.isNewline)
        #expect(rows.count == 1, "\(rows)")
    }

    /// `memory.used [MiB]` grows 10 MiB a minute from 1000 for two hours on a GPU of
    /// `memory.total [GiB]` 80. By hand: 600 MiB/h; the peak 2200 MiB reaches 80 GiB =
    /// 81920 MiB after (81920 − 2200) / 10 = 7972 minutes, 5 d 12 h 52 min. Guessed from their
    /// magnitude, 1000–2200 read as GB, past an "80 GB" capacity.
    @Test func theHeaderUnitsGiveTheRateAndTheCapacity() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "timestamp, index, memory.used [MiB], memory.total [GiB]\n"
        for minute in 0...120 {
            csv += "\(Self.stamp(60 * minute)), 0, \(1000 + 10 * minute) MiB, 80 GiB\n"
        }
        try RankFolderTests.write(csv, "gpu.csv", in: folder)

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        let rows = run.output("incidents.csv").split(whereSeparator: \.isNewline)
        #expect(rows.count == 2, "\(rows)")
        let message = rows.last.map(String.init) ?? ""
        #expect(message.contains("memory_growth,memory.used,,0,"))
        #expect(message.contains("(600 MiB/h)"))
        #expect(
            message.contains(
                "its peak (2200 MiB now) reaches the 81920 MiB capacity (memory.total in the "
                    + "log) in about 5d 12h"))
    }

    /// Writes `nodeN/gpu.csv` for nodes 0 and 1, GPUs 0–3 every 15 s for an hour; node1's GPU 3
    /// runs at 88 °C and 10% from 10:30.
    static func writeNodeDumps(in folder: URL) throws {
        for node in 0...1 {
            var csv =
                "timestamp, index, temperature.gpu, utilization.gpu [%], memory.used [MiB], "
                + "memory.total [MiB]\n"
            for sample in 0..<240 {
                for gpu in 0...3 {
                    let hot = node == 1 && gpu == 3 && sample >= 120
                    csv +=
                        "\(Self.stamp(15 * sample)), \(gpu), \(hot ? 88 : 65), \(hot ? 10 : 95) %, "
                        + "50000 MiB, 81920 MiB\n"
                }
            }
            try RankFolderTests.write(csv, "node\(node)/gpu.csv", in: folder)
        }
    }

    /// Each node's dump is a rank of its own: node1's GPU 3 is rank 1's device 3 (240 samples,
    /// mean (120 × 65 + 120 × 88) / 240 = 76.5 °C), node0's GPU 3 rank 0's (65 °C), and the
    /// report says which node each rank ran on.
    @Test func eachNodesDumpIsARankOfItsOwn() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeNodeDumps(in: folder)

        let run = try BinaryRunner.run(["analyze", "-q", folder.path])

        #expect(run.status == 1, "\(run.stderr)")
        let incidents = run.output("incidents.csv").split(whereSeparator: \.isNewline).dropFirst()
        #expect(
            incidents.map { $0.split(separator: ",").prefix(5).joined(separator: ",") } == [
                "critical,gpu_overheat,temperature.gpu,1,3",
                "warning,gpu_underutilized,utilization.gpu,1,3",
            ])
        let temperatures = run.output("ranks.csv").split(whereSeparator: \.isNewline)
            .filter { $0.contains(",3,temperature.gpu,") }
            .map { $0.split(separator: ",").prefix(5).joined(separator: ",") }
        #expect(temperatures == ["0,3,temperature.gpu,240,65", "1,3,temperature.gpu,240,76.5"])
        #expect(run.output("report.md").contains("| nodes | node0: rank 0; node1: rank 1 |"))
        #expect(
            run.stderr.contains(
                "node1/gpu.csv: its records name no rank and its folder a node: read as rank 1 "
                    + "(one rank a node for records that name none, numbered node after node, "
                    + "one folder a node)"))
        #expect(!run.stderr.contains("overlap"))
    }
}
