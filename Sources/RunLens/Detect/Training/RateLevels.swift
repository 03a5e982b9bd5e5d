/// A learning rate's history in a few step buckets, to tell whether the rate was still high
/// over a stretch: a loss that stops improving while the rate is near its highest has
/// stalled, while one that stops as the rate decays (the end of a cosine schedule) has
/// settled.
///
/// 128 buckets of 40 bytes, coarsened as the run grows; a step going backwards (a restart)
/// drops the buckets from it on.
struct RateLevels {
    private var history = MeanHistory(capacity: 128)
    private var lastPosition = -Double.infinity

    /// Takes the next learning-rate point at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFinite, position.isFinite else { return }
        if position < lastPosition { history.truncate(from: position) }
        lastPosition = position
        history.add(step: position, time: point.time, value: point.value)
    }

    /// Whether the mean rate over `range` (else the last one logged before it) is at least
    /// `share` of the highest bucket mean up to the range's end; `nil` when no rate was
    /// logged by then.
    func isHigh(over range: ClosedRange<Double>, share: Double) -> Bool? {
        var highest = -Double.infinity
        var latest: Double?
        for (_, bucket) in history.filled where bucket.firstStep <= range.upperBound {
            highest = max(highest, bucket.mean)
            latest = bucket.mean
        }
        let window = history.summary(after: range.lowerBound.nextDown, through: range.upperBound)
        guard let level = window.count > 0 ? window.mean : latest else { return nil }
        return level >= share * highest
    }
}
