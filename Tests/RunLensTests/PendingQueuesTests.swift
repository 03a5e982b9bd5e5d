import Testing

@testable import RunLens

/// Held-back points: each series gives its oldest point back once it would hold more than
/// `holdBack`, and a resume drops the held-back points it replays. A point's step, time,
/// line and file are kept once per record (in its stream's ring for the series that follow
/// the stream, else in an entry of ``HeldRecords``), so the tests check all of them.
struct PendingQueuesTests {
    /// The point of the record at `step`: its time, line and file follow from the step, so
    /// a point read back with another record's position shows.
    static func point(_ step: Double, value: Double) -> Point {
        Point(
            step: step, time: 1_000 + step, value: value, line: Int32(step) * 10,
            file: Int32(step) % 3)
    }

    /// Pushes one record at `step` with `values` (series, value) and returns the points
    /// made final, in order.
    static func record(
        _ step: Double, _ values: [(series: Int, value: Double)], into queues: PendingQueues,
        stream: Int = 0
    ) -> [Point] {
        let position = point(step, value: 0)
        queues.openRecord(
            stream: stream, step: step, time: position.time, line: position.line,
            file: position.file)
        defer { queues.closeRecord() }
        return values.compactMap { queues.push($0.value, series: $0.series) }
    }

    /// Pushes one record per step into series 0, each with the step as its value, and
    /// returns the steps of the points made final.
    static func push(_ steps: [Double], into queues: PendingQueues) -> [Double] {
        steps.flatMap { record($0, [(0, $0)], into: queues).map(\.step) }
    }

    static func drain(_ queues: PendingQueues, series: Int = 0) -> [Point] {
        var points: [Point] = []
        while let point = queues.popFirst(series: series) { points.append(point) }
        return points
    }

    @Test(arguments: [1, 3, 4, 6, 9])
    func pointsComeOutInOrderOnceMoreThanHoldBackAreHeld(holdBack: Int) {
        let queues = PendingQueues(holdBack: holdBack)
        queues.addSeries()
        let steps = (1...20).map(Double.init)

        let final = Self.push(steps, into: queues)

        #expect(final == Array(steps.prefix(20 - holdBack)))
        #expect(Self.drain(queues) == steps.suffix(holdBack).map { Self.point($0, value: $0) })
    }

    @Test func aFullRingGivesBackEachPointWithItsOwnRecordAcrossTheWrap() {
        // Four slots: from step 5 on, each push takes the slot of the oldest, and the ring
        // wraps twice by step 12.
        let queues = PendingQueues(holdBack: 4)
        queues.addSeries()
        var final: [Point] = []
        for step in 1...12 {
            final += Self.record(Double(step), [(0, Double(step) / 4)], into: queues)
        }

        #expect(final == (1...8).map { Self.point(Double($0), value: Double($0) / 4) })
        #expect(
            Self.drain(queues) == (9...12).map { Self.point(Double($0), value: Double($0) / 4) })
        #expect(queues.heldRecords == 0)
    }

    @Test func holdBackZeroGivesEachPointBackAtOnce() {
        let queues = PendingQueues(holdBack: 0)
        queues.addSeries()

        #expect(Self.record(1, [(0, 7)], into: queues) == [Self.point(1, value: 7)])
        #expect(Self.push([2, 3], into: queues) == [2, 3])
        #expect(Self.drain(queues).isEmpty)
        #expect(queues.heldRecords == 0)
    }

    @Test func seriesFedByEveryRecordOfAStreamFollowItAndKeepNoEntries() {
        // 100 series, every record feeds them all: the stream's ring holds the records.
        let queues = PendingQueues(holdBack: 3)
        for _ in 0..<100 { queues.addSeries() }
        var final: [Point] = []
        for step in 1...10 {
            let values = (0..<100).map { (series: $0, value: Double(step * 100 + $0)) }
            final += Self.record(Double(step), values, into: queues)
            #expect(queues.heldRecords == 0)
        }

        // Records 1 to 7 came out, each series in the order its values were pushed.
        #expect(final.count == 700)
        #expect(
            Array(final.prefix(100)) == (0..<100).map { Self.point(1, value: 100 + Double($0)) })
        #expect(final.last == Self.point(7, value: 799))
        #expect(Self.drain(queues, series: 42).map(\.value) == [842, 942, 1042])
        #expect(queues.heldRecords == 0)
    }

    @Test func aSparseSeriesKeepsTheRecordsOfItsOwnPoints() {
        // Series 0 gets every step and follows the stream; series 1 gets every fifth, so
        // it stops following at step 6 and keeps entries: after step 20, with two held
        // each, series 1 holds 15 and 20, and the entry of 20 is also the ring's (which
        // holds 19 and 20) until the record leaves it.
        let queues = PendingQueues(holdBack: 2)
        queues.addSeries()
        queues.addSeries()
        var final: [Point] = []
        for step in 1...20 {
            var values = [(series: 0, value: Double(step))]
            if step % 5 == 0 { values.append((1, Double(step) + 0.5)) }
            final += Self.record(Double(step), values, into: queues)
        }

        #expect(queues.heldRecords == 2)
        #expect(final.filter { $0.value != $0.step }.map(\.step) == [5, 10])
        #expect(
            Self.drain(queues, series: 1) == [
                Self.point(15, value: 15.5), Self.point(20, value: 20.5),
            ])
        #expect(queues.heldRecords == 1)
        #expect(Self.drain(queues, series: 0) == [19, 20].map { Self.point($0, value: $0) })
        queues.releaseEmptyRings()
        #expect(queues.heldRecords == 0)
    }

    @Test func oneSeriesTwiceInARecordKeepsTheRecordWhileItIsRead() {
        // With one point held, the record's second value pushes out its first; the series
        // stops following and keeps the record's entry, which the stream's ring also holds.
        let queues = PendingQueues(holdBack: 1)
        queues.addSeries()

        #expect(Self.record(1, [(0, 10), (0, 11)], into: queues) == [Self.point(1, value: 10)])
        #expect(queues.heldRecords == 1)
        #expect(Self.drain(queues) == [Self.point(1, value: 11)])
        queues.releaseEmptyRings()
        #expect(queues.heldRecords == 0)
    }

    @Test func aResumeDropsTheReplayedPointsOfAFullRing() {
        let queues = PendingQueues(holdBack: 4)
        queues.addSeries()
        #expect(Self.push([1, 2, 3, 4, 5, 6], into: queues) == [1, 2])

        // Held: 3, 4, 5, 6. A resume to step 5 drops 5 and 6; 2 was the last made final.
        #expect(!queues.supersede(series: 0, from: 5).reachedFinal)
        #expect(Self.push([5, 6, 7], into: queues) == [3])
        #expect(Self.drain(queues).map(\.step) == [4, 5, 6, 7])
    }

    @Test func aResumeAcrossTheRingsWrapKeepsTheOlderPointsAndTakesTheReplay() {
        // After steps 1 to 6 in four slots, 5 and 6 sit in the first two slots and 3 and 4
        // in the last two: the held points wrap around the end of the ring.
        let queues = PendingQueues(holdBack: 4)
        queues.addSeries()
        #expect(Self.push([1, 2, 3, 4, 5, 6], into: queues) == [1, 2])

        // The series stops following, its four records get entries, and the stream, which
        // no series follows now, gives back its ring: step 3's entry is the one left.
        #expect(!queues.supersede(series: 0, from: 4).reachedFinal)
        #expect(queues.heldRecords == 1)
        var final: [Point] = []
        for step in 4...8 {
            final += Self.record(Double(step), [(0, Double(step) + 0.5)], into: queues)
        }

        #expect(final == [Self.point(3, value: 3), Self.point(4, value: 4.5)])
        #expect(Self.drain(queues).map(\.value) == [5.5, 6.5, 7.5, 8.5])
        queues.releaseEmptyRings()
        #expect(queues.heldRecords == 0)
    }

    @Test func aResumeBehindTheLastFinalPointIsCounted() {
        let queues = PendingQueues(holdBack: 2)
        queues.addSeries()
        #expect(Self.push([1, 2, 3, 4], into: queues) == [1, 2])

        #expect(queues.supersede(series: 0, from: 2).reachedFinal)
        #expect(Self.drain(queues).isEmpty)
        queues.releaseEmptyRings()
        #expect(queues.heldRecords == 0)
    }

    @Test func seriesHoldTheirPointsApart() {
        let queues = PendingQueues(holdBack: 1)
        queues.addSeries()
        queues.addSeries()

        #expect(Self.record(1, [(0, 1), (1, 10)], into: queues).isEmpty)
        #expect(Self.record(2, [(0, 2), (1, 20)], into: queues).map(\.value) == [1, 10])
        #expect(queues.popFirst(series: 1) == Self.point(2, value: 20))
        #expect(queues.popFirst(series: 0) == Self.point(2, value: 2))
    }

    @Test func releasedRingsAndRecordsTakePointsAgain() {
        let queues = PendingQueues(holdBack: 3)
        queues.addSeries()
        _ = Self.push([1, 2, 3, 4, 5], into: queues)
        #expect(Self.drain(queues).map(\.step) == [3, 4, 5])

        queues.releaseEmptyRings()

        #expect(Self.push([6, 7, 8, 9], into: queues) == [6])
        #expect(Self.drain(queues) == [7, 8, 9].map { Self.point($0, value: $0) })
    }
}
