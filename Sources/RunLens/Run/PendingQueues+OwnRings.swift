/// Rings of their own: for the series that follow no stream, their values and the indices
/// of their records' entries in ``HeldRecords``, oldest first from `head`.
extension PendingQueues {
    /// Holds back `value` of the open record in the ring of its own of `queue`; returns the
    /// oldest point, now final, when it would hold more than `holdBack` points.
    func pushOwn(_ value: Double, _ queue: UnsafeMutablePointer<Queue>) -> Point? {
        if queue.pointee.count == holdBack { return exchange(value, queue) }
        if queue.pointee.count == queue.pointee.capacity { grow(queue) }
        let slot = slot(queue, queue.pointee.count)
        let entry = currentEntry()
        queue.pointee.values.unsafelyUnwrapped[slot] = value
        queue.pointee.records.unsafelyUnwrapped[slot] = entry
        records.retain(entry)
        queue.pointee.count += 1
        return nil
    }

    /// `pushOwn` for a series that holds `holdBack` points already: the new point goes in
    /// and the oldest comes out in one step, the count unchanged. A ring grows to
    /// `holdBack` slots before it holds that many, so a full ring is exactly as large as it
    /// holds and the new point takes the oldest's slot.
    private func exchange(_ value: Double, _ queue: UnsafeMutablePointer<Queue>) -> Point {
        guard queue.pointee.count > 0 else {
            let point = current.record.point(value: value)
            commit(point.step, queue)
            return point
        }
        let head = queue.pointee.head
        let oldest = take(queue, at: head)
        let entry = currentEntry()
        queue.pointee.values.unsafelyUnwrapped[head] = value
        queue.pointee.records.unsafelyUnwrapped[head] = entry
        records.retain(entry)
        queue.pointee.head = head + 1 == queue.pointee.capacity ? 0 : head + 1
        commit(oldest.step, queue)
        return oldest
    }

    /// The entry of the open record, which its stream's ring keeps.
    private func currentEntry() -> Int32 {
        streams[Int(current.stream)].entry(current.sequence, in: records)
    }

    /// The point in ring slot `slot`, whose reference to its record is dropped.
    func take(_ queue: UnsafeMutablePointer<Queue>, at slot: Int) -> Point {
        let record = queue.pointee.records.unsafelyUnwrapped[slot]
        let point = records.point(record, value: queue.pointee.values.unsafelyUnwrapped[slot])
        records.release(record)
        return point
    }

    /// Moves the newest point back past the held points with later steps.
    func sinkNewest(_ queue: UnsafeMutablePointer<Queue>) {
        let values = queue.pointee.values.unsafelyUnwrapped
        let indices = queue.pointee.records.unsafelyUnwrapped
        var offset = queue.pointee.count - 1
        while offset > 0 {
            let at = slot(queue, offset)
            let before = slot(queue, offset - 1)
            let record = indices[at]
            guard records.step(indices[before]) > records.step(record) else { return }
            let value = values[at]
            values[at] = values[before]
            indices[at] = indices[before]
            values[before] = value
            indices[before] = record
            offset -= 1
        }
    }

    /// The ring slot of the point `offset` places after the oldest.
    @inline(__always)
    func slot(_ queue: UnsafeMutablePointer<Queue>, _ offset: Int) -> Int {
        let slot = queue.pointee.head + offset
        return slot >= queue.pointee.capacity ? slot - queue.pointee.capacity : slot
    }

    /// Moves the points, oldest first, into a ring twice as large (at least four slots, at
    /// most `limit`, unless more are held).
    private func grow(_ queue: UnsafeMutablePointer<Queue>) {
        let old = queue.pointee
        let capacity = max(old.count + 1, min(max(old.capacity * 2, 4), limit))
        var larger = Self.ownQueue(capacity: capacity)
        for offset in 0..<old.count {
            let from = slot(queue, offset)
            larger.values.unsafelyUnwrapped[offset] = old.values.unsafelyUnwrapped[from]
            larger.records.unsafelyUnwrapped[offset] = old.records.unsafelyUnwrapped[from]
        }
        Self.deallocate(old)
        larger.count = old.count
        larger.lastCommittedStep = old.lastCommittedStep
        queue.pointee = larger
    }

    /// An empty ring of its own of `capacity` slots: one allocation, the values first, then
    /// the indices of their records.
    static func ownQueue(capacity: Int) -> Queue {
        let stride = MemoryLayout<Double>.stride + MemoryLayout<Int32>.stride
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: capacity * stride, alignment: MemoryLayout<Double>.alignment)
        let values = raw.bindMemory(to: Double.self, capacity: capacity)
        let records = (raw + capacity * MemoryLayout<Double>.stride)
            .bindMemory(to: Int32.self, capacity: capacity)
        return Queue(values: values, records: records, capacity: capacity)
    }
}
