/// The content hashes of a stream's last `capacity` records, to drop records written twice.
///
/// A ring holds the hashes; beside it, a table counts how many of them fall in each of
/// 4096 buckets, under two bucket indices per hash taken from different bits. A hash with
/// either bucket empty (nearly every new record: with 256 hashes, both are taken for about
/// one record in seventy, against one in eight with a single index) is known to be absent
/// without scanning the ring. The answer is exact either way. 10 KiB per stream.
struct RecentHashes {
    private static let bucketCount = 4096

    private var ring: [UInt64] = []
    private var next = 0
    private var buckets = [UInt16](repeating: 0, count: bucketCount)
    let capacity: Int

    /// Remembers the last `capacity` hashes (at least 1).
    init(capacity: Int) {
        self.capacity = min(max(1, capacity), Int(UInt16.max) / 2)
    }

    /// Whether `hash` is among the remembered ones.
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        guard buckets[Self.first(hash)] > 0, buckets[Self.second(hash)] > 0 else { return false }
        return ring.contains(hash)
    }

    /// Remembers `hash` unless it is among the remembered ones: whether it was new. One call
    /// a record instead of `contains` and then `append`, whose bucket indices it shares.
    mutating func insert(_ hash: UInt64) -> Bool {
        if contains(hash) { return false }
        append(hash)
        return true
    }

    /// Remembers `hash`, forgetting the oldest one when full. Inlined: called once a record.
    @inline(__always)
    mutating func append(_ hash: UInt64) {
        let full = ring.count == capacity
        let forgotten = full ? ring[next] : 0
        buckets.withUnsafeMutableBufferPointer { counts in
            Self.count(hash, by: 1, in: counts)
            if full { Self.count(forgotten, by: 0 &- 1, in: counts) }
        }
        guard full else { return ring.append(hash) }

        ring[next] = hash
        next = next + 1 == capacity ? 0 : next + 1
    }

    /// Adds `step` (wrapping: `0 &- 1` takes one away) to both buckets of `hash`.
    @inline(__always)
    private static func count(
        _ hash: UInt64, by step: UInt16, in counts: UnsafeMutableBufferPointer<UInt16>
    ) {
        counts[first(hash)] &+= step
        counts[second(hash)] &+= step
    }

    @inline(__always)
    private static func first(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ hash >> 32) & UInt64(bucketCount - 1))
    }

    @inline(__always)
    private static func second(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash >> 16 ^ hash >> 44) & UInt64(bucketCount - 1))
    }
}
