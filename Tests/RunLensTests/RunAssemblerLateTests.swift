import Testing

@testable import RunLens

/// Records written slightly out of order (a step goes back to one the log has not seen, no
/// later on the clock) are put back in step order, not read as resumes; eight points are
/// held back per series.
struct RunAssemblerLateTests {
    /// A record at `step` whose loss is `step + offset`, timed one second a step (plus
    /// `later` seconds) when `timed`.
    static func line(_ step: Int, offset: Int = 0, later: Int = 0, timed: Bool = true) -> String {
        let time = timed ? #", "timestamp": \#(1_700_000_000 + step + later)"# : ""
        return #"{"step": \#(step), "loss": \#(step + offset)\#(time)}"#
    }

    @Test func stepsShuffledWithTheirTimesArePutBackInOrder() {
        // 2 after 3, 5 after 6, and 8 and 7 after 9: four late records.
        let order = [1, 3, 2, 4, 6, 5, 9, 8, 7, 10, 11, 12]

        let (assembler, log) = RunAssemblerTests.assemble(order.map { Self.line($0) })

        #expect(log.steps("loss") == (1...12).map(Double.init))
        #expect(log.values("loss") == (1...12).map(Double.init))
        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overview.lateRecords == 4)
        #expect(assembler.overview.lateValuesBehind == nil)
    }

    @Test func untimedStepsShuffledArePutBackInOrder() {
        // 5, 8 and 11 each fill a hole one step wide among steps seen one step apart.
        let order = [1, 2, 3, 4, 6, 5, 7, 9, 8, 10, 12, 11]

        let (assembler, log) = RunAssemblerTests.assemble(
            order.map { Self.line($0, timed: false) })

        #expect(log.steps("loss") == (1...12).map(Double.init))
        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overview.lateRecords == 3)
    }

    @Test func aLateRecordAfterItsSeriesWentFinalFollowsOutOfOrderAndIsCounted() {
        // Steps 1 to 21 but 3 (20 points, 12 final with eight held back, up to step 13),
        // then step 3 in its hole: too late to be put in order, so it comes last, as a
        // resume behind the hold-back would; a NaN there must still reach the detectors.
        let steps = (1...21).filter { $0 != 3 }
        let lines = steps.map { Self.line($0, timed: false) } + [#"{"step": 3, "loss": NaN}"#]

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(log.steps("loss") == (steps + [3]).map(Double.init))
        #expect(log.values("loss").last?.isNaN == true)
        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overview.lateRecords == 1)
        #expect(assembler.overview.lateValuesBehind == 1)
    }

    @Test func aStepBackBelowTheLatest512OnceThatManyWereSeenIsAResume() {
        // Steps 1 to 600, then step 50 with a NaN loss: too far back to be a record written
        // late, so a resume, and the NaN reaches the detectors.
        let lines = (1...600).map { Self.line($0) } + [#"{"step": 50, "loss": NaN}"#]

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(assembler.overview.resumes.map(\.toStep) == [50])
        #expect(assembler.overview.lateRecords == nil)
        #expect(log.values("loss").last?.isNaN == true)
    }

    @Test func aLateRecordOlderThanEveryHeldPointIsFinalAtOnceInItsPlace() {
        // Steps 1 to 21 but 13: 1 to 12 final, 14 to 21 held; then 13 goes out first.
        let steps = (1...21).filter { $0 != 13 }
        let lines = (steps + [13, 22]).map { Self.line($0, timed: false) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(log.steps("loss") == (1...22).map(Double.init))
        #expect(assembler.overview.lateRecords == 1)
        #expect(assembler.overview.lateValuesBehind == nil)
    }

    @Test func aShuffledStartIsPutInOrderBeforeAnyPointIsFinal() {
        // 4, 1, 3, 2: 1 lies below every step seen, but nothing is final yet.
        let order = [4, 1, 3, 2, 5, 6, 8, 7]

        let (assembler, log) = RunAssemblerTests.assemble(order.map { Self.line($0) })

        #expect(log.steps("loss") == (1...8).map(Double.init))
        #expect(assembler.overview.resumes.isEmpty)
        #expect(assembler.overview.lateRecords == 4)
    }

    @Test func stepsShuffledAfterAResumeArePutInOrderAfterIt() {
        // Steps 1 to 20, then a restart a minute later at 15, its records shuffled: 16
        // and 15 were seen in the first pass, but the resume replaced them.
        let replay = [15, 17, 16, 18, 20, 19, 21, 22]
        let lines =
            (1...20).map { Self.line($0) }
            + replay.map { Self.line($0, offset: 100, later: 60) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(assembler.overview.resumes.map(\.toStep) == [15])
        #expect(assembler.overview.lateRecords == 2)
        #expect(log.steps("loss") == (1...22).map(Double.init))
        #expect(log.values("loss") == (1...14).map(Double.init) + (115...122).map(Double.init))
    }

    @Test func aStepBackLaterOnTheClockIsAResumeEvenToAStepNotSeen() {
        // Even steps 2 to 20, then a restart at step 15 a minute later, replaying to 18.
        let lines =
            (1...10).map { Self.line(2 * $0) }
            + (15...18).map { Self.line($0, offset: 100, later: 60) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(assembler.overview.resumes.map(\.toStep) == [15])
        #expect(assembler.overview.lateRecords == nil)
        #expect(log.steps("loss") == [2, 4, 6, 8, 10, 12, 14, 15, 16, 17, 18])
        #expect(log.values("loss") == [2, 4, 6, 8, 10, 12, 14, 115, 116, 117, 118])
    }

    @Test func aStepBackToAStepSeenIsAResumeWithoutTimes() {
        // Steps 1 to 10, then 6 again: a replay, with no clock to tell.
        let lines =
            (1...10).map { Self.line($0, timed: false) }
            + (6...8).map { Self.line($0, offset: 100, timed: false) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(assembler.overview.resumes.map(\.toStep) == [6])
        #expect(assembler.overview.lateRecords == nil)
        #expect(log.values("loss") == [1, 2, 3, 4, 5, 106, 107, 108])
    }

    @Test func anUntimedStepBackAtTheLogsSpacingIsAResumeThoughNotSeen() {
        // Every second step to 20, then a restart that logs odd steps from 15: no hole.
        let lines =
            (1...10).map { Self.line(2 * $0, timed: false) }
            + [15, 17, 19].map { Self.line($0, offset: 100, timed: false) }

        let (assembler, log) = RunAssemblerTests.assemble(lines)

        #expect(assembler.overview.resumes.map(\.toStep) == [15])
        #expect(assembler.overview.lateRecords == nil)
        #expect(log.values("loss") == [2, 4, 6, 8, 10, 12, 14, 115, 117, 119])
    }

    @Test func aRestartedRelativeClockDoesNotMakeAReplayLate() {
        // Relative times restart with the process; step 6 was seen, so this is a resume.
        let first = (1...10).map { #"{"step": \#($0), "loss": \#($0), "timestamp": \#($0)}"# }
        let again = (6...8).map {
            #"{"step": \#($0), "loss": \#($0 + 100), "timestamp": \#($0 - 5)}"#
        }

        let (assembler, _) = RunAssemblerTests.assemble(first + again)

        #expect(assembler.overview.resumes.map(\.toStep) == [6])
        #expect(assembler.overview.lateRecords == nil)
    }
}
