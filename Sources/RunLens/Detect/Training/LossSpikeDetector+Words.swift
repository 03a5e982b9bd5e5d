extension LossSpikeDetector {
    /// The message after the series name: the rise and how it ended, or for jumps joined
    /// within the cooldown each jump with its own end.
    func words(_ episode: SpikeTracker.Episode) -> String {
        guard episode.jumps.count > 1 else { return "\(rise(episode)); \(outcome(episode))" }
        let jumps = episode.jumps
        var items = jumps.indices.map { item(episode, $0) }
        if items.count > 4 {
            let hidden = items.count - 4
            items = Array(items.prefix(3)) + ["\(hidden) more"] + Array(items.suffix(1))
        }
        let verb = episode.climbed || episode.bump ? "rose" : "jumped"
        return "\(verb) \(jumps.count) times, each within"
            + " \(NumberFormat.exact(settings.cooldown)) steps of the one before \(rule(episode)):"
            + " " + items.joined(separator: "; ")
    }

    /// `jumped to 9 at step 40, 4.50× its trailing mean 2 (rule: ...)`, or for a bump
    /// `climbed from step 302 without a single jump to 6 at step 310, ...`.
    private func rise(_ episode: SpikeTracker.Episode) -> String {
        let from = EvidenceText.position(episode.first)
        let verb =
            episode.bump
            ? "climbed from \(from) without a single jump to"
            : episode.climbed ? "climbed from \(from) to" : "jumped to"
        return "\(verb) \(EvidenceText.value(episode.peak.value)) at"
            + " \(EvidenceText.position(episode.peak)),"
            + " \(height(episode.peak.value, above: episode.baseline)) \(rule(episode))"
    }

    /// One jump of several: `to 9 at step 40 (4.50× its trailing mean 2), recovered at ...`.
    private func item(_ episode: SpikeTracker.Episode, _ index: Int) -> String {
        let jump = episode.jumps[index]
        let last = index == episode.jumps.count - 1
        let climb =
            index > 0
            ? ""
            : episode.bump || episode.climbed
                ? "climbed from \(EvidenceText.position(jump.first)) " : ""
        let end: String =
            switch last ? episode.outcome : jump.outcome {
            case .recovered(let point, _): "recovered at \(recovery(point, after: jump.first))"
            case .unknown where !last: "not back when the next jump came"
            case let outcome: ending(outcome, baseline: jump.baseline)
            }
        return "\(climb)to \(EvidenceText.value(jump.peak.value)) at"
            + " \(EvidenceText.position(jump.peak))"
            + " (\(height(jump.peak.value, above: jump.baseline))), \(end)"
    }

    /// `4.50× its trailing mean 2`, or `5.020 above its trailing mean -3.000` for a mean at
    /// or below zero, of which no multiple means anything.
    private func height(_ value: Double, above baseline: Double) -> String {
        let mean = "its trailing mean \(EvidenceText.value(baseline))"
        guard baseline > 0 else { return "\(EvidenceText.value(value - baseline)) above \(mean)" }
        return "\(EvidenceText.times(value / baseline)) \(mean)"
    }

    /// The rule that judged the episode, in brackets.
    private func rule(_ episode: SpikeTracker.Episode) -> String {
        let deviations = "\(EvidenceText.value(settings.zScore)) typical deviations"
        guard let highest = episode.highestMean else {
            return "(rule: above \(EvidenceText.times(settings.ratio)) and \(deviations))"
        }
        return "(rule for a trailing mean at or below zero, of which no multiple means anything:"
            + " above it by \(EvidenceText.times(settings.ratio - 1)) its fall from its highest"
            + " since the warm-up, \(EvidenceText.value(highest)), and by \(deviations))"
    }

    private func outcome(_ episode: SpikeTracker.Episode) -> String {
        guard case .recovered(let point, let level) = episode.outcome else {
            return ending(episode.outcome, baseline: episode.baseline)
        }
        let run = SpikeTracker.recoveryRun
        return "recovered at \(EvidenceText.position(point)) (the first point at or below"
            + " \(EvidenceText.value(level)) that starts \(run) in a row averaging at or"
            + " below it), costing \(cost(point, after: episode.first)) from the spike's first"
            + " point"
    }

    /// `step 41, costing 1 step`.
    private func recovery(_ point: Point, after first: Point) -> String {
        "\(EvidenceText.position(point)), costing \(cost(point, after: first))"
    }

    private func cost(_ point: Point, after first: Point) -> String {
        let cost = point.step - first.step
        return cost == 1
            ? "1 step" : cost.isFinite ? "\(NumberFormat.exact(cost)) steps" : "some time"
    }

    /// How a spike ended when it did not recover.
    private func ending(_ outcome: SpikeTracker.Outcome, baseline: Double) -> String {
        switch outcome {
        case .recovered(let point, _):
            return "recovered at \(EvidenceText.position(point))"
        case .partlyRecovered(let last, let after):
            let excess =
                baseline > 0
                ? EvidenceText.percent((last - baseline) / baseline)
                : EvidenceText.value(last - baseline)
            let later = after == 1 ? "1 point later" : "\(after) points later"
            return "partly recovered: still \(excess) above the trailing mean \(later)"
        case .diverged:
            return "diverged: the loss did not come back"
        case .unknown:
            return "the run ended before the loss could recover"
        }
    }

    func evidence(_ episode: SpikeTracker.Episode) -> [String] {
        var lines = [
            "trailing mean of the last \(settings.window) points"
                + " \(EvidenceText.value(episode.baseline)), typical deviation"
                + " \(EvidenceText.value(episode.deviation)) (from consecutive points); threshold"
                + " \(EvidenceText.value(episode.threshold))",
            "peak \(EvidenceText.value(episode.peak.value)) at"
                + " \(EvidenceText.position(episode.peak));"
                + " \(CountPhrase.of(episode.count, "point")) above the threshold",
        ]
        if episode.jumps.count > 1 {
            lines.append(
                "recovered: at the first point at or below the recovered level that starts"
                    + " \(SpikeTracker.recoveryRun) in a row averaging at or below it")
        }
        if !episode.before.isEmpty {
            lines.append("before: \(EvidenceText.values(episode.before))")
        }
        if !episode.after.isEmpty { lines.append("after: \(EvidenceText.values(episode.after))") }
        return lines
    }
}
