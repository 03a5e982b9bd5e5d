/// A figure past its SLO target, with the requests it was judged on: what the incidents and
/// the report's notes on targets missed without one both start from, so the two can never
/// disagree about a window.
struct SLOExcess {
    /// The figure past the target: a quantile in ms, or an error rate.
    var value: Double
    /// Requests that broke the target (slower than the threshold, or failed).
    var affected: Int
    /// Requests judged.
    var judged: Int
    /// How likely chance at the target gives `affected` or more of `judged`.
    var chance: Double
    /// The earliest and latest offending request.
    var first: RequestRef?
    var last: RequestRef?
}

extension SLORule {
    /// Whether `excess` is a violation: enough requests, and more than chance explains.
    func violates(_ excess: SLOExcess) -> Bool {
        excess.judged >= settings.sloMinRequests && excess.chance < settings.sloSignificance
    }

    /// The window's quantile for `target`, when it is past the threshold.
    func latencyExcess(_ window: ServingWindow, _ target: LatencyTarget) -> SLOExcess? {
        let distribution = target.metric == .ttft ? window.stats.ttft : window.stats.latency
        guard let distribution, let value = distribution.quantile(target.quantile),
            value > target.thresholdMs, let over = window.stats.over(target.name)
        else { return nil }
        let chance = BinomialTail.atLeast(
            over.count, of: distribution.count, probability: 1 - target.quantile)
        return SLOExcess(
            value: value, affected: over.count, judged: distribution.count, chance: chance,
            first: over.first, last: over.last)
    }

    /// The error rate of `stats` (a window or the whole log), when it is above `target`.
    func errorExcess(_ stats: ServingStats, target: Double) -> SLOExcess? {
        guard let rate = stats.errorRate, rate > target else { return nil }
        let chance = BinomialTail.atLeast(stats.failed, of: stats.requests, probability: target)
        return SLOExcess(
            value: rate, affected: stats.failed, judged: stats.requests, chance: chance,
            first: stats.firstError, last: stats.lastError)
    }
}
