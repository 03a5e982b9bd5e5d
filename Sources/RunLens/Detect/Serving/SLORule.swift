/// `slo_violation`: latency and TTFT quantiles, error rate and availability against their
/// targets.
///
/// Quantile and error-rate targets are judged per window. A window violates when it has
/// enough requests, its figure is past the target, and chance at the target cannot
/// explain the excess (one-sided binomial test: a p95 ≤ T target lets 5% of requests be
/// slower than T; an error-rate target lets that share fail). Consecutive violating
/// windows merge into one incident. Availability is judged once, over the whole log.
struct SLORule {
    let settings: ServingSettings

    /// The incidents of `summary`, for every target.
    func incidents(_ summary: ServingSummary, context: DetectionContext) -> [Incident] {
        var incidents: [Incident] = []
        for target in settings.latencyTargets {
            let findings = summary.windows.compactMap { latencyFinding($0, target, summary) }
            incidents += merge(findings, summary, context) { group in
                latencyIncident(group, target, context)
            }
        }
        let errorFindings = summary.windows.compactMap { errorFinding($0, summary) }
        incidents += merge(errorFindings, summary, context) { errorIncident($0, context) }
        if let availability = availabilityIncident(summary, context: context) {
            incidents.append(availability)
        }
        return incidents
    }

    private func merge(
        _ findings: [WindowFinding], _ summary: ServingSummary, _ context: DetectionContext,
        build: (FindingGroup) -> Incident
    ) -> [Incident] {
        let groups = WindowFinding.group(
            findings, width: summary.windowWidth, gapWindows: settings.sloMergeGapWindows)
        return groups.map {
            build(FindingGroup(findings: $0, axis: summary.axis, relative: summary.timeIsRelative))
        }
    }

    private func latencyFinding(
        _ window: ServingWindow, _ target: LatencyTarget, _ summary: ServingSummary
    ) -> WindowFinding? {
        guard let excess = latencyExcess(window, target), violates(excess) else { return nil }
        let bounds = ServingFormat.window(
            window, axis: summary.axis, relative: summary.timeIsRelative)
        let evidence =
            "\(bounds): \(target.label) \(ServingFormat.milliseconds(excess.value)), "
            + "\(excess.affected) of \(excess.judged) requests above "
            + ServingFormat.milliseconds(target.thresholdMs)
        return WindowFinding(window: window, excess: excess, evidence: evidence)
    }

    private func latencyIncident(
        _ group: FindingGroup, _ target: LatencyTarget, _ context: DetectionContext
    ) -> Incident {
        let limit = ServingFormat.milliseconds(target.thresholdMs)
        var message =
            "\(target.label) above \(limit) in \(windows(group.findings.count)) \(group.span)"
        if let worst = group.worst {
            message +=
                ": worst \(ServingFormat.milliseconds(worst.value)) in \(bounds(worst, group))"
        }
        message += "; \(group.affected) of \(group.judged) successful requests slower than \(limit)"
        let template = Incident(
            severity: settings.sloLatencySeverity, detector: "slo_violation", metric: target.name,
            threshold: target.thresholdMs, message: message)
        return group.incident(template, context: context)
    }

    private func errorFinding(_ window: ServingWindow, _ summary: ServingSummary) -> WindowFinding?
    {
        guard let excess = errorExcess(window.stats, target: settings.sloErrorRate),
            violates(excess)
        else { return nil }
        let bounds = ServingFormat.window(
            window, axis: summary.axis, relative: summary.timeIsRelative)
        let evidence =
            "\(bounds): \(excess.affected) of \(excess.judged) requests failed "
            + "(\(ServingFormat.percent(excess.value)))"
        return WindowFinding(window: window, excess: excess, evidence: evidence)
    }

    private func errorIncident(_ group: FindingGroup, _ context: DetectionContext) -> Incident {
        let limit = ServingFormat.percent(settings.sloErrorRate)
        var message = "error rate above \(limit) in \(windows(group.findings.count)) \(group.span)"
        if let worst = group.worst {
            message += ": worst \(ServingFormat.percent(worst.value)) in \(bounds(worst, group))"
        }
        message += "; \(group.affected) of \(group.judged) requests failed"
        let template = Incident(
            severity: settings.sloErrorSeverity, detector: "slo_violation", metric: "error_rate",
            threshold: settings.sloErrorRate, message: message)
        return group.incident(template, context: context)
    }

    /// Availability over the whole log: the SLO period the log covers.
    func availabilityIncident(_ summary: ServingSummary, context: DetectionContext) -> Incident? {
        let stats = summary.overall
        guard let excess = errorExcess(stats, target: 1 - settings.sloAvailability),
            violates(excess)
        else { return nil }

        let availability = 1 - excess.value
        let finding = WindowFinding(
            window: ServingWindow(start: 0, end: 0, stats: stats), value: availability,
            affected: stats.failed, judged: stats.requests, first: stats.firstError,
            last: stats.lastError, evidence: worstWindowEvidence(summary))
        let group = FindingGroup(
            findings: [finding], axis: summary.axis, relative: summary.timeIsRelative)
        let message =
            "availability \(ServingFormat.percent(availability)) over the whole log, below the "
            + "\(ServingFormat.percent(settings.sloAvailability)) target: \(stats.failed) of "
            + "\(stats.requests) requests failed \(group.span)"
        let template = Incident(
            severity: settings.sloErrorSeverity, detector: "slo_violation", metric: "availability",
            threshold: settings.sloAvailability, message: message)
        return group.incident(template, context: context)
    }

    private func worstWindowEvidence(_ summary: ServingSummary) -> String {
        let judged = summary.windows.filter { $0.stats.requests >= settings.sloMinRequests }
        guard let worst = judged.max(by: { ($0.stats.errorRate ?? 0) < ($1.stats.errorRate ?? 0) }),
            let rate = worst.stats.errorRate
        else { return "no window has \(settings.sloMinRequests) requests" }
        let bounds = ServingFormat.window(
            worst, axis: summary.axis, relative: summary.timeIsRelative)
        return "worst window \(bounds): availability \(ServingFormat.percent(1 - rate)), "
            + "\(worst.stats.failed) of \(worst.stats.requests) requests failed"
    }

    private func bounds(_ finding: WindowFinding, _ group: FindingGroup) -> String {
        ServingFormat.window(finding.window, axis: group.axis, relative: group.relative)
    }

    private func windows(_ count: Int) -> String {
        count == 1 ? "1 window" : "\(count) windows"
    }
}
