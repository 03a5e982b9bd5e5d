/// `loss_scale_collapse`: the mixed-precision loss scale cut again and again, which means
/// (nearly) every update overflowed and was skipped while the logged loss can look ordinary.
///
/// See `ScaleRunTracker` for the rule. When the rank also logs a skipped-step counter
/// (a metric whose name contains `skip`), the evidence gives how many steps were skipped.
public final class LossScaleCollapseDetector: Detector, SeriesRunObserver {
    /// The incident id.
    public let ids = ["loss_scale_collapse"]
    let settings: LossScaleCollapseSettings
    private var descriptors: [SeriesDescriptor] = []
    private var trackers = SeriesStates<ScaleRunTracker>()
    private var skips = SeriesStates<StepHistory>()
    /// The buckets the skip histories share.
    private static let skipBudget = StepHistory.budget(capacity: 1024)
    private var watch: [Axis?] = []

    /// Creates the detector with `settings`.
    public init(settings: LossScaleCollapseSettings = LossScaleCollapseSettings()) {
        self.settings = settings
    }

    /// Starts tracking loss scale series and skipped-step counters.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        descriptors.append(descriptor)
        let isScale = descriptor.info.role == .lossScale
        let isSkip = descriptor.info.role == nil && descriptor.name.lowercased().contains("skip")
        trackers.append(isScale ? ScaleRunTracker(settings: settings) : nil)
        skips.append(
            isSkip ? StepHistory(capacity: 1024) : nil, sharing: Self.skipBudget,
            rank: descriptor.rank)
        watch.append(settings.enabled && (isScale || isSkip) ? descriptor.axis : nil)
    }

    /// Only the series it watches.
    public func wantsPoints(ofSeries index: Int) -> Bool {
        index < watch.count && watch[index] != nil
    }

    /// Takes a final point.
    public func observe(series index: Int, point: Point) {
        guard index < watch.count, let axis = watch[index] else { return }
        let position = axis.position(of: point)
        guard position.isFinite else { return }
        trackers.update(index) { $0.observe(point, position: position) }
        skips.update(index) { $0.add(step: position, time: point.time, value: point.value) }
    }

    /// Takes the points of one series.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        trackers.update(index) { tracker in
            run.forEach(on: axis) { tracker.observe($0, position: $1) }
        }
        skips.update(index) { history in
            run.forEach(on: axis) { history.add(step: $1, time: $0.time, value: $0.value) }
        }
    }

    /// Closes the runs still open.
    public func finish() {
        for index in trackers.indices { trackers.update(index) { $0.finish() } }
    }

    /// Drops the histories, once the incidents are known.
    public func releaseState() {
        skips.removeAll()
    }

    /// One incident per collapse.
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        return trackers.indices.flatMap { index in
            (trackers[index]?.collapses ?? []).map { incident($0, series: index, context: context) }
        }
    }

    private func incident(
        _ run: ScaleRunTracker.Run, series index: Int, context: DetectionContext
    ) -> Incident {
        let descriptor = descriptors[index]
        let kind = run.allHalvings ? "halvings" : "cuts"
        let counted =
            run.consecutive
            ? "\(run.cuts) consecutive \(kind)" : "\(run.cuts) \(kind) without a growth"
        let summary =
            "\(counted) from \(EvidenceText.value(run.from)) to \(EvidenceText.value(run.to))"
        var evidence = [
            summary,
            "rule: a fall by 2^\(settings.minHalvings) since the scale last grew with at least"
                + " \(EvidenceText.percent(settings.minSkippedShare)) of the updates skipped"
                + " (one per halving), or below \(EvidenceText.value(settings.floor));"
                + " start-up calibration excluded",
        ]
        if let skipped = skippedSteps(run, rank: descriptor.key.rank) { evidence.append(skipped) }
        var incident = Incident(
            severity: settings.severity, detector: "loss_scale_collapse", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, peak: run.to,
            threshold: run.from / ScaleRunTracker.pow2(settings.minHalvings), count: run.cuts,
            message:
                "\(descriptor.name): \(summary) between \(EvidenceText.position(run.first)) and"
                + " \(EvidenceText.position(run.last)); \(Self.skippedText(run))",
            evidence: evidence)
        incident.span(from: run.first, to: run.last)
        incident.location = context.location(of: run.first)
        return incident
    }

    /// What share of the updates the cuts say were skipped, in words.
    static func skippedText(_ run: ScaleRunTracker.Run) -> String {
        guard run.skippedShare < 1 else { return "every update overflowed and was skipped" }
        return "about \(EvidenceText.value(run.overflows)) of its"
            + " \(EvidenceText.value(run.updates)) updates"
            + " (\(EvidenceText.percent(run.skippedShare))) overflowed and were skipped"
    }

    private func skippedSteps(_ run: ScaleRunTracker.Run, rank: Int32) -> String? {
        for index in skips.indices where descriptors[index].key.rank == rank {
            guard let buckets = skips[index],
                let after = buckets.lastValue(atOrBefore: run.lastPosition)
            else { continue }
            let before = buckets.lastValue(before: run.firstPosition) ?? 0
            let name = descriptors[index].name
            return "\(name) went \(EvidenceText.value(before)) → \(EvidenceText.value(after)):"
                + " \(EvidenceText.value(after - before)) steps skipped"
        }
        return nil
    }
}
