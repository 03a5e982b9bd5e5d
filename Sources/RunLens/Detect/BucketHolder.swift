/// A detector's state for one series that summarises it in buckets (a ``StepHistory``,
/// ``MemoryBuckets``), whose number the detector lowers as it tracks more series.
protocol BucketHolder {
    /// Keeps at most `capacity` buckets from now on, coarsening those held to fit.
    mutating func limitBuckets(to capacity: Int)
}

extension StepHistory: BucketHolder {
    mutating func limitBuckets(to capacity: Int) {
        limit(to: capacity)
    }
}

extension SeriesStates where State: BucketHolder {
    /// Adds the next series, untracked when `state` is `nil`. A tracked one gets its share
    /// of `budget`; when that share is smaller than before, every state is lowered to it.
    mutating func append(_ state: State?, sharing budget: SharedBudget) {
        append(state)
        guard state != nil else { return }

        let share = budget.share(among: trackedCount)
        if share < budget.share(among: trackedCount - 1) {
            updateAll { $0.limitBuckets(to: share) }
        } else {
            update(count - 1) { $0.limitBuckets(to: share) }
        }
    }
}
