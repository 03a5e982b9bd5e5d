import Testing

@testable import RunLens

/// One process's log split over files: a file that starts among an earlier file's steps
/// goes on with it after a resume; one that starts where it started is another run.
struct RunAssemblerFilesTests {
    /// Assembles each of `files` (lines of JSON) as one file, in order, with eight points
    /// held back per series.
    static func assemble(_ files: [[String]]) -> (RunAssembler, RunAssemblerTests.PointLog) {
        let fields = FieldTable(matcher: RoleMatcher())
        let assembler = RunAssembler(fields: fields, holdBack: 8)
        let log = RunAssemblerTests.PointLog()
        assembler.addObserver(log)
        for (index, lines) in files.enumerated() {
            RunAssemblerTests.feed(
                lines, to: assembler, fields: fields, name: "train.\(index).jsonl", finish: false)
        }
        assembler.finish()
        return (assembler, log)
    }

    static func line(_ step: Int, loss: Int) -> String {
        #"{"step": \#(step), "loss": \#(loss)}"#
    }

    @Test func aFileThatStartsAmongTheStepsOfTheOneBeforeIsAResumeOfIt() {
        // Steps 1 to 20, then a new file replaying from 16 with other values, to 24.
        let first = (1...20).map { Self.line($0, loss: $0) }
        let second = (16...24).map { Self.line($0, loss: $0 + 100) }

        let (assembler, log) = Self.assemble([first, second])

        #expect(assembler.overview.resumes.map(\.toStep) == [16])
        #expect(assembler.overview.resumes.map(\.file) == ["train.1.jsonl"])
        #expect(log.steps("loss") == (1...24).map(Double.init))
        #expect(log.values("loss") == (1...15).map(Double.init) + (116...124).map(Double.init))
        #expect(assembler.overlappingFiles().isEmpty)
    }

    @Test func aFileThatStartsWhereTheOneBeforeStartedIsAnotherRunAndWarned() {
        let first = (1...20).map { Self.line($0, loss: $0) }
        let second = (1...10).map { Self.line($0, loss: $0 + 100) }

        let (assembler, log) = Self.assemble([first, second])

        #expect(assembler.overview.resumes.isEmpty)
        #expect(log.steps("loss").count == 30)
        #expect(assembler.overlappingFiles().map(\.later) == ["train.1.jsonl"])
    }

    @Test func aFileThatStartsInTheFirstHalfOfTheOneBeforeIsAnotherRun() {
        // Steps 1 to 20, then a file from step 6: it would replay three quarters of a run.
        let first = (1...20).map { Self.line($0, loss: $0) }
        let second = (6...30).map { Self.line($0, loss: $0 + 100) }

        let (assembler, _) = Self.assemble([first, second])

        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overlappingFiles().map(\.later) == ["train.1.jsonl"])
    }

    @Test func aFileEarlierOnTheClockDoesNotGoOnWithTheOneBefore() {
        // The second file starts among the first's later steps, but an hour before it.
        let timed = { (step: Int, loss: Int, time: Int) in
            #"{"step": \#(step), "loss": \#(loss), "timestamp": \#(1_700_000_000 + time)}"#
        }
        let first = (1...20).map { timed($0, $0, 3_600 + $0) }
        let second = (16...24).map { timed($0, $0 + 100, $0) }

        let (assembler, _) = Self.assemble([first, second])

        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overlappingFiles().map(\.later) == ["train.1.jsonl"])
    }
}
