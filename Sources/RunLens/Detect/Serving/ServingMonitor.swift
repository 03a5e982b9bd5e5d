/// Collects request statistics (whole log, windows, model versions, minutes) and runs the
/// request detectors on them: `slo_violation`, `error_budget_burn` and `error_rate`.
///
/// It is a `Detector` for the analysis and a `RequestObserver` for the assembler; register
/// it as both. Series points are not needed: every request arrives whole.
public final class ServingMonitor: Detector, RequestObserver {
    /// The detector ids this monitor can raise.
    public var ids: [String] {
        var ids: [String] = []
        if settings.sloEnabled { ids.append("slo_violation") }
        if settings.burnEnabled { ids.append("error_budget_burn") }
        if settings.errorRateEnabled { ids.append("error_rate") }
        return ids
    }

    /// The thresholds.
    public let settings: ServingSettings

    private let targets: [LatencyTarget]
    private var overall: RequestAggregator
    private var versions: [String: RequestAggregator] = [:]
    private var versionOrder: [String] = []
    private var soleVersion: String?
    private var minutes = MinuteCounts()
    private var ordinal = 0
    private var timeIsRelative = false
    private var built: ServingSummary?
    private var units = LatencyUnitGuess()

    /// The name of requests without a version, and of versions past `maxVersions`.
    static let noVersion = "(none)"
    static let otherVersions = "other"

    /// Creates a monitor with `settings`.
    public init(settings: ServingSettings = ServingSettings()) {
        self.settings = settings
        targets = settings.latencyTargets
        overall = RequestAggregator(settings: settings, targets: targets)
    }

    /// Adds one request to the whole log, its window, its version and its minute, once the
    /// unit of any latency its field names leave out is told.
    public func observeRequest(_ request: RequestSample) {
        units.admit(request) { count($0) }
        built = nil
    }

    private func count(_ request: RequestSample) {
        ordinal += 1
        addToVersion(request)
        overall.add(request, ordinal: ordinal)
        if request.timeIsRelative, let time = request.time, time.isFinite,
            RequestAggregator.window(of: time, width: settings.windowSeconds) != nil
        {
            timeIsRelative = true
        }
        if let time = request.time, time.isFinite {
            let ref = RequestRef(
                file: request.file, line: request.line, time: time, ordinal: ordinal)
            minutes.add(time: time, failed: request.failed, ref: ref)
        }
    }

    /// Series are not needed: requests arrive whole.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {}

    /// Series points are not needed.
    public func observe(series index: Int, point: Point) {}

    /// Requests come through `observeRequest`, not as points.
    public func wantsPoints(ofSeries index: Int) -> Bool { false }

    /// Builds the summary once every request is in.
    public func finish() {
        units.flush { count($0) }
        built = makeSummary()
    }

    /// The statistics, or `nil` when the log had no request.
    public func summary() -> ServingSummary? {
        if let built { return built }
        units.flush { count($0) }
        built = makeSummary()
        return built
    }

    /// The incidents of the enabled detectors: SLOs, burn rates, error types.
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard let summary = summary() else { return [] }
        var incidents: [Incident] = []
        if settings.sloEnabled {
            incidents += SLORule(settings: settings).incidents(summary, context: context).map {
                withUnitEvidence($0)
            }
        }
        if settings.burnEnabled {
            incidents += BurnRateRule(settings: settings).incidents(minutes, context: context)
        }
        if settings.errorRateEnabled {
            incidents += ErrorRateRule(settings: settings).incidents(summary, context: context)
        }
        return incidents
    }

    /// The factor into milliseconds the request statistics read a latency of `role` in when
    /// its name states no unit (``LatencyUnitGuess``); `nil` when none was guessed. Asked once
    /// every request is in.
    public func unstatedUnitScale(of role: MetricRole) -> Double? {
        switch role {
        case .latency: return units.factor(of: .latency)
        case .ttft: return units.factor(of: .ttft)
        case .interTokenLatency: return units.factor(of: .interToken)
        default: return nil
        }
    }

    /// `incident` with the unit guessed for its latency, when its field named none.
    private func withUnitEvidence(_ incident: Incident) -> Incident {
        var incident = incident
        let metric = incident.metric ?? ""
        let kind: LatencyKinds? =
            metric.hasPrefix("latency_") ? .latency : metric.hasPrefix("ttft_") ? .ttft : nil
        if let kind { incident.evidence += units.notes(of: kind) }
        return incident
    }

    /// Per-version aggregation starts when a second version appears: until then the overall
    /// aggregator is the one version's, and is copied. Call before adding to `overall`.
    private func addToVersion(_ request: RequestSample) {
        let name = request.version ?? Self.noVersion
        guard let sole = soleVersion else {
            soleVersion = name
            return
        }
        if versions.isEmpty {
            if name == sole { return }
            versions[sole] = overall
            versionOrder.append(sole)
        }

        var key = name
        if versions[key] == nil {
            key = versionOrder.count < settings.maxVersions ? name : Self.otherVersions
            if versions[key] == nil {
                versions[key] = RequestAggregator(settings: settings, targets: targets)
                versionOrder.append(key)
            }
        }
        versions[key]?.add(request, ordinal: ordinal)
    }

    private func makeSummary() -> ServingSummary? {
        guard overall.whole.requests > 0, let axis = overall.axis else { return nil }
        let stats = overall.wholeStats()
        let versionSummaries = versionOrder.compactMap { name -> VersionSummary? in
            guard let aggregator = versions[name] else { return nil }
            return VersionSummary(
                version: name, overall: aggregator.wholeStats(), windows: aggregator.windowStats())
        }
        var targetTable: [String: Double] = [:]
        for target in targets { targetTable[target.name] = target.thresholdMs }
        var summary = ServingSummary(
            axis: axis,
            windowWidth: axis == .time
                ? settings.windowSeconds : Double(settings.untimedWindowRequests),
            timeIsRelative: timeIsRelative, firstTime: overall.firstTime,
            lastTime: overall.lastTime,
            overall: stats, windows: overall.windowStats(), versions: versionSummaries,
            budget: ErrorBudget(
                availabilityTarget: settings.sloAvailability, requests: stats.requests,
                failed: stats.failed, outcomesLogged: stats.outcomesLogged),
            targets: targetTable, notes: notes(axis: axis, stats: stats))
        if settings.sloEnabled { summary.notes += SLORule(settings: settings).passedOver(summary) }
        return summary
    }

    private func notes(axis: WindowAxis, stats: ServingStats) -> [String] {
        var notes: [String] = []
        if axis == .requests {
            notes.append(
                "the log has no timestamps: windows hold \(settings.untimedWindowRequests) "
                    + "consecutive requests, and burn rates and request rates cannot be computed")
        }
        if !stats.outcomesLogged {
            notes.append(
                "no request records how it ended (a status or error field): error rates, "
                    + "availability and the error budget are not judged")
        }
        if overall.untimed > 0, axis == .time {
            notes.append(
                "\(overall.untimed) requests without a timestamp count for the whole log only")
        }
        if timeIsRelative { notes.append("times are offsets from the log's own start") }
        notes += units.decisions.map(\.note)
        let distributions = [
            stats.latency, stats.ttft, stats.interTokenLatency, stats.inputTokens,
            stats.outputTokens,
        ]
        let sketched = distributions.contains {
            $0?.exact == false
        }
        if sketched {
            notes.append(
                "more than \(settings.wholeLogValueCap) values: whole-log quantiles come from a "
                    + "sketch with at most 0.5% relative error")
        }
        if axis == .time, minutes.spansTooLong {
            notes.append("the log spans more than two years: burn rates were not evaluated")
        }
        return notes
    }
}
