/// `data_bottleneck`: data loading slower than compute, sustained, on one rank.
///
/// Compute is the forward and backward time where the log has them (all compute-time
/// series when it names neither), else the step time minus the data time, as detectron2
/// and MMEngine log a `time` that includes `data_time`. Every series is summarised in
/// step buckets (after `warmupPoints`, when workers start) and the rule is judged at the
/// end, bucket by bucket, over the buckets where both sides have values: `sustainPoints`
/// data points above `factor` × compute, with no two points in a row below it, make an
/// incident (`StretchScan`).
public final class DataBottleneckDetector: Detector, SeriesRunObserver {
    /// The series of one rank that the rule needs.
    struct RankSeries {
        var data: Int?
        var compute: [Int] = []
        var step: Int?

        /// Files series `index` as `part`, keeping the first data and step series.
        mutating func add(_ index: Int, as part: Part?) {
            switch part {
            case .data?: data = data ?? index
            case .compute?: compute.append(index)
            case .step?: step = step ?? index
            case nil: break
            }
        }
    }

    /// The incident id.
    public let ids = ["data_bottleneck"]
    let settings: DataBottleneckSettings
    private var descriptors: [SeriesDescriptor] = []
    private var buckets = SeriesStates<TimedMeanHistory>()
    /// The buckets the histories of every rank's data, compute and step time share.
    private static let historyBudget = TimedMeanHistory.budget(capacity: 512)
    private var seen: [Int] = []
    private var positions: [Double] = []
    private var watch: [Axis?] = []
    private var scales: [Double] = []

    /// Creates the detector with `settings`.
    public init(settings: DataBottleneckSettings = DataBottleneckSettings()) {
        self.settings = settings
    }

    /// Starts tracking data, compute and step time series.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        descriptors.append(descriptor)
        let watched = Self.part(of: descriptor) != nil && descriptor.axis == .step
        buckets.append(
            watched ? TimedMeanHistory(capacity: 512) : nil, sharing: Self.historyBudget,
            rank: descriptor.rank)
        seen.append(0)
        positions.append(-.infinity)
        watch.append(settings.enabled && watched ? descriptor.axis : nil)
        scales.append(descriptor.info.scale)
    }

    /// Only the series it watches.
    public func wantsPoints(ofSeries index: Int) -> Bool {
        index < watch.count && watch[index] != nil
    }

    /// Takes a final point.
    public func observe(series index: Int, point: Point) {
        guard index < watch.count, let axis = watch[index] else { return }
        let position = axis.position(of: point)
        guard position.isFinite, point.value.isFinite else { return }
        if position < positions[index] {
            buckets.update(index) { $0.truncate(from: position) }
            seen[index] = 0
        }
        positions[index] = position

        seen[index] += 1
        guard seen[index] > settings.warmupPoints else { return }
        let seconds = point.value * scales[index]
        buckets.update(index) { $0.add(step: position, time: point.time, value: seconds) }
    }

    /// Takes the points of one series, with its position and count held in locals: those
    /// that land in buckets held through a ``BucketHistory/Filler``, the others one by one.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        var last = positions[index]
        var count = seen[index]
        let feed = TimedMeanHistory.Feed(
            warmup: settings.warmupPoints, scale: scales[index], skipsNonFiniteValues: true)
        buckets.update(index) { history in
            history.add(run, on: axis, feed: feed, last: &last, count: &count)
        }
        positions[index] = last
        seen[index] = count
    }

    /// Nothing is pending at the end.
    public func finish() {}

    /// Drops the histories, once the incidents are known.
    public func releaseState() {
        buckets.removeAll()
    }

    /// One incident per stretch and rank.
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        var ranks: [Int32: RankSeries] = [:]
        for index in descriptors.indices where buckets.tracks(index) {
            ranks[descriptors[index].key.rank, default: RankSeries()].add(
                index, as: Self.part(of: descriptors[index]))
        }
        return ranks.keys.sorted().flatMap { rank in
            incidents(ranks[rank] ?? RankSeries(), context: context)
        }
    }

    /// What a series is to the rule.
    enum Part { case data, compute, step }

    /// The part `descriptor` plays: `time` in a step log that also has `data_time` is the
    /// step time (detectron2, MMEngine), as the record layer hands it on.
    static func part(of descriptor: SeriesDescriptor) -> Part? {
        switch descriptor.info.role {
        case .dataTime?: return .data
        case .computeTime?: return .compute
        case .stepTime?: return .step
        default: return descriptor.info.kind == .timeOrDuration ? .step : nil
        }
    }

    private func incidents(_ rank: RankSeries, context: DetectionContext) -> [Incident] {
        guard let dataIndex = rank.data, var data = buckets[dataIndex] else { return [] }
        let named = rank.compute.filter { index in
            let name = descriptors[index].name.lowercased()
            return name.contains("forward") || name.contains("backward")
        }
        let computeIndices = named.isEmpty ? rank.compute : named
        var compute = computeIndices.compactMap { buckets[$0] }
        var step = rank.step.flatMap { buckets[$0] }
        guard !compute.isEmpty || step != nil else { return [] }

        let width = ([data.width, step?.width ?? 1] + compute.map(\.width)).max() ?? 1
        data.coarsen(toWidth: width)
        step?.coarsen(toWidth: width)
        for index in compute.indices { compute[index].coarsen(toWidth: width) }

        let source =
            compute.isEmpty
            ? "step time minus data time"
            : computeIndices.map { descriptors[$0].name }.joined(separator: " + ")
        return stretches(data: data, compute: compute, step: step).map {
            incident($0, series: dataIndex, source: source)
        }
    }

    private func stretches(
        data: TimedMeanHistory, compute: [TimedMeanHistory], step: TimedMeanHistory?
    ) -> [Stretch] {
        var scan = StretchScan(settings: settings)
        for (index, bucket) in data.filled {
            guard let work = computeTime(at: index, data: bucket.mean, compute: compute, step: step)
            else {
                continue
            }
            scan.take(bucket, work: work)
        }
        scan.close()
        return scan.found
    }

    private func computeTime(
        at index: Int, data: Double, compute: [TimedMeanHistory], step: TimedMeanHistory?
    ) -> Double? {
        guard compute.isEmpty else {
            let parts = compute.compactMap { $0.bucket(at: index)?.mean }
            guard parts.count == compute.count else { return nil }
            let total = parts.reduce(0, +)
            return total > 0 ? total : nil
        }
        guard let total = step?.bucket(at: index)?.mean, total - data > 0 else { return nil }
        return total - data
    }

    private func incident(_ stretch: Stretch, series index: Int, source: String) -> Incident {
        let descriptor = descriptors[index]
        let data = stretch.dataSum / Double(stretch.buckets)
        let compute = stretch.computeSum / Double(stretch.buckets)
        var incident = Incident(
            severity: settings.severity, detector: "data_bottleneck", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, startStep: stretch.first.firstStep,
            endStep: stretch.last.lastStep,
            startTime: stretch.first.firstTime.isFinite ? stretch.first.firstTime : nil,
            peak: stretch.worst, threshold: settings.factor, count: stretch.points,
            message:
                "\(descriptor.name) averaged \(EvidenceText.value(data)) s per step against"
                + " \(EvidenceText.value(compute)) s of compute (\(source)) from step"
                + " \(NumberFormat.exact(stretch.first.firstStep)) to"
                + " \(NumberFormat.exact(stretch.last.lastStep)): the input pipeline is slower"
                + " than the model",
            evidence: [
                "rule: data time above \(EvidenceText.value(settings.factor)) × compute for"
                    + " \(settings.sustainPoints) or more points, never two in a row below it",
                "\(stretch.points) points\(tolerated(stretch)); worst ratio"
                    + " \(EvidenceText.times(stretch.worst)); peak and threshold are data/compute"
                    + " ratios",
            ])
        incident.endTime = stretch.last.lastTime.isFinite ? stretch.last.lastTime : nil
        return incident
    }

    /// `, and 2 below it between them`, or nothing when every point broke the rule.
    private func tolerated(_ stretch: Stretch) -> String {
        stretch.tolerated == 0 ? "" : ", and \(stretch.tolerated) below it between them"
    }
}
