/// What `SLORule` saw past a target but did not report: a window with too few requests to
/// judge, or a miss that chance at the target explains. The report says so, so that a
/// reader who finds a p95 above its target in the window table knows why the run passed.
extension SLORule {
    /// One note per target that some window missed without an incident, and one for
    /// availability when the whole log is below its target without one.
    func passedOver(_ summary: ServingSummary) -> [String] {
        var notes: [String] = []
        for target in settings.latencyTargets {
            let misses = summary.windows.compactMap { latencyMiss($0, target) }
            let limit = ServingFormat.milliseconds(target.thresholdMs)
            if let note = note("\(target.label) above \(limit)", misses, summary) {
                notes.append(note)
            }
        }
        let errorMisses = summary.windows.compactMap(errorMiss)
        let limit = ServingFormat.percent(settings.sloErrorRate)
        if let note = note("error rate above \(limit)", errorMisses, summary) {
            notes.append(note)
        }
        if let note = availabilityNote(summary.overall) { notes.append(note) }
        return notes
    }

    private func latencyMiss(_ window: ServingWindow, _ target: LatencyTarget) -> Miss? {
        let distribution = target.metric == .ttft ? window.stats.ttft : window.stats.latency
        guard let distribution, let value = distribution.quantile(target.quantile),
            value > target.thresholdMs, let over = window.stats.over(target.name)
        else { return nil }
        let figure =
            "\(ServingFormat.milliseconds(value)); \(over.count) of \(distribution.count) "
            + "requests above \(ServingFormat.milliseconds(target.thresholdMs))"
        return miss(
            window, value: value, figure: figure, judged: distribution.count,
            chance: BinomialTail.atLeast(
                over.count, of: distribution.count, probability: 1 - target.quantile))
    }

    private func errorMiss(_ window: ServingWindow) -> Miss? {
        let stats = window.stats
        guard let rate = stats.errorRate, rate > settings.sloErrorRate else { return nil }
        let figure = "\(stats.failed) of \(stats.requests) requests failed"
        return miss(
            window, value: rate, figure: figure, judged: stats.requests,
            chance: BinomialTail.atLeast(
                stats.failed, of: stats.requests, probability: settings.sloErrorRate))
    }

    /// A miss, or `nil` when the rule judged the window and found it an incident.
    private func miss(
        _ window: ServingWindow, value: Double, figure: String, judged: Int, chance: Double
    ) -> Miss? {
        if judged < settings.sloMinRequests {
            return Miss(window: window, value: value, figure: figure, chance: nil)
        }
        guard chance >= settings.sloSignificance else { return nil }
        return Miss(window: window, value: value, figure: figure, chance: chance)
    }

    private func note(_ what: String, _ misses: [Miss], _ summary: ServingSummary) -> String? {
        guard let closest = misses.min(by: { $0.rank < $1.rank }) else { return nil }
        let bounds = ServingFormat.window(
            closest.window, axis: summary.axis, relative: summary.timeIsRelative)
        let count = misses.count == 1 ? "1 window" : "\(misses.count) windows"
        let lead = misses.count == 1 ? "" : "the closest to one, "
        return "\(what) in \(count) without an incident: \(lead)\(bounds) "
            + "(\(closest.figure)\(reason(closest.chance)))"
    }

    private func availabilityNote(_ stats: ServingStats) -> String? {
        let budgetShare = 1 - settings.sloAvailability
        guard let rate = stats.errorRate, rate > budgetShare else { return nil }
        let chance = BinomialTail.atLeast(
            stats.failed, of: stats.requests, probability: budgetShare)
        let judged = stats.requests >= settings.sloMinRequests
        if judged && chance < settings.sloSignificance { return nil }
        return "availability \(ServingFormat.percent(1 - rate)) over the whole log, below the "
            + "\(ServingFormat.percent(settings.sloAvailability)) target, without an incident: "
            + "\(stats.failed) of \(stats.requests) requests failed"
            + reason(judged ? chance : nil)
    }

    /// Why a miss is no incident: too few requests, or how often chance alone gives it.
    private func reason(_ chance: Double?) -> String {
        guard let chance else {
            return ", too few to judge (\(settings.sloMinRequests) requests are needed)"
        }
        return "; a service just meeting the target sees as many "
            + "\(ServingFormat.percent(chance)) of the time"
    }
}

/// A window past a target that is no incident.
private struct Miss {
    var window: ServingWindow
    /// The figure past the target.
    var value: Double
    /// The figure and its counts, in words.
    var figure: String
    /// How likely chance at the target gives as many; `nil` when the window has too few
    /// requests to judge.
    var chance: Double?

    /// Orders misses from the closest to an incident: judged windows by their chance, then
    /// windows too small to judge, the figure furthest past the target first.
    var rank: (Double, Double) { (chance ?? 2, -value) }
}
