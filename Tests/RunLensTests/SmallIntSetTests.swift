import Testing

@testable import RunLens

struct SmallIntSetTests {
    @Test func holdsSmallLargeAndNegativeValuesAndSortsThem() {
        var set = SmallIntSet()
        #expect(set.isEmpty)
        for value in [7, 4095, 4096, -1, 0, 63, 64, 1_000_000, 7, -20] {
            set.insert(value)
        }

        #expect(!set.isEmpty)
        #expect(set.sorted() == [-20, -1, 0, 7, 63, 64, 4095, 4096, 1_000_000])
        for value in [-20, -1, 0, 7, 63, 64, 4095, 4096, 1_000_000] {
            #expect(set.contains(value), "\(value)")
        }
        for value in [-2, 1, 6, 8, 62, 65, 128, 4094, 4097, 999_999] {
            #expect(!set.contains(value), "\(value)")
        }
    }

    @Test func anEmptySetHoldsNothing() {
        let set = SmallIntSet()
        #expect(set.sorted().isEmpty)
        #expect(!set.contains(0))
        #expect(!set.contains(-1))
    }
}
