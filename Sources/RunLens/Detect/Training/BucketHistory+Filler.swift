extension BucketHistory {
    /// Adds values to the buckets a history already holds, through its storage taken once
    /// (``filling(_:)``) rather than checked for sharing at every value.
    ///
    /// A value that needs a new bucket or coarser ones is not added: the caller stops using
    /// the filler and adds it to the history itself.
    struct Filler {
        let buckets: UnsafeMutableBufferPointer<Bucket>
        let width: Double
        let baseIndex: Int

        /// The bucket index of `step`, as ``BucketHistory/bucketIndex(_:)`` gives it.
        @inline(__always)
        func bucketIndex(_ step: Double) -> Int {
            BucketHistory.bucketIndex(step, width: width)
        }

        /// Does what ``BucketHistory/add(step:time:value:)`` does when the value's bucket is
        /// held (or the value is ignored) and returns `true`; returns `false`, adding
        /// nothing, when the value needs a new bucket or coarser ones.
        @inline(__always)
        func add(step: Double, time: Double, value: Double) -> Bool {
            guard step.isFinite, value.isFinite, abs(step) < 1e15 else { return true }
            let offset = (step / width).floorIndex - baseIndex
            guard offset >= 0 && offset < buckets.count else { return false }
            buckets[offset].add(step: step, time: time, value: value)
            return true
        }
    }
}
