import Testing

@testable import RunLens

/// The shared record entries of the held-back points: each lives while something refers to
/// it, and a freed entry is reused before the buffer grows.
struct HeldRecordsTests {
    static func add(_ records: HeldRecords, _ step: Double) -> Int32 {
        records.add(step: step, time: step + 0.5, line: Int32(step), file: 2)
    }

    @Test func anEntryLivesUntilItsLastReferenceGoes() {
        let records = HeldRecords()
        let index = Self.add(records, 7)
        records.retain(index)
        records.retain(index)

        records.release(index)
        records.release(index)
        #expect(records.live == 1)
        #expect(
            records.point(index, value: 3) == Point(step: 7, time: 7.5, value: 3, line: 7, file: 2))

        records.release(index)
        #expect(records.live == 0)
    }

    @Test func freedEntriesAreReusedLastFreedFirst() {
        let records = HeldRecords(capacity: 4)
        let indices = (1...4).map { Self.add(records, Double($0)) }
        #expect(indices == [0, 1, 2, 3])

        records.release(1)
        records.release(3)

        #expect(Self.add(records, 10) == 3)
        #expect(Self.add(records, 11) == 1)
        #expect(Self.add(records, 12) == 4)
        #expect(records.live == 5)
        #expect(records.step(1) == 11)
    }

    @Test func growingKeepsEveryEntry() {
        let records = HeldRecords(capacity: 1)
        let indices = (0..<100).map { Self.add(records, Double($0)) }

        #expect(indices == (0..<100).map(Int32.init))
        #expect(
            records.point(63, value: 1) == Point(step: 63, time: 63.5, value: 1, line: 63, file: 2))
        #expect(records.step(99) == 99)
    }

    // From room for 4: 4 + 2 = 6, 6 + 3 = 9, 9 + 4 = 13, 13 + 6 = 19; and from 1, one more
    // each time until halves are whole: 1 + 1 = 2, 2 + 1 = 3, 3 + 1 = 4.
    @Test(arguments: [
        (4, 4, 4), (4, 5, 6), (4, 7, 9), (4, 10, 13), (4, 14, 19), (1, 2, 2), (1, 3, 3),
        (1, 4, 4), (1, 5, 6),
    ])
    func roomGrowsByHalfWhenFull(_ initial: Int, _ added: Int, _ room: Int) {
        let records = HeldRecords(capacity: initial)
        for step in 0..<added { _ = Self.add(records, Double(step)) }

        #expect(records.capacity == room)
        #expect(records.live == added)
        #expect(records.step(Int32(added - 1)) == Double(added - 1))
    }

    @Test func roomIsGivenBackOnlyWhenNothingIsInUse() {
        let records = HeldRecords(capacity: 2)
        let first = Self.add(records, 1)
        _ = Self.add(records, 2)
        records.release(first)

        records.releaseRoomIfUnused()
        #expect(records.step(1) == 2)

        records.release(1)
        records.releaseRoomIfUnused()
        #expect(records.live == 0)
        #expect(Self.add(records, 5) == 0)
        #expect(Self.add(records, 6) == 1)
        #expect(records.step(0) == 5)
    }
}
