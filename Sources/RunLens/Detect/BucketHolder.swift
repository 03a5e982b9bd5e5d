/// A detector's state for one series that keeps a ``StepHistory``, whose capacity the
/// detector lowers as it tracks more series.
protocol StepHistoryHolder {
    /// Keeps the history within `capacity` buckets from now on (``StepHistory/limit(to:)``).
    mutating func limitHistory(to capacity: Int)
}

extension StepHistory: StepHistoryHolder {
    mutating func limitHistory(to capacity: Int) {
        limit(to: capacity)
    }
}

extension SeriesStates where State: StepHistoryHolder {
    /// Adds the next series, untracked when `state` is `nil`. A tracked one gets its share
    /// of `budget`; when that share is smaller than before, every history is lowered to it.
    mutating func append(_ state: State?, sharing budget: SharedBudget) {
        append(state)
        guard state != nil else { return }

        let share = budget.share(among: trackedCount)
        if share < budget.share(among: trackedCount - 1) {
            updateAll { $0.limitHistory(to: share) }
        } else {
            update(count - 1) { $0.limitHistory(to: share) }
        }
    }
}
