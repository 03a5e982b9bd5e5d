/// Turns a tracker's stretches into incidents with their words.
struct StretchWords {
    let tracker: StretchTracker
    let descriptor: SeriesDescriptor
    let context: DetectionContext
    /// Whether the series was read as fractions of 1 (``StretchReading``).
    var fractions = false

    var rule: StretchRule { tracker.rule }

    /// The incident for one stretch long enough to report.
    func incident(_ stretch: Stretch) -> Incident {
        var text =
            "\(subject) \(rule.phrase) for \(length(stretch)) (\(stretch.count) samples, "
            + "\(span(stretch))); \(rule.above ? "highest" : "lowest") \(rule.text(stretch.peak))"
        if tracker.dropped > 0, stretch.firstStep == tracker.closed.last?.firstStep {
            text += "; \(tracker.dropped) later stretches not listed"
        }
        return make(stretch, severity: rule.severity, message: text)
    }

    /// The info incident for a series past the threshold throughout, but too briefly.
    func shortIncident(_ stretch: Stretch) -> Incident {
        let minimum =
            stretch.timed
            ? TimeFormat.duration(rule.minSeconds)
            : "\(NumberFormat.exact(tracker.settings.stretchMinStepsUntimed)) steps"
        let text =
            "\(subject) stayed \(rule.phrase) (\(rule.above ? "highest" : "lowest") "
            + "\(rule.text(stretch.peak))) for the whole log, \(length(stretch)) over "
            + "\(stretch.count) samples: shorter than the \(minimum) a \(rule.severity.name) needs"
        return make(stretch, severity: .info, message: text)
    }

    /// `gpu_util on rank 2, device 0`.
    var subject: String {
        var parts: [String] = []
        if let rank = descriptor.rank { parts.append("rank \(rank)") }
        if let device = descriptor.device { parts.append("device \(device)") }
        return parts.isEmpty
            ? descriptor.name : "\(descriptor.name) on " + parts.joined(separator: ", ")
    }

    func length(_ stretch: Stretch) -> String {
        if stretch.timed { return TimeFormat.duration(stretch.seconds) }
        if stretch.firstStep.isFinite { return "\(NumberFormat.exact(stretch.steps)) steps" }
        return "\(stretch.count) samples"
    }

    func span(_ stretch: Stretch) -> String {
        if stretch.timed {
            return "\(TimeFormat.iso(stretch.firstTime)) to \(TimeFormat.iso(stretch.lastTime))"
        }
        let first = NumberFormat.exact(stretch.firstStep)
        return "steps \(first)–\(NumberFormat.exact(stretch.lastStep))"
    }

    private func make(_ stretch: Stretch, severity: Severity, message: String) -> Incident {
        var incident = Incident(
            severity: severity, detector: rule.id, metric: descriptor.name, rank: descriptor.rank,
            device: descriptor.device,
            startStep: stretch.firstStep.isFinite ? stretch.firstStep : nil,
            endStep: stretch.lastStep.isFinite ? stretch.lastStep : nil,
            startTime: stretch.firstTime.isFinite ? stretch.firstTime : nil,
            endTime: stretch.lastTime.isFinite ? stretch.lastTime : nil, peak: stretch.peak,
            threshold: rule.threshold, count: stretch.count, message: message,
            evidence: [
                "rule: \(descriptor.name) \(rule.phrase) for at least "
                    + "\(TimeFormat.duration(rule.minSeconds)) and "
                    + "\(tracker.settings.stretchMinSamples) samples in a row"
            ] + (fractions ? [Self.fractionWords(descriptor.name)] : []))
        let point = Point(
            step: stretch.firstStep, time: stretch.firstTime, value: 0, line: stretch.line,
            file: stretch.file)
        incident.location = context.location(of: point)
        return incident
    }

    /// The evidence line of a series read as fractions of 1.
    static func fractionWords(_ name: String) -> String {
        "\(name) never went above 1 and was not all whole numbers: read as fractions of 1"
            + " (0.93 as 93%)"
    }
}
