/// A detector's state for one series that summarises it in buckets (a ``BucketHistory``,
/// ``MemoryBuckets``), whose number the detector lowers as it tracks more series.
protocol BucketHolder {
    /// Keeps at most `capacity` buckets from now on, coarsening those held to fit.
    mutating func limitBuckets(to capacity: Int)
}

extension BucketHistory: BucketHolder {
    mutating func limitBuckets(to capacity: Int) {
        limit(to: capacity)
    }
}

extension SeriesStates where State: BucketHolder {
    /// Adds the next series, untracked when `state` is `nil`, sharing `budget` by the number
    /// of tracked series alone.
    mutating func append(_ state: State?, sharing budget: SharedBudget) {
        append(state, sharing: budget, rank: nil)
    }

    /// Adds the next series, of `rank`, untracked when `state` is `nil`. A tracked one gets
    /// its share of `budget` among the tracked series and their ranks; when that share is
    /// smaller than before, every state is lowered to it.
    mutating func append(_ state: State?, sharing budget: SharedBudget, rank: Int?) {
        append(state)
        guard state != nil else { return }

        let before = budget.share(among: trackedCount - 1, ranks: ranks.count)
        ranks.note(rank)
        let share = budget.share(among: trackedCount, ranks: ranks.count)
        if share < before {
            updateAll { $0.limitBuckets(to: share) }
        } else {
            update(count - 1) { $0.limitBuckets(to: share) }
        }
    }
}
