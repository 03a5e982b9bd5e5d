/// The content hashes of a stream's last `capacity` records, to drop records written twice.
///
/// A ring holds the hashes, oldest first from `next` once full. Beside it, each of
/// `bucketCount` buckets (at least twice `capacity`, so half a hash on average shares one)
/// chains the ring slots of its hashes in the order they came: a lookup compares only the
/// hashes of its own bucket, nearly always none or one, and the oldest hash, which the ring
/// forgets first, is always the first of its chain, so forgetting it unlinks a head. The
/// answer is exact. 4.5 KiB per stream at 256 hashes, in manually managed buffers freed
/// with it: a record's check and insertion make no array uniqueness check. A class, so
/// copies of a ``StreamState`` share it; only the assembler, which keeps each stream in
/// place, changes it.
final class RecentHashes {
    private let ring: UnsafeMutablePointer<UInt64>
    /// For each ring slot, the slot of the next hash of its bucket, or -1.
    private let after: UnsafeMutablePointer<Int16>
    /// For each bucket, the slots of its oldest and newest hash, or -1 when it has none.
    private let first: UnsafeMutablePointer<Int16>
    private let last: UnsafeMutablePointer<Int16>
    private let bucketMask: UInt64
    /// The ring's slots written so far, up to `capacity`.
    private var filled = 0
    /// The slot of the oldest hash once the ring is full.
    private var next = 0
    let capacity: Int

    /// Remembers the last `capacity` hashes (at least 1, at most `Int16.max`).
    init(capacity: Int) {
        self.capacity = min(max(1, capacity), Int(Int16.max))
        var buckets = 2
        while buckets < 2 * self.capacity { buckets *= 2 }
        bucketMask = UInt64(buckets - 1)
        ring = .allocate(capacity: self.capacity)
        after = .allocate(capacity: self.capacity)
        first = .allocate(capacity: buckets)
        first.initialize(repeating: -1, count: buckets)
        last = .allocate(capacity: buckets)
        last.initialize(repeating: -1, count: buckets)
    }

    deinit {
        ring.deallocate()
        after.deallocate()
        first.deallocate()
        last.deallocate()
    }

    /// Whether `hash` is among the remembered ones.
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        var slot = Int(first[bucket(hash)])
        while slot >= 0 {
            if ring[slot] == hash { return true }
            slot = Int(after[slot])
        }
        return false
    }

    /// Remembers `hash` unless it is among the remembered ones: whether it was new. One call
    /// a record instead of `contains` and then `append`.
    func insert(_ hash: UInt64) -> Bool {
        if contains(hash) { return false }
        append(hash)
        return true
    }

    /// Remembers `hash`, forgetting the oldest one when full. Inlined: called once a record.
    @inline(__always)
    func append(_ hash: UInt64) {
        let slot: Int
        if filled == capacity {
            slot = next
            forgetOldest()
            next = next + 1 == capacity ? 0 : next + 1
        } else {
            slot = filled
            filled += 1
        }
        ring[slot] = hash
        after[slot] = -1
        let bucket = bucket(hash)
        let newest = Int(last[bucket])
        if newest >= 0 {
            after[newest] = Int16(truncatingIfNeeded: slot)
        } else {
            first[bucket] = Int16(truncatingIfNeeded: slot)
        }
        last[bucket] = Int16(truncatingIfNeeded: slot)
    }

    /// Unlinks the hash at `next`, the oldest: the first of its bucket's chain.
    @inline(__always)
    private func forgetOldest() {
        let bucket = bucket(ring[next])
        let following = after[next]
        first[bucket] = following
        if following < 0 { last[bucket] = -1 }
    }

    @inline(__always)
    private func bucket(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ hash >> 32) & bucketMask)
    }
}
