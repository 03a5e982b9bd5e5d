/// The content hashes of a stream's last `capacity` records, to drop records written twice.
///
/// A ring holds the hashes; beside it, a table counts how many of them fall in each of
/// 2048 buckets, so that a hash in an empty bucket (nearly every new record) is known to be
/// absent without scanning the ring. The answer is exact either way. 4 KiB per stream.
struct RecentHashes {
    private static let bucketCount = 2048

    private var ring: [UInt64] = []
    private var next = 0
    private var buckets = [UInt16](repeating: 0, count: bucketCount)
    let capacity: Int

    /// Remembers the last `capacity` hashes (at least 1).
    init(capacity: Int) {
        self.capacity = min(max(1, capacity), Int(UInt16.max))
    }

    /// Whether `hash` is among the remembered ones.
    func contains(_ hash: UInt64) -> Bool {
        guard buckets[Self.bucket(hash)] > 0 else { return false }
        return ring.contains(hash)
    }

    /// Remembers `hash`, forgetting the oldest one when full.
    mutating func append(_ hash: UInt64) {
        buckets[Self.bucket(hash)] += 1
        if ring.count < capacity {
            ring.append(hash)
            return
        }
        buckets[Self.bucket(ring[next])] -= 1
        ring[next] = hash
        next = next + 1 == capacity ? 0 : next + 1
    }

    private static func bucket(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ hash >> 32) & UInt64(bucketCount - 1))
    }
}
