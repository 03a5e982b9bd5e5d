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
        guard let excess = latencyExcess(window, target) else { return nil }
        let figure =
            "\(ServingFormat.milliseconds(excess.value)); \(excess.affected) of "
            + "\(excess.judged) requests above \(ServingFormat.milliseconds(target.thresholdMs))"
        return miss(window, excess, figure: figure)
    }

    private func errorMiss(_ window: ServingWindow) -> Miss? {
        guard let excess = errorExcess(window.stats, target: settings.sloErrorRate) else {
            return nil
        }
        let figure = "\(excess.affected) of \(excess.judged) requests failed"
        return miss(window, excess, figure: figure)
    }

    /// A miss, or `nil` when the rule found the window a violation.
    private func miss(_ window: ServingWindow, _ excess: SLOExcess, figure: String) -> Miss? {
        guard !violates(excess) else { return nil }
        return Miss(window: window, value: excess.value, figure: figure, chance: chance(excess))
    }

    /// The chance for a judged excess; `nil` when too few requests to judge.
    private func chance(_ excess: SLOExcess) -> Double? {
        excess.judged >= settings.sloMinRequests ? excess.chance : nil
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
        guard let excess = errorExcess(stats, target: 1 - settings.sloAvailability),
            !violates(excess)
        else { return nil }
        return "availability \(ServingFormat.percent(1 - excess.value)) over the whole log, "
            + "below the \(ServingFormat.percent(settings.sloAvailability)) target, without an "
            + "incident: \(excess.affected) of \(excess.judged) requests failed"
            + reason(chance(excess))
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
