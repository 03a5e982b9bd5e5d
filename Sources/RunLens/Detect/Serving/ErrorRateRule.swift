/// `error_rate`: failed requests above a share of all requests (1% by default), naming the
/// error types that dominate.
///
/// Judged per window (with at least `errorRateMinRequests` requests and
/// `errorRateMinErrors` failures, so one failure among a handful of requests does not fire,
/// and a window's failures that chance at the threshold rate explains with probability
/// `errorRateSignificance` or more do not either: at 1%, 13 of 1,200 is chance, p ≈ 0.42);
/// when no window fires, the whole log is judged by the rule alone (one judgement, not many),
/// so errors spread thinly over quiet windows are still reported.
struct ErrorRateRule {
    let settings: ServingSettings

    /// The incidents of `summary`.
    func incidents(_ summary: ServingSummary, context: DetectionContext) -> [Incident] {
        let findings = summary.windows.compactMap { finding($0, summary) }
        let groups = WindowFinding.group(
            findings, width: summary.windowWidth, gapWindows: settings.sloMergeGapWindows)
        if !groups.isEmpty {
            return groups.map { findings in
                let group = FindingGroup(
                    findings: findings, axis: summary.axis, relative: summary.timeIsRelative)
                let types = ServingFormat.merge(
                    findings.map(\.window.stats.errorTypes), requests: group.judged)
                return incident(group, types: types, scope: "in \(count(findings.count))", context)
            }
        }
        return wholeLogIncident(summary, context: context).map { [$0] } ?? []
    }

    private func breaks(_ stats: ServingStats) -> Bool {
        guard stats.requests >= settings.errorRateMinRequests,
            stats.failed >= settings.errorRateMinErrors, let rate = stats.errorRate
        else { return false }
        return rate > settings.errorRateThreshold
    }

    /// Whether a window's failures are more than chance at the threshold explains: of many
    /// windows at a rate just under it, some pass it by chance alone.
    private func beyondChance(_ stats: ServingStats) -> Bool {
        let chance = BinomialTail.atLeast(
            stats.failed, of: stats.requests, probability: settings.errorRateThreshold)
        return chance < settings.errorRateSignificance
    }

    private func finding(_ window: ServingWindow, _ summary: ServingSummary) -> WindowFinding? {
        let stats = window.stats
        guard breaks(stats), beyondChance(stats), let rate = stats.errorRate else { return nil }

        let bounds = ServingFormat.window(
            window, axis: summary.axis, relative: summary.timeIsRelative)
        let types = ServingFormat.errorTypes(stats.errorTypes, top: settings.errorRateTopTypes)
        let evidence =
            "\(bounds): \(stats.failed) of \(stats.requests) requests failed "
            + "(\(ServingFormat.percent(rate))): \(types)"
        return WindowFinding(
            window: window, value: rate, affected: stats.failed, judged: stats.requests,
            first: stats.firstError, last: stats.lastError, evidence: evidence)
    }

    private func wholeLogIncident(_ summary: ServingSummary, context: DetectionContext) -> Incident?
    {
        let stats = summary.overall
        guard breaks(stats), let rate = stats.errorRate else { return nil }

        let window = ServingWindow(start: 0, end: 0, stats: stats)
        let evidence =
            "the whole log: \(stats.failed) of \(stats.requests) requests failed; no "
            + "single window had \(settings.errorRateMinErrors) failures among "
            + "\(settings.errorRateMinRequests) requests"
        let finding = WindowFinding(
            window: window, value: rate, affected: stats.failed, judged: stats.requests,
            first: stats.firstError, last: stats.lastError, evidence: evidence)
        let group = FindingGroup(
            findings: [finding], axis: summary.axis, relative: summary.timeIsRelative)
        return incident(group, types: stats.errorTypes, scope: "over the whole log", context)
    }

    private func incident(
        _ group: FindingGroup, types: [ErrorTypeCount], scope: String, _ context: DetectionContext
    ) -> Incident {
        let rate = Double(group.affected) / Double(max(1, group.judged))
        let message =
            "\(group.affected) of \(group.judged) requests failed "
            + "(\(ServingFormat.percent(rate)), "
            + "above \(ServingFormat.percent(settings.errorRateThreshold))) "
            + "\(scope) \(group.span): "
            + ServingFormat.errorTypes(types, top: settings.errorRateTopTypes)
        let template = Incident(
            severity: settings.errorRateSeverity, detector: "error_rate", metric: "error_rate",
            threshold: settings.errorRateThreshold, message: message)
        return group.incident(template, context: context)
    }

    private func count(_ windows: Int) -> String {
        windows == 1 ? "1 window" : "\(windows) windows"
    }
}
