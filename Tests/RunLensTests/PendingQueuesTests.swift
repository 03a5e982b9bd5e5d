import Testing

@testable import RunLens

/// Held-back points: each series gives its oldest point back once it would hold more than
/// `holdBack`, and a resume drops the held-back points it replays.
struct PendingQueuesTests {
    /// A point at `step` whose value is the step too, so order is easy to read.
    static func point(_ step: Double) -> Point {
        Point(step: step, time: .nan, value: step, line: Int32(step), file: 0)
    }

    /// Pushes `steps` into series 0 and returns the steps of the points made final.
    static func push(_ steps: [Double], into queues: PendingQueues) -> [Double] {
        steps.compactMap { queues.push(point($0), series: 0)?.step }
    }

    static func drain(_ queues: PendingQueues) -> [Double] {
        var steps: [Double] = []
        while let point = queues.popFirst(series: 0) { steps.append(point.step) }
        return steps
    }

    @Test(arguments: [1, 3, 4, 6, 9])
    func pointsComeOutInOrderOnceMoreThanHoldBackAreHeld(holdBack: Int) {
        let queues = PendingQueues(holdBack: holdBack)
        queues.addSeries()
        let steps = (1...20).map(Double.init)

        let final = Self.push(steps, into: queues)

        #expect(final == Array(steps.prefix(20 - holdBack)))
        #expect(Self.drain(queues) == Array(steps.suffix(holdBack)))
    }

    @Test func holdBackZeroGivesEachPointBackAtOnce() {
        let queues = PendingQueues(holdBack: 0)
        queues.addSeries()

        #expect(Self.push([1, 2, 3], into: queues) == [1, 2, 3])
        #expect(Self.drain(queues).isEmpty)
    }

    @Test func aResumeDropsTheReplayedPointsOfAFullRing() {
        let queues = PendingQueues(holdBack: 4)
        queues.addSeries()
        #expect(Self.push([1, 2, 3, 4, 5, 6], into: queues) == [1, 2])

        // Held: 3, 4, 5, 6. A resume to step 5 drops 5 and 6; 2 was the last made final.
        #expect(queues.supersede(series: 0, from: 5) == 0)
        #expect(Self.push([5, 6, 7], into: queues) == [3])
        #expect(Self.drain(queues) == [4, 5, 6, 7])
    }

    @Test func aResumeBehindTheLastFinalPointIsCounted() {
        let queues = PendingQueues(holdBack: 2)
        queues.addSeries()
        #expect(Self.push([1, 2, 3, 4], into: queues) == [1, 2])

        #expect(queues.supersede(series: 0, from: 2) == 1)
        #expect(Self.drain(queues).isEmpty)
    }

    @Test func seriesHoldTheirPointsApart() {
        let queues = PendingQueues(holdBack: 1)
        queues.addSeries()
        queues.addSeries()

        #expect(queues.push(Self.point(1), series: 0) == nil)
        #expect(queues.push(Self.point(10), series: 1) == nil)
        #expect(queues.push(Self.point(2), series: 0)?.step == 1)
        #expect(queues.push(Self.point(20), series: 1)?.step == 10)
        #expect(queues.popFirst(series: 1)?.step == 20)
        #expect(queues.popFirst(series: 0)?.step == 2)
    }
}
