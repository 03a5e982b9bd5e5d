import Testing

@testable import RunLens

/// The duplicate check: exact, whatever the hashes' buckets.
struct RecentHashesTests {
    @Test func remembersTheLastCapacityHashes() {
        let hashes = RecentHashes(capacity: 3)
        for hash: UInt64 in [11, 22, 33] { hashes.append(hash) }
        #expect([11, 22, 33, 44].map { hashes.contains($0) } == [true, true, true, false])

        hashes.append(44)

        #expect([11, 22, 33, 44].map { hashes.contains($0) } == [false, true, true, true])
    }

    @Test func tellsApartHashesThatShareABucket() {
        // Bits 12 to 15 take no part in the bucket index (8 buckets for 4 hashes).
        let hash: UInt64 = 0x0123_4567_89AB_0CDE
        let twin = hash ^ 0xF000
        let hashes = RecentHashes(capacity: 4)

        hashes.append(hash)

        #expect(hashes.contains(hash))
        #expect(!hashes.contains(twin))
    }

    @Test func forgetsAHashWhoseBucketAnotherHashShares() {
        let hash: UInt64 = 0x0123_4567_89AB_0CDE
        let hashes = RecentHashes(capacity: 1)
        hashes.append(hash)
        hashes.append(hash ^ 0xF000)

        #expect(!hashes.contains(hash))
        #expect(hashes.contains(hash ^ 0xF000))
    }

    @Test func insertTakesOnlyHashesNotRemembered() {
        let hashes = RecentHashes(capacity: 2)
        let first = [hashes.insert(11), hashes.insert(22)]
        let repeated = hashes.insert(11)
        #expect(first == [true, true])
        #expect(!repeated)

        // The repeated 11 took no place: 33 pushes out the first 11, and 22 stays.
        let third = hashes.insert(33)
        #expect(third)
        #expect([11, 22, 33].map { hashes.contains($0) } == [false, true, true])
        let again = hashes.insert(11)
        #expect(again)
    }

    @Test func forgetsTheOldestOfABucketThatHoldsEveryHash() {
        // Bits 16 and up take no part in the index of 8 buckets: every hash is in bucket 0.
        let hashes = RecentHashes(capacity: 4)
        for step: UInt64 in 1...6 { hashes.append(step << 16) }

        let held = (1...6).map { hashes.contains(UInt64($0) << 16) }
        #expect(held == [false, false, true, true, true, true])
        let repeated = hashes.insert(4 << 16)
        let new = hashes.insert(1 << 16)
        #expect(!repeated)
        #expect(new)
        #expect(!hashes.contains(3 << 16))
        #expect([4, 5, 6, 1].allSatisfy { hashes.contains(UInt64($0) << 16) })
    }

    @Test(arguments: [1, 5, 256])
    func answersAsAListOfTheLastHashesDoes(capacity: Int) {
        // Few distinct hashes, most of them sharing buckets, so that chains grow, repeat
        // and empty again; the expected answers come from a plain list of the last hashes.
        var generator = SplitMix64(seed: UInt64(capacity))
        let hashes = RecentHashes(capacity: capacity)
        var list: [UInt64] = []
        for _ in 0..<20_000 {
            let hash = (generator.next() % 8) << 40 | (generator.next() % UInt64(capacity * 3))
            let expected = !list.contains(hash)
            if expected {
                list.append(hash)
                if list.count > capacity { list.removeFirst() }
            }
            #expect(hashes.insert(hash) == expected)
        }
    }
}
