import Foundation
import Testing

@testable import RunLens

/// A resume that went back further than the points held back leaves the replaced pass's
/// final points in the data.
struct KeptFinalTests {
    /// Steps 1–1000 whose loss is NaN from step 300 (why the job was restarted), then the run
    /// resumed from step 250, clean to 1500: steps 300 to 488 were final before the resume
    /// (512 held back: 489–1000), so they stay, and the resume says so.
    @Test func aResumeBehindTheHoldBackSaysHowManySeriesKeptFinalPoints() throws {
        let folder = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lookback.jsonl").path
        let line = { (step: Int, loss: String) in #"{"step": \#(step), "loss": \#(loss)}"# }
        let loss = { (step: Int) in String(2 + 2 * exp(-Double(step) / 200)) }
        let first = (1...1000).map { line($0, $0 >= 300 ? "NaN" : loss($0)) }
        let second = (251...1500).map { line($0, loss($0)) }
        try (first + second).joined(separator: "\n").write(
            toFile: path, atomically: true, encoding: .utf8)

        let (result, _) = try TrainingPipelineTests.analyze([path])

        #expect(result.overview.resumes.map(\.keptFinal) == [1])
        #expect(result.overview.seriesNotSuperseded == 1)
    }
}
