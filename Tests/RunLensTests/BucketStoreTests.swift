import Testing

@testable import RunLens

struct BucketStoreTests {
    // Indexes 0…39 one each: the first bucket takes room for 16, and each append past the
    // room doubles it (at least 32, then 64), so 40 buckets have room for more than 40.
    // Fitted, the room is about the 40 buckets; they stay, one count each from index 0.
    @Test func fitCapacityGivesBackTheRoomAndKeepsTheBuckets() {
        var store = BucketStore()
        for index in 0..<40 { store.add(index: index) }
        #expect(store.counts.capacity >= 64)

        store.fitCapacity()

        #expect(store.counts.capacity < 48)
        #expect(store.counts == Array(repeating: 1, count: 40))
        #expect(store.offset == 0)
        #expect(store.total == 40)
    }

    // A fitted store grows again as an unfitted one does: index 41 after 0…39 leaves
    // bucket 40 empty, 42 buckets in all.
    @Test func aFittedStoreTakesMoreBuckets() {
        var store = BucketStore()
        for index in 0..<40 { store.add(index: index) }
        store.fitCapacity()

        store.add(index: 41, count: 3)

        #expect(store.counts.count == 42)
        #expect(store.counts[40] == 0)
        #expect(store.counts[41] == 3)
        #expect(store.total == 43)
    }

    @Test func fittingAnEmptyStoreLeavesItEmpty() {
        var store = BucketStore()
        store.fitCapacity()

        #expect(store.isEmpty)
        #expect(store == BucketStore())
    }
}
