import Testing

@testable import RunLens

/// Series that follow a stream keep only values in the slots of the stream's ring; these
/// tests stop them following in each way and check every point's position and value.
struct PendingQueuesFollowingTests {
    typealias Queues = PendingQueuesTests

    @Test func aFollowerThatMissesARecordKeepsTheRecordThatJustLeftTheRing() {
        // Three held: at step 5 the ring's oldest record, step 2, leaves it, and series 1,
        // which takes nothing from step 5, still holds step 2 among 2, 3 and 4.
        let queues = PendingQueues(holdBack: 3)
        queues.addSeries()
        queues.addSeries()
        var final: [[Point]] = [[], []]
        for step in 1...7 {
            let values = step == 5 ? [(0, 5.0)] : [(0, Double(step)), (1, Double(step) + 100)]
            for point in Queues.record(Double(step), values, into: queues) {
                final[point.value >= 100 ? 1 : 0].append(point)
            }
        }

        #expect(final[0] == (1...4).map { Queues.point(Double($0), value: Double($0)) })
        #expect(final[1] == [1, 2, 3].map { Queues.point($0, value: $0 + 100) })
        #expect(
            Queues.drain(queues, series: 1) == [4, 6, 7].map { Queues.point($0, value: $0 + 100) })
        #expect(Queues.drain(queues, series: 0) == [5, 6, 7].map { Queues.point($0, value: $0) })
    }

    @Test func aSeriesFedByTwoStreamsKeepsItsPointsInOrder() {
        // Series 0 takes every record of streams 0 and 1, taken in turn; series 1 every
        // record of stream 1 only, which it goes on following.
        let queues = PendingQueues(holdBack: 2)
        queues.addSeries()
        queues.addSeries()
        var final: [Point] = []
        for step in 1...6 {
            let stream = step % 2 == 0 ? 1 : 0
            var values = [(series: 0, value: Double(step))]
            if stream == 1 { values.append((1, Double(step) + 0.5)) }
            final += Queues.record(Double(step), values, into: queues, stream: stream)
        }

        // Step 6 gives back series 0's step 4, then series 1's step 2.
        #expect(final == [1, 2, 3, 4, 2.5].map { Queues.point($0.rounded(.down), value: $0) })
        #expect(Queues.drain(queues, series: 0) == [5, 6].map { Queues.point($0, value: $0) })
        #expect(
            Queues.drain(queues, series: 1) == [4, 6].map { Queues.point($0, value: $0 + 0.5) })
        #expect(queues.heldRecords > 0)
        queues.releaseEmptyRings()
        #expect(queues.heldRecords == 0)
    }

    @Test func followersKeepTheirValuesWhenTheStreamsRingGrows() {
        // Eight held: the ring grows from four slots to eight at step 5, with series 0 there
        // from step 1 and series 1 from step 3; both give back points from step 9 on.
        let queues = PendingQueues(holdBack: 8)
        queues.addSeries()
        queues.addSeries()
        var final: [Point] = []
        for step in 1...12 {
            var values = [(series: 0, value: Double(step))]
            if step >= 3 { values.append((1, -Double(step))) }
            final += Queues.record(Double(step), values, into: queues)
        }

        #expect(final == [1, 2, 3, -3, 4, -4].map { Queues.point(abs($0), value: $0) })
        #expect(
            Queues.drain(queues, series: 0)
                == (5...12).map { Queues.point(Double($0), value: Double($0)) })
        #expect(
            Queues.drain(queues, series: 1)
                == (5...12).map { Queues.point(Double($0), value: -Double($0)) })
        #expect(queues.heldRecords == 0)
    }

    @Test func followersThatAllStopTogetherShareOneEntryARecord() {
        // 100 series take steps 1 to 5 and nothing from step 6: each holds 3, 4 and 5, whose
        // three entries they share (step 3 has just left the ring, the others are in it).
        let queues = PendingQueues(holdBack: 3)
        for _ in 0..<100 { queues.addSeries() }
        for step in 1...6 {
            let values = step == 6 ? [] : (0..<100).map { (series: $0, value: Double($0)) }
            _ = Queues.record(Double(step), values, into: queues)
        }

        #expect(queues.heldRecords == 3)
        for series in [0, 57, 99] {
            #expect(
                Queues.drain(queues, series: series)
                    == [3, 4, 5].map {
                        Queues.point($0, value: Double(series))
                    })
        }
        for series in 0..<100 { _ = Queues.drain(queues, series: series) }
        queues.releaseEmptyRings()
        #expect(queues.heldRecords == 0)
    }

    @Test func aLatePointStopsItsSeriesFollowingAndGoesInStepOrder() {
        let queues = PendingQueues(holdBack: 3)
        queues.addSeries()
        #expect(Queues.push([1, 2, 4, 5], into: queues) == [1])

        let position = Queues.point(3, value: 0)
        queues.openRecord(
            stream: 0, step: 3, time: position.time, line: position.line, file: position.file)
        let late = queues.pushLate(3, series: 0)
        queues.closeRecord()

        guard case .final(let point) = late else {
            Issue.record("expected the oldest point back, got \(late)")
            return
        }
        #expect(point == Queues.point(2, value: 2))
        #expect(Queues.drain(queues) == [3, 4, 5].map { Queues.point($0, value: $0) })
    }
}
