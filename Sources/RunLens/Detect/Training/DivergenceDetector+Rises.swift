extension DivergenceDetector {
    /// The rises of train loss `index`, one span per climb: the rule lets go for a point
    /// whenever the smoothed loss pauses, and holds again from the same start, so stretches
    /// that close together, from the same minimum, are told as one.
    func riseSpans(_ index: Int) -> [DivergenceSpan] {
        var climbs: [RiseTracker.Episode] = []
        for episode in rises[index]?.episodes ?? [] {
            let start = descriptors[index].position(of: episode.start)
            guard var climb = climbs.last, start <= climb.lastPosition + spanGap,
                climb.minimum == episode.minimum, climb.atEnd == episode.atEnd
            else {
                climbs.append(episode)
                continue
            }
            climb.last = episode.last
            climb.lastPosition = episode.lastPosition
            climb.peak = max(climb.peak, episode.peak)
            climb.count += episode.count
            climbs[climbs.count - 1] = climb
        }
        return climbs.map { riseSpan(index, $0) }
    }

    /// The smoothed loss rose well above its running minimum and kept rising, or the raw loss
    /// was still climbing above the threshold when the log ended.
    private func riseSpan(_ index: Int, _ episode: RiseTracker.Episode) -> DivergenceSpan {
        let name = descriptors[index].name
        let text = episode.atEnd ? endWords(name, episode) : riseWords(name, episode)
        return DivergenceSpan(
            start: episode.start, startPosition: descriptors[index].position(of: episode.start),
            end: episode.last, endPosition: episode.lastPosition, metric: name,
            peak: episode.peak, threshold: episode.threshold, count: episode.count,
            message: text.message, evidence: text.evidence)
    }

    private func riseWords(_ name: String, _ episode: RiseTracker.Episode)
        -> (message: String, evidence: [String])
    {
        let peak = EvidenceText.value(episode.peak)
        let above =
            episode.fall == nil
            ? "\(EvidenceText.times(episode.peak / episode.minimum)) its"
            : "\(growth(episode.peak, episode)) above its"
        let evidence = [
            "smoothed \(name) (moving average over \(settings.smoothing) points) reached"
                + " \(peak), \(above) running minimum \(EvidenceText.value(episode.minimum)) at"
                + " \(EvidenceText.position(episode.minimumPoint))",
            "rule: above \(level(episode)) and still rising for \(settings.sustain) points;"
                + " first held at \(EvidenceText.position(episode.first))" + comebackRule,
        ]
        let message =
            "smoothed \(name) rose from its minimum \(EvidenceText.value(episode.minimum)) to"
            + " \(peak) (\(growth(episode.peak, episode))) from"
            + " \(EvidenceText.position(episode.start)) and was still rising at"
            + " \(EvidenceText.position(episode.last))"
        return (message, evidence)
    }

    private func endWords(_ name: String, _ episode: RiseTracker.Episode)
        -> (message: String, evidence: [String])
    {
        let points =
            "its last \(episode.count) points, \(EvidenceText.position(episode.first)) to"
            + " \(EvidenceText.position(episode.last)), were all above"
            + " \(EvidenceText.value(episode.threshold))"
        let message =
            "\(name) was still rising when the log ended: from its smoothed minimum"
            + " \(EvidenceText.value(episode.minimum))"
            + " (\(EvidenceText.position(episode.minimumPoint))) it climbed from"
            + " \(EvidenceText.position(episode.start)), and \(points), up to"
            + " \(EvidenceText.value(episode.peak)) (\(growth(episode.peak, episode))); the log"
            + " ended before the \(settings.smoothing)-point moving average could hold the rule"
            + " for \(settings.sustain) points"
        let evidence = [
            "\(points); the highest \(EvidenceText.value(episode.peak))",
            "rule: a rise still under way when the log ends counts when its last"
                + " \(settings.sustain) or more raw points are all above \(level(episode)) and"
                + " the smoothed loss is above its value \(settings.risingLookback) points before",
        ]
        return (message, evidence)
    }

    /// `2.40×` the minimum, or for the sign-free rule `+2.062, 52% of its fall from 0.960`.
    private func growth(_ value: Double, _ episode: RiseTracker.Episode) -> String {
        guard let fall = episode.fall else { return EvidenceText.times(value / episode.minimum) }
        let rise = value - episode.minimum
        let drop = fall.highest - episode.minimum
        let share = drop > 0 ? ", \(EvidenceText.percent(rise / drop)) of its fall" : ""
        return "+\(EvidenceText.value(rise))\(share) from \(EvidenceText.value(fall.highest))"
    }

    /// The threshold and where it came from, in words.
    private func level(_ episode: RiseTracker.Episode) -> String {
        let threshold = EvidenceText.value(episode.threshold)
        let ratio = settings.riseRatio
        guard let fall = episode.fall else {
            return "\(threshold) (minimum × \(EvidenceText.value(1 + ratio)))"
        }
        return "\(threshold) (a minimum at or below zero has no multiple to rise to: the"
            + " minimum plus \(EvidenceText.value(ratio)) of its fall from the highest smoothed"
            + " value before it, \(EvidenceText.value(fall.highest)), and no less than"
            + " \(EvidenceText.value(settings.riseDeviations)) typical deviations of the raw loss,"
            + " \(EvidenceText.value(fall.deviation)) each)"
    }

    /// How a rise that came back is told apart, in words.
    private var comebackRule: String {
        guard settings.comebackPoints > 0 else { return "" }
        return "; a rise whose raw loss (median of the last \(2 * max(1, settings.sustain)) points)"
            + " falls back below the threshold within \(settings.comebackPoints) points after"
            + " is withdrawn: the loss came back, a spike"
    }
}
