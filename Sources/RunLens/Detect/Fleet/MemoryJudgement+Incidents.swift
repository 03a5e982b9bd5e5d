extension MemoryJudgement {
    /// The warning for a floor growing too fast.
    func growthIncident(_ finding: MemoryFinding, context: DetectionContext) -> Incident? {
        guard let first = finding.windows.first, let last = finding.windows.last else {
            return nil
        }
        let unit = series.unit
        let rate = finding.percentPerHour ?? finding.percentOverall
        var text = "\(subject) grows "
        if let perHour = finding.percentPerHour {
            text += "\(FleetMath.percent(perHour))/h (\(unit.text(finding.trend.slope * 3600))/h)"
        } else {
            text +=
                "\(FleetMath.percent(finding.percentPer1000Steps)) per 1000 steps "
                + "(\(FleetMath.percent(finding.percentOverall)) over the fit; the log has no "
                + "clock to give a rate per hour)"
        }
        text += " since \(position(step: first.firstStep, time: first.firstTime))"
        text += ": the fitted floor went from \(unit.text(finding.level)) to "
        text += "\(unit.text(finding.trend.value(at: lastX(of: last) - firstX(of: first))))"
        text += " (lowest value \(unit.text(first.minimum)) in the first window fitted, "
        text += "\(unit.text(last.minimum)) in the last)"
        if let projection = projection(finding, peak: last.maximum) { text += "; " + projection }

        var incident = Incident(
            severity: settings.memoryGrowthSeverity, detector: MemoryGrowthDetector.id,
            metric: series.name, rank: series.rank, device: series.device,
            startStep: finite(first.firstStep), endStep: finite(last.lastStep),
            startTime: finite(first.firstTime), endTime: finite(last.lastTime), peak: rate,
            threshold: finding.percentPerHour == nil
                ? settings.memoryGrowthUntimedPercent : settings.memoryGrowthPercentPerHour,
            count: finding.windows.count, message: text, evidence: evidence(finding))
        incident.location = location(of: first, context: context)
        return incident
    }

    /// Info for a series too short to fit that still rose by `memoryShortRisePercent`.
    func shortIncident(span: Double, context: DetectionContext) -> Incident? {
        let rise = (series.lastValue - series.firstValue) / series.firstValue * 100
        guard series.count >= 3, series.firstValue > 0, rise >= settings.memoryShortRisePercent,
            let first = buckets.first, let last = buckets.last
        else { return nil }
        let unit = series.unit
        let needs =
            clock == .none
            ? "\(settings.memoryMinPoints) points"
            : "\(settings.memoryMinPoints) points over "
                + "\(TimeFormat.duration(settings.memoryMinSpanSeconds))"
        let text =
            "\(subject) rose from \(unit.text(series.firstValue)) to "
            + "\(unit.text(series.lastValue)) (+\(FleetMath.percent(rise))) over "
            + "\(length(span)); too short to judge a trend: \(series.count) points, and the "
            + "robust fit needs at least \(needs) after the warm-up, so no growth rate is "
            + "reported"

        var incident = Incident(
            severity: .info, detector: MemoryGrowthDetector.id, metric: series.name,
            rank: series.rank, device: series.device, startStep: finite(first.firstStep),
            endStep: finite(last.lastStep), startTime: finite(first.firstTime),
            endTime: finite(last.lastTime), peak: rise, threshold: settings.memoryShortRisePercent,
            count: series.count, message: text)
        incident.location = location(of: first, context: context)
        return incident
    }

    /// `gpu_memory_allocated on rank 1, device 0`.
    var subject: String {
        var text = series.name
        var parts: [String] = []
        if let rank = series.rank { parts.append("rank \(rank)") }
        if let device = series.device { parts.append("device \(device)") }
        if !parts.isEmpty { text += " on " + parts.joined(separator: ", ") }
        return text
    }

    /// The time until the device is full at this rate, or why it cannot be given.
    func projection(_ finding: MemoryFinding, peak: Double) -> String? {
        guard finding.percentPerHour != nil else { return nil }
        guard let capacity else {
            return series.role == .gpuMemory
                ? "capacity unknown (no memory.total in the log; pass --gpu-memory or set "
                    + "fleet.memory_growth.gpu_memory_capacity in the config to project the time "
                    + "to out-of-memory)" : nil
        }
        let unit = series.unit
        let headroom = capacity.value - peak
        guard headroom > 0 else {
            return "its peak \(unit.text(peak)) has reached the \(unit.text(capacity.value)) "
                + "capacity (\(capacity.source))"
        }
        let seconds = headroom / finding.trend.slope
        var text =
            "at this rate its peak (\(unit.text(peak)) now) reaches the "
            + "\(unit.text(capacity.value)) capacity (\(capacity.source)) in about "
            + TimeFormat.duration(seconds)
        if case .estimated = clock { text += " (time from the mean step time)" }
        return text
    }

    /// The rule and the window floors.
    func evidence(_ finding: MemoryFinding) -> [String] {
        let unit = series.unit
        var lines = [
            "rule: Theil–Sen fit of per-window minima after warm-up; Kendall τ "
                + "\(NumberFormat.fixed(finding.trend.consistency, decimals: 2)) (needs "
                + "\(NumberFormat.exact(settings.memoryMinTrendConsistency))), "
                + "\(finding.windows.count) windows over \(length(finding.span))"
        ]
        let floors = finding.windows.map { unit.text($0.minimum) }
        lines.append("window floors: " + floors.joined(separator: ", "))
        let peaks = finding.windows.map { unit.text($0.maximum) }
        lines.append("window peaks: " + peaks.joined(separator: ", "))
        return lines
    }

    /// `step 210 (2024-05-14T09:04:42Z)`, or whichever of the two exists.
    func position(step: Double, time: Double) -> String {
        switch (step.isFinite, time.isFinite) {
        case (true, true): return "step \(NumberFormat.exact(step)) (\(TimeFormat.iso(time)))"
        case (true, false): return "step \(NumberFormat.exact(step))"
        case (false, true): return TimeFormat.iso(time)
        case (false, false): return "the start"
        }
    }

    /// A span on the series' axis in words.
    func length(_ span: Double) -> String {
        clock == .none ? "\(NumberFormat.exact(span)) steps" : TimeFormat.duration(span)
    }

    func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    func location(of bucket: MemoryBucket, context: DetectionContext) -> String? {
        let point = Point(
            step: bucket.firstStep, time: bucket.firstTime, value: 0, line: bucket.firstLine,
            file: bucket.firstFile)
        return context.location(of: point)
    }
}
