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

    @Test func tellsApartHashesThatShareBothBuckets() {
        // Bits 12 to 15 take part in neither bucket index.
        let hash: UInt64 = 0x0123_4567_89AB_0CDE
        let twin = hash ^ 0xF000
        let hashes = RecentHashes(capacity: 4)

        hashes.append(hash)

        #expect(hashes.contains(hash))
        #expect(!hashes.contains(twin))
    }

    @Test func forgetsAHashWhoseBucketsAnotherHashShares() {
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
}
