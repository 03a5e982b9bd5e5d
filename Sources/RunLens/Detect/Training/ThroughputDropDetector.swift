/// `throughput_drop`: tokens per second (or samples per second, or MFU) below the run's
/// own earlier level, per rank; below it on every rank at once, reported once for the
/// cluster; and one rank below `rankRatio` × the cluster average at the same steps.
///
/// See `LevelDropTracker` for the own-level rule. The cluster comparison runs at the end
/// over each rank's step buckets, coarsened to a common width.
public final class ThroughputDropDetector: Detector, SeriesRunObserver {
    /// The incident id.
    public let ids = ["throughput_drop"]
    let settings: ThroughputDropSettings
    var descriptors: [SeriesDescriptor] = []
    var trackers = SeriesStates<LevelDropTracker>()
    /// The buckets the trackers' histories share, by number and past 32 ranks by rank.
    private static let historyBudget = TimedMeanHistory.budget(capacity: 512)
    private var watch: [Axis?] = []

    /// Creates the detector with `settings`.
    public init(settings: ThroughputDropSettings = ThroughputDropSettings()) {
        self.settings = settings
    }

    /// Starts tracking throughput and MFU series.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        descriptors.append(descriptor)
        let role = descriptor.info.role
        let watched = (role == .throughput || role == .mfu) && descriptor.axis == .step
        trackers.append(
            watched ? LevelDropTracker(settings: settings) : nil, sharing: Self.historyBudget,
            rank: descriptor.rank)
        watch.append(settings.enabled && watched ? descriptor.axis : nil)
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
    }

    /// Takes the points of one series.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        trackers.update(index) { $0.observe(run, on: axis) }
    }

    /// Ends the drops still open.
    public func finish() {
        for index in trackers.indices { trackers.update(index) { $0.finish() } }
    }

    /// Drops the histories, once the incidents are known.
    public func releaseState() {
        trackers.removeAll()
    }

    /// Own-level drops (once for the cluster when every rank dropped together), then
    /// ranks below the cluster average.
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        let watched = trackers.indices.filter { trackers.tracks($0) }
        let byMetric = Dictionary(grouping: watched) { descriptors[$0].name }
        return byMetric.keys.sorted().flatMap { name in
            let series = byMetric[name] ?? []
            return ownLevelIncidents(series, context: context)
                + clusterIncidents(series, context: context)
        }
    }

    private func ownLevelIncidents(_ series: [Int], context: DetectionContext) -> [Incident] {
        let episodes = series.flatMap { index in
            (trackers[index]?.episodes ?? []).map { (series: index, episode: $0) }
        }.sorted { $0.episode.firstPosition < $1.episode.firstPosition }

        var groups: [[(series: Int, episode: LevelDropTracker.Episode)]] = []
        var groupEnd = -Double.infinity
        for item in episodes {
            if !groups.isEmpty, item.episode.firstPosition <= groupEnd + settings.cooldown {
                groups[groups.count - 1].append(item)
            } else {
                groups.append([item])
            }
            groupEnd = max(groupEnd, item.episode.lastPosition)
        }

        return groups.flatMap { group -> [Incident] in
            let ranks = Set(group.map { descriptors[$0.series].key.rank })
            if series.count >= 2, ranks.count == series.count {
                return [clusterDrop(group, context: context)]
            }
            return group.map { ownDrop($0.series, $0.episode, context: context) }
        }
    }

    private func ownDrop(
        _ index: Int, _ episode: LevelDropTracker.Episode, context: DetectionContext
    ) -> Incident {
        let descriptor = descriptors[index]
        let share = episode.lowest / episode.baseline
        let subject = descriptor.rank.map { "rank \($0)'s \(descriptor.name)" } ?? descriptor.name
        var incident = Incident(
            severity: settings.severity, detector: "throughput_drop", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, peak: episode.lowest,
            threshold: episode.threshold, count: episode.windows,
            message:
                "\(subject) fell to \(EvidenceText.percent(share)) of the run's own level"
                + " (window mean \(EvidenceText.value(episode.lowest)) against a median of"
                + " \(EvidenceText.value(episode.baseline)) over earlier windows) from"
                + " \(EvidenceText.position(episode.first)) to"
                + " \(EvidenceText.position(episode.last))",
            evidence: [
                ruleLine(), "\(episode.windows) low windows of \(settings.windowPoints) points",
            ])
        incident.span(from: episode.first, to: episode.last)
        incident.location = context.location(of: episode.first)
        incident.rule = "own_level"
        return incident
    }

    private func clusterDrop(
        _ group: [(series: Int, episode: LevelDropTracker.Episode)], context: DetectionContext
    ) -> Incident {
        let first = group.min { $0.episode.firstPosition < $1.episode.firstPosition } ?? group[0]
        let last = group.max { $0.episode.lastPosition < $1.episode.lastPosition } ?? group[0]
        let lowest = group.map { $0.episode.lowest / $0.episode.baseline }.min() ?? 1
        let name = descriptors[first.series].name
        var evidence = [ruleLine()]
        for item in group.sorted(by: {
            descriptors[$0.series].key.rank < descriptors[$1.series].key.rank
        }) {
            let rank = descriptors[item.series].rank.map { "rank \($0)" } ?? "no rank"
            evidence.append(
                "\(rank): from \(EvidenceText.position(item.episode.first)), low"
                    + " \(EvidenceText.value(item.episode.lowest)) against"
                    + " \(EvidenceText.value(item.episode.baseline))")
        }
        var incident = Incident(
            severity: settings.severity, detector: "throughput_drop", metric: name,
            peak: first.episode.lowest, threshold: first.episode.threshold,
            count: group.reduce(0) { $0 + $1.episode.windows },
            message:
                "\(name) fell on all \(group.count) ranks together, to"
                + " \(EvidenceText.percent(lowest)) of their own level at worst, from"
                + " \(EvidenceText.position(first.episode.first)) to"
                + " \(EvidenceText.position(last.episode.last)): a cluster-wide slowdown",
            evidence: evidence)
        incident.span(from: first.episode.first, to: last.episode.last)
        incident.location = context.location(of: first.episode.first)
        incident.rule = "own_level"
        return incident
    }

    private func ruleLine() -> String {
        "rule: a window of \(settings.windowPoints) points below"
            + " \(EvidenceText.percent(settings.ratio)) of the median of up to"
            + " \(settings.baselineWindows) earlier windows, \(settings.sustainWindows) in a row,"
            + " after \(settings.warmupPoints) warm-up points"
    }
}
