import Testing

@testable import RunLens

/// Resumes over held-back points that share their records with other series: a loss logged
/// at every step and a gradient norm at every fifth, eight points held back per series.
struct RunAssemblerResumeTests {
    /// A record at `step`: the loss is the step plus `offset`, and every fifth step also
    /// logs a gradient norm of a tenth of the step plus `offset / 100`.
    static func line(_ step: Int, offset: Int = 0) -> String {
        guard step % 5 == 0 else { return #"{"step": \#(step), "loss": \#(step + offset)}"# }
        let norm = Double(step) / 10 + Double(offset) / 100
        return #"{"step": \#(step), "loss": \#(step + offset), "grad_norm": \#(norm)}"#
    }

    @Test func aResumeWithinTheHoldBackReplacesTheReplayedPointsOfEverySeries() {
        // Before the resume to 15, steps 1 to 12 of the loss are final and 13 to 20 held;
        // the gradient norm holds all four of its points, the oldest from step 5.
        let lines = (1...20).map { Self.line($0) } + (15...22).map { Self.line($0, offset: 100) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(log.steps("loss") == (1...22).map(Double.init))
        #expect(log.values("loss") == (1...14).map(Double.init) + (115...122).map(Double.init))
        #expect(log.steps("grad_norm") == [5, 10, 15, 20])
        #expect(log.values("grad_norm") == [0.5, 1.0, 2.5, 3.0])
        #expect(assembler.overview.resumes.count == 1)
        #expect(assembler.overview.seriesNotSuperseded == 0)
    }

    /// A first pass that went non-finite is often why a run was restarted: the resume says
    /// so, though its points are replaced.
    @Test func aResumeNamesTheNonFiniteValuesItReplaced() throws {
        let first = (1...20).map { step in
            step < 17 ? Self.line(step) : #"{"step": \#(step), "loss": NaN}"#
        }
        let lines = first + (15...22).map { Self.line($0, offset: 100) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(!log.values("loss").contains { !$0.isFinite })
        let resume = try #require(assembler.overview.resumes.first)
        #expect(
            resume.replacedNonFinite == [
                ReplacedNonFinite(metric: "loss", count: 4, firstStep: 17)
            ])
    }

    @Test func aResumeThatReplacedOnlyFiniteValuesNamesNone() {
        let lines = (1...20).map { Self.line($0) } + (15...22).map { Self.line($0, offset: 100) }

        let (assembler, _) = RunAssemblerTests.assemble(lines)

        #expect(assembler.overview.resumes.map(\.replacedNonFinite) == [nil])
    }

    @Test func aResumeBehindTheHoldBackKeepsWhatWasFinalAndCountsTheSeries() {
        // A resume to step 3: the loss's steps 1 to 12 were final already, so it counts;
        // the gradient norm's held points (5 to 20) are all replaced.
        let lines = (1...20).map { Self.line($0) } + (3...6).map { Self.line($0, offset: 100) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(log.steps("loss") == (1...12).map(Double.init) + [3, 4, 5, 6])
        #expect(log.values("loss") == (1...12).map(Double.init) + [103, 104, 105, 106])
        #expect(log.steps("grad_norm") == [5])
        #expect(log.values("grad_norm") == [1.5])
        #expect(assembler.overview.resumes.map(\.toStep) == [3])
        #expect(assembler.overview.seriesNotSuperseded == 1)
    }

    /// Steps 1–20, back to 15 (checkpoint 14): a replay that runs past 20 redid 15–20, six
    /// steps; one that stops at 17 redid three, however it stops.
    @Test func stepsRedoneEndWhereTheReplayStopped() {
        func resumes(_ replay: [String]) -> [ResumeEvent] {
            let first = (1...20).map { Self.line($0) }
            return RunAssemblerTests.assemble(first + replay).0.overview.resumes
        }
        let past = resumes((15...22).map { Self.line($0, offset: 100) })
        let ended = resumes((15...17).map { Self.line($0, offset: 100) })
        let again = resumes(
            (15...17).map { Self.line($0, offset: 100) }
                + (16...30).map { Self.line($0, offset: 200) })

        #expect(past.map(\.stepsRedone) == [6])
        #expect(past.map(\.replayedThrough) == [nil])
        #expect(ended.map(\.stepsRedone) == [3])
        #expect(ended.map(\.replayedThrough) == [17])
        // The second rewind, from 17 back to 16 (checkpoint 15), redid 16 and 17; its replay
        // ran on to 30.
        #expect(again.map(\.stepsRedone) == [3, 2])
        #expect(again.map(\.replayedThrough) == [17, nil])
    }
}
