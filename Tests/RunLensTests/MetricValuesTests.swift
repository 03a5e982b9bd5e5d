import Testing

@testable import RunLens

struct MetricValuesTests {
    /// The fields of `values`, in order.
    private func fields(_ values: MetricValues) -> [Int32] {
        values.map(\.field)
    }

    private func value(_ field: Int32) -> MetricValue {
        MetricValue(field: field, index: -1, value: Double(field) / 4)
    }

    /// Values 0..<count, appended as the builder appends them.
    private func owned(_ count: Int32) -> MetricValues {
        var values = MetricValues()
        for field in 0..<count { values.appendOwned(value(field)) }
        return values
    }

    @Test func keepsValuesInOrderPastItsFirstCapacity() {
        let values = owned(40)

        #expect(values.count == 40)
        #expect(fields(values) == Array(0..<40))
        #expect(values[39].value == 9.75)
    }

    @Test func aCopySeesNoValueAppendedAfterIt() {
        var values = owned(3)
        let copy = values
        values.appendOwned(value(7))
        values.appendOwned(value(8))

        #expect(fields(copy) == [0, 1, 2])
        #expect(fields(values) == [0, 1, 2, 7, 8])
    }

    @Test func twoCopiesAppendingAfterTheSameValueKeepTheirOwn() {
        var first = owned(3)
        var second = first
        first.appendOwned(value(5))
        second.appendOwned(value(6))
        second.append(value(9))
        first.append(value(4))

        #expect(fields(first) == [0, 1, 2, 5, 4])
        #expect(fields(second) == [0, 1, 2, 6, 9])
    }

    @Test func removingAllFromACopyLeavesTheOtherWhole() {
        var values = owned(4)
        let copy = values
        values.removeAll()
        values.appendOwned(value(9))

        #expect(fields(copy) == [0, 1, 2, 3])
        #expect(fields(values) == [9])
    }

    @Test func removingSomeKeepsTheOthersInOrderAndLeavesACopyWhole() {
        var values = owned(6)
        let copy = values
        values.removeAll { $0.field % 2 == 1 }
        values.appendOwned(value(8))

        #expect(fields(values) == [0, 2, 4, 8])
        #expect(fields(copy) == [0, 1, 2, 3, 4, 5])
    }
}
