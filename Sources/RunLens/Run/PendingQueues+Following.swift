/// Following a stream: a series starts when it holds no points, and stops with its points
/// moved into a ring of its own.
extension PendingQueues {
    /// Makes `series`, which holds no points and follows no stream, follow the open
    /// record's stream: its values get as many slots as the stream's ring has.
    func follow(_ series: Int) {
        let queue = queues + series
        let ring = streams + Int(current.stream)
        Self.deallocate(queue.pointee)
        let capacity = ring.pointee.capacity
        queue.pointee.values = .allocate(capacity: capacity)
        queue.pointee.records = nil
        queue.pointee.capacity = capacity
        queue.pointee.head = 0
        queue.pointee.stream = current.stream
        queue.pointee.follower = Int32(ring.pointee.followers.count)
        queue.pointee.sequence = current.sequence &- 1
        ring.pointee.followers.append(Int32(series))
    }

    /// Makes the follower `queue` keep its points in a ring of its own, each pointing to the
    /// entry its stream's ring keeps for the point's record, and leave the stream's
    /// followers. A stream that no series follows any longer gives back its ring's room,
    /// unless its record is open.
    func unfollow(_ queue: UnsafeMutablePointer<Queue>) {
        let stream = Int(queue.pointee.stream)
        let ring = streams + stream
        let old = queue.pointee
        var own = Queue(lastCommittedStep: old.lastCommittedStep)
        if old.count > 0 { own = ownRing(holding: old, from: ring) }
        queue.pointee = own
        UnsafeMutableRawPointer(old.values.unsafelyUnwrapped).deallocate()
        if isOpen, stream == current.stream, old.sequence == current.sequence {
            followerPushes -= 1
        }
        removeFollower(at: Int(old.follower), of: ring)
        if ring.pointee.followers.isEmpty, !(isOpen && stream == current.stream) {
            ring.pointee.release(in: records)
        }
    }

    /// A ring of its own for the points of follower `old` of `ring`.
    private func ownRing(holding old: Queue, from ring: UnsafeMutablePointer<RecordRing>)
        -> Queue
    {
        let capacity = old.count == limit ? limit : min(limit, max(4, old.count * 2))
        var own = Self.ownQueue(capacity: capacity)
        own.lastCommittedStep = old.lastCommittedStep
        own.count = old.count
        let oldest = old.sequence - old.count + 1
        let values = own.values.unsafelyUnwrapped
        let indices = own.records.unsafelyUnwrapped
        for offset in 0..<old.count {
            let number = oldest + offset
            let entry = ring.pointee.entry(number, in: records)
            records.retain(entry)
            indices[offset] = entry
            values[offset] = old.values.unsafelyUnwrapped[ring.pointee.slot(of: number)]
        }
        return own
    }

    /// Removes the follower at `position` of `ring`; the last takes its place.
    private func removeFollower(at position: Int, of ring: UnsafeMutablePointer<RecordRing>) {
        let last = ring.pointee.followers.removeLast()
        guard position < ring.pointee.followers.count else { return }
        ring.pointee.followers[position] = last
        queues[Int(last)].follower = Int32(position)
    }
}
