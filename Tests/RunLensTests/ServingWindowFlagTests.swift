import Foundation
import Testing

/// `--window` sets the serving detectors' request windows as well as `windows.csv`'s, so an
/// incident speaks of the windows the tables show.
struct ServingWindowFlagTests {
    /// Ten minutes of one request a second from 2026-01-01T00:00:00Z, all of 100 ms but those
    /// of minute 3 (60 requests), of 3,000 ms: the p95 of a 5-minute window holding minute 3 is
    /// 3,000 ms (60 of 300 slow, above 5%), as is that of minute 3 alone.
    static func log() -> String {
        (0..<600).map { second in
            let latency = (180..<240).contains(second) ? 3000 : 100
            return "{\"timestamp\": \(1_767_225_600 + second), \"latency_ms\": \(latency),"
                + " \"status\": 200}\n"
        }.joined()
    }

    @Test(arguments: [
        ([], "2026-01-01T00:00:00Z – 2026-01-01T00:05:00Z; 60 of 300 successful"),
        (["--window", "1m"], "2026-01-01T00:03:00Z – 2026-01-01T00:04:00Z; 60 of 60 successful"),
    ])
    func sloViolationSpeaksOfTheWindowsAsked(flags: [String], window: String) throws {
        let folder = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("requests.jsonl")
        try Self.log().write(to: log, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["analyze", log.path] + flags)

        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.output("incidents.csv").split(whereSeparator: \.isNewline).dropFirst()
        #expect(rows.count == 1)
        #expect(rows.first?.hasPrefix("warning,slo_violation,latency_p95,") == true)
        #expect(rows.first?.contains("worst 3000 ms in \(window) requests slower") == true)
    }
}
