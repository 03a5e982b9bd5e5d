import Testing

@testable import RunLens

struct ObserverOrderTests {
    /// Three observers over three series: slot 0 wants series 0 and 2, slot 1 wants
    /// series 1, slot 2 is not sorted (it takes whole batches) although it wants all.
    private static let wanted = [[true, false, true], [false, true, false], [true, true, true]]
    private static let sorted = [true, true, false]

    private func positions(_ order: ObserverOrder, of slot: Int) -> [Int] {
        var found: [Int] = []
        order.withPositions(of: slot) { found = Array($0) }
        return found
    }

    private func sort(_ order: inout ObserverOrder, series: [Int]) {
        let points = series.map { index in
            CommittedPoint(
                series: index, point: Point(step: 1, time: .nan, value: 1, line: 1, file: 0))
        }
        points.withUnsafeBufferPointer { order.sort($0) }
    }

    @Test func groupsEachObserversPositionsInBatchOrder() {
        var order = ObserverOrder()
        order.update(wanted: Self.wanted, sorted: Self.sorted)
        sort(&order, series: [2, 1, 0, 0, 1, 2, 2])

        #expect(positions(order, of: 0) == [0, 2, 3, 5, 6])
        #expect(positions(order, of: 1) == [1, 4])
        #expect(positions(order, of: 2) == [])
    }

    @Test func aLaterBatchReusesTheBuffersWithoutLeftovers() {
        var order = ObserverOrder()
        order.update(wanted: Self.wanted, sorted: Self.sorted)
        sort(&order, series: [0, 1, 2, 1, 0])
        sort(&order, series: [1, 1])

        #expect(positions(order, of: 0) == [])
        #expect(positions(order, of: 1) == [0, 1])
    }

    @Test func newSeriesAndAnObserverThatStartsSortingAreTakenIn() {
        var order = ObserverOrder()
        order.update(wanted: [[true], [true]], sorted: [false, false])
        sort(&order, series: [0, 0])
        #expect(positions(order, of: 0) == [])

        // Slot 0 declines series 1 and so starts taking positions: series 0 must be there too.
        order.update(wanted: [[true, false], [true, true]], sorted: [true, false])
        sort(&order, series: [1, 0, 1, 0])
        #expect(positions(order, of: 0) == [1, 3])

        order.update(wanted: [[true, false, true], [true, true, true]], sorted: [true, false])
        sort(&order, series: [2, 1, 0])
        #expect(positions(order, of: 0) == [0, 2])
    }

    private func positions(_ order: ObserverOrder, ofSeries series: Int) -> [Int] {
        var found: [Int] = []
        order.withPositions(ofSeries: series) { found = Array($0) }
        return found
    }

    @Test func groupsPositionsBySeriesInBatchOrderWhenAsked() {
        var order = ObserverOrder()
        order.update(wanted: Self.wanted, sorted: Self.sorted)
        order.groupsSeries = true
        sort(&order, series: [2, 1, 0, 0, 1, 2, 2])

        #expect(positions(order, ofSeries: 0) == [2, 3])
        #expect(positions(order, ofSeries: 1) == [1, 4])
        #expect(positions(order, ofSeries: 2) == [0, 5, 6])
        #expect(positions(order, of: 0) == [0, 2, 3, 5, 6])

        sort(&order, series: [1, 1])
        #expect(positions(order, ofSeries: 0) == [])
        #expect(positions(order, ofSeries: 1) == [0, 1])
        #expect(positions(order, ofSeries: 2) == [])
    }

    @Test func seriesAreNotGroupedUnlessAsked() {
        var order = ObserverOrder()
        order.update(wanted: Self.wanted, sorted: Self.sorted)
        sort(&order, series: [2, 1, 0])

        #expect(positions(order, ofSeries: 0) == [])
        #expect(positions(order, of: 1) == [1])
    }

    // With the series grouped, the slots' positions come from the groups: a batch of 70
    // points (a bitmap of two words), a second batch (no marks left over from the first), and
    // a series created later that one slot wants.
    @Test func positionsFromTheSeriesGroupsAreInBatchOrder() {
        var order = ObserverOrder()
        order.update(wanted: Self.wanted, sorted: Self.sorted)
        order.groupsSeries = true
        // Series 2, 1, 0, 0, 1 over and over: slot 0 (series 0 and 2) takes the positions
        // 0, 2 and 3 of each five, slot 1 (series 1) positions 1 and 4.
        sort(&order, series: (0..<70).map { [2, 1, 0, 0, 1][$0 % 5] })
        #expect(positions(order, of: 0) == (0..<70).filter { [0, 2, 3].contains($0 % 5) })
        #expect(positions(order, of: 1) == (0..<70).filter { [1, 4].contains($0 % 5) })
        #expect(positions(order, of: 2) == [])

        sort(&order, series: [1, 1])
        #expect(positions(order, of: 0) == [])
        #expect(positions(order, of: 1) == [0, 1])

        order.update(
            wanted: [
                [true, false, true, false], [false, true, false, true], [true, true, true, true],
            ],
            sorted: Self.sorted)
        sort(&order, series: [3, 0, 3, 1, 2])
        #expect(positions(order, of: 0) == [1, 4])
        #expect(positions(order, of: 1) == [0, 2, 3])
    }
}
