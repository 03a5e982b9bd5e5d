import Testing

@testable import RunLens

/// Evaluations written late, and resumes whose replay repeats the first pass exactly, on
/// small logs built to have the expected figures.
struct RunAssemblerReplayTests {
    static func train(_ steps: ClosedRange<Int>, loss: (Int) -> Double = { 10 - Double($0) / 100 })
        -> [String]
    {
        steps.map { #"{"step": \#($0), "loss": \#(loss($0))}"# }
    }

    static func assemble(_ lines: [String]) -> (RunAssembler, RunAssemblerTests.PointLog) {
        RunAssemblerTests.assemble(lines)
    }

    @Test func lateEvaluationsGoWhereTheirStepsSay() {
        // Validations of steps 6 and 4 written after step 8 and 10, out of order.
        let lines =
            Self.train(1...8) + [#"{"step": 6, "val_loss": 2.5}"#] + Self.train(9...10)
            + [#"{"step": 4, "val_loss": 2.7}"#] + Self.train(11...12)
        let (assembler, log) = Self.assemble(lines)

        #expect(log.steps("val_loss") == [4, 6])
        #expect(log.values("val_loss") == [2.7, 2.5])
        #expect(assembler.overview.restampedEvaluations == 0)
        #expect(assembler.overview.evaluations == 2)
        #expect(assembler.overview.resumes.isEmpty)
        #expect(log.steps("loss") == (1...12).map(Double.init))
    }

    @Test func evaluationStampedBeforeTrainingBeganSitsAtTheLastTrainingStep() {
        // Training logs from step 2; a validation stamped 0 between steps 6 and 8.
        let lines =
            [
                #"{"step": 2, "loss": 3}"#, #"{"step": 4, "loss": 2.9}"#,
                #"{"step": 6, "loss": 2.8}"#,
            ]
            + [#"{"step": 0, "val_loss": 3.1}"#, #"{"step": 8, "loss": 2.7}"#]
        let (assembler, log) = Self.assemble(lines)

        #expect(log.steps("val_loss") == [6])
        #expect(assembler.overview.restampedEvaluations == 1)
    }

    @Test func identicalReplayAfterARestartEventIsAResume() {
        // Steps 1-10, a restart event, then 6-14 with the same values for 6-10.
        let lines =
            Self.train(1...10) + [#"{"event": "restart", "message": "from checkpoint-5"}"#]
            + Self.train(6...14)
        let (assembler, log) = Self.assemble(lines)

        let resumes = assembler.overview.resumes
        #expect(resumes.count == 1)
        #expect(resumes.first?.line == 12)
        #expect(resumes.first?.fromStep == 10)
        #expect(resumes.first?.toStep == 6)
        #expect(resumes.first?.checkpointStep == 5)
        #expect(resumes.first?.stepsRedone == 5)
        #expect(assembler.overview.duplicates == 0)
        #expect(log.steps("loss") == (1...14).map(Double.init))
    }

    @Test func identicalReplayThatRunsOnPastTheFirstPassIsAResume() {
        // No event: 6-10 again, then 11-20, more new records than the replay had.
        let (assembler, _) = Self.assemble(Self.train(1...10) + Self.train(6...20))

        let resumes = assembler.overview.resumes
        #expect(resumes.map(\.fromStep) == [10])
        #expect(resumes.map(\.toStep) == [6])
        #expect(resumes.map(\.line) == [11])
        #expect(assembler.overview.duplicates == 0)
    }

    @Test func replayIdenticalUpToAStepResumedAtItsFirstStep() {
        // First pass 1-20 with a bad stretch 16-20; the replay from 11 repeats 11-15.
        let first = Self.train(1...20) { $0 > 15 ? 50 : 10 - Double($0) / 100 }
        let (assembler, log) = Self.assemble(first + Self.train(11...24))

        let resumes = assembler.overview.resumes
        #expect(resumes.map(\.fromStep) == [20])
        #expect(resumes.map(\.toStep) == [11])
        #expect(resumes.map(\.line) == [21])
        #expect(resumes.first?.stepsRedone == 10)
        #expect(assembler.overview.duplicates == 0)
        #expect(log.steps("loss") == (1...24).map(Double.init))
        #expect(!log.values("loss").contains(50))
    }

    @Test func twoWritersOneStepApartStayDuplicates() {
        // Each step written twice, the second writer three records behind.
        var lines: [String] = []
        for block in stride(from: 1, through: 28, by: 3) {
            let steps = Self.train(block...block + 2)
            lines += steps + steps
        }
        let (assembler, log) = Self.assemble(lines)

        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overview.duplicates == 30)
        #expect(log.steps("loss") == (1...30).map(Double.init))
    }

    @Test func identicalReplayFollowedByTooFewNewRecordsStaysDuplicates() {
        // 6-10 again, then only 11-13 (fewer than the 5 repeated) before 11-13 again.
        let lines = Self.train(1...10) + Self.train(6...13) + Self.train(11...13)
        let (assembler, _) = Self.assemble(lines)

        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overview.duplicates == 8)
    }
}
