/// The content hashes of a stream's last `capacity` records, to drop records written twice.
///
/// A ring holds the hashes; beside it, a table counts how many of them fall in each of
/// 2048 buckets, under two bucket indices per hash taken from different bits. A hash with
/// either bucket empty (nearly every new record: with 256 hashes, both are taken for about
/// one record in twenty, against one in eight with a single index) is known to be absent
/// without scanning the ring. The answer is exact either way. 6 KiB per stream, in
/// manually managed buffers freed with it: a record's check and insertion make no array
/// uniqueness check. A class, so copies of a ``StreamState`` share it; only the assembler,
/// which keeps each stream in place, changes it.
final class RecentHashes {
    private static let bucketCount = 2048

    private let ring: UnsafeMutablePointer<UInt64>
    /// The ring's slots written so far, up to `capacity`.
    private var filled = 0
    /// The slot of the oldest hash once the ring is full.
    private var next = 0
    private let buckets: UnsafeMutablePointer<UInt16>
    let capacity: Int

    /// Remembers the last `capacity` hashes (at least 1).
    init(capacity: Int) {
        self.capacity = min(max(1, capacity), Int(UInt16.max) / 2)
        ring = .allocate(capacity: self.capacity)
        buckets = .allocate(capacity: Self.bucketCount)
        buckets.initialize(repeating: 0, count: Self.bucketCount)
    }

    deinit {
        ring.deallocate()
        buckets.deallocate()
    }

    /// Whether `hash` is among the remembered ones.
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        guard buckets[Self.first(hash)] > 0, buckets[Self.second(hash)] > 0 else { return false }
        return UnsafeBufferPointer(start: ring, count: filled).contains(hash)
    }

    /// Remembers `hash` unless it is among the remembered ones: whether it was new. One call
    /// a record instead of `contains` and then `append`, whose bucket indices it shares.
    func insert(_ hash: UInt64) -> Bool {
        if contains(hash) { return false }
        append(hash)
        return true
    }

    /// Remembers `hash`, forgetting the oldest one when full. Inlined: called once a record.
    @inline(__always)
    func append(_ hash: UInt64) {
        count(hash, by: 1)
        guard filled == capacity else {
            ring[filled] = hash
            filled += 1
            return
        }

        count(ring[next], by: 0 &- 1)
        ring[next] = hash
        next = next + 1 == capacity ? 0 : next + 1
    }

    /// Adds `step` (wrapping: `0 &- 1` takes one away) to both buckets of `hash`.
    @inline(__always)
    private func count(_ hash: UInt64, by step: UInt16) {
        buckets[Self.first(hash)] &+= step
        buckets[Self.second(hash)] &+= step
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
