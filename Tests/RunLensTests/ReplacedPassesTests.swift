import Foundation
import Testing

@testable import RunLens

/// Incidents among the points of a replaced pass that were already final: a resume that went
/// back further than the points held back.
struct ReplacedPassesTests {
    /// Steps 1–1000 whose loss is NaN from step 300 (why the job was restarted), then the run
    /// resumed from step 250, clean to 1500: steps 300 to 488 were final before the resume
    /// (512 held back: 489–1000), so they stay; the divergence they show is the replaced
    /// pass's, and the run passes.
    @Test func aDivergenceInTheReplacedPassIsInfoAndTheRunPasses() throws {
        let folder = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("lookback.jsonl").path
        let line = { (step: Int, loss: String) in #"{"step": \#(step), "loss": \#(loss)}"# }
        let loss = { (step: Int) in String(2 + 2 * exp(-Double(step) / 200)) }
        let first = (1...1000).map { line($0, $0 >= 300 ? "NaN" : loss($0)) }
        let second = (251...1500).map { line($0, loss($0)) }
        try (first + second).joined(separator: "\n").write(
            toFile: path, atomically: true, encoding: .utf8)

        let (result, incidents) = try TrainingPipelineTests.analyze([path])

        let resume = try #require(result.overview.resumes.first)
        #expect(resume.keptFinal == 1)
        #expect(incidents.map(\.severity) == [.info])
        let incident = try #require(incidents.first)
        #expect(incident.detector == "divergence")
        #expect(incident.startStep == 300)
        #expect(incident.endStep == 488)
        #expect(
            incident.message.hasPrefix(
                "in the pass replaced by the resume at `\(path):1001` (its points were already "
                    + "final): loss became NaN at step 300"))
    }

    static let resume = ResumeEvent(
        file: "b.jsonl", line: 5, rank: 1, fromStep: 100, toStep: 40, keptFinal: 2)

    static func incident(rank: Int?, step: Double, at location: String?) -> Incident {
        Incident(
            severity: .critical, detector: "divergence", rank: rank, startStep: step,
            message: "m", location: location)
    }

    /// Read before the resume (an earlier file, or earlier in its file), on its rank, at a
    /// step it went back over: the replaced pass. Anything else is the run's.
    @Test func onlyIncidentsReadBeforeTheResumeOnItsRankWithinItsStepsAreReplaced() {
        let passes = ReplacedPasses(resumes: [Self.resume], files: ["a.jsonl", "b.jsonl"])
        let incidents = [
            Self.incident(rank: 1, step: 40, at: "a.jsonl:900"),
            Self.incident(rank: 1, step: 100, at: "b.jsonl:4"),
            Self.incident(rank: 1, step: 60, at: "b.jsonl:5"),
            Self.incident(rank: 1, step: 39, at: "a.jsonl:900"),
            Self.incident(rank: 1, step: 101, at: "a.jsonl:900"),
            Self.incident(rank: 0, step: 60, at: "a.jsonl:900"),
            Self.incident(rank: 1, step: 60, at: nil),
            Self.incident(rank: 1, step: 60, at: "c.jsonl:1"),
        ]

        let (kept, replaced) = passes.split(incidents)

        #expect(replaced.map(\.location) == ["a.jsonl:900", "b.jsonl:4"])
        #expect(replaced.map(\.severity) == [.info, .info])
        #expect(kept.count == 6)
        #expect(kept.allSatisfy { $0.severity == .critical })
    }

    /// A resume whose replaced points were all still held back leaves nothing to mark.
    @Test func aResumeWithinTheHoldBackReplacesNoIncident() {
        var resume = Self.resume
        resume.keptFinal = nil
        let passes = ReplacedPasses(resumes: [resume], files: ["a.jsonl", "b.jsonl"])

        let (kept, replaced) = passes.split([Self.incident(rank: 1, step: 60, at: "a.jsonl:9")])

        #expect(kept.count == 1)
        #expect(replaced.isEmpty)
    }
}
