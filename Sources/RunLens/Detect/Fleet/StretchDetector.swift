/// Finds a metric past a threshold for a while, per rank and device: the GPU and host
/// detectors `gpu_underutilized`, `gpu_overheat` and `resource_pressure`.
///
/// A stretch is a run of consecutive samples that break the rule (`stretchTolerance`
/// samples on the safe side do not end it). It is an incident when it has
/// `stretchMinSamples` samples and lasts the rule's minimum duration (or
/// `stretchMinStepsUntimed` steps without timestamps), so one sample is never an incident.
/// Stretches closer than the cooldown are one incident. A series that breaks the rule from
/// its first sample to its last but is too short for the minimum gets an info incident that
/// says so. A percentage logged as a fraction of 1 is read as one (``StretchReading``).
/// Memory: the open stretch and at most `StretchTracker.cap` stretches per series and
/// reading.
public final class StretchDetector: Detector, SeriesRunObserver {
    /// The ids of the rules, without repeats.
    public let ids: [String]
    let rules: [StretchRule]
    let settings: FleetSettings
    /// Tracker by series index (none for series no rule covers), updated in place: a
    /// dictionary's or an optional's in-place update moves the whole tracker for every point.
    private var trackers = SeriesStates<StretchReading>()
    private var descriptors: [Int: SeriesDescriptor] = [:]

    init(rules: [StretchRule], settings: FleetSettings) {
        self.rules = rules
        self.settings = settings
        var ids: [String] = []
        for rule in rules where !ids.contains(rule.id) { ids.append(rule.id) }
        self.ids = ids
    }

    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        let index = trackers.count
        guard let role = descriptor.info.role, let rule = rules.first(where: { $0.role == role })
        else {
            trackers.append(nil)
            return
        }
        trackers.append(
            StretchReading(rule: rule, settings: settings, statedUnit: descriptor.info.unit))
        descriptors[index] = descriptor
    }

    /// Only the series with a rule.
    public func wantsPoints(ofSeries index: Int) -> Bool {
        index < trackers.count && trackers.tracks(index)
    }

    public func observe(series index: Int, point: Point) {
        guard index < trackers.count else { return }
        trackers.update(index) { $0.add(point) }
    }

    /// Takes the points of one series.
    func observe(series index: Int, run: SeriesRun) {
        guard index < trackers.count else { return }
        trackers.update(index) { tracker in run.forEach { tracker.add($0) } }
    }

    public func finish() {
        for index in trackers.indices { trackers.update(index) { $0.close() } }
    }

    public func incidents(in context: DetectionContext) -> [Incident] {
        var result: [Incident] = []
        for index in trackers.indices {
            guard let reading = trackers[index], let descriptor = descriptors[index] else {
                continue
            }
            let tracker = reading.chosen
            let words = StretchWords(
                tracker: tracker, descriptor: descriptor, context: context,
                fractions: reading.readsFractions)
            result += tracker.closed.map { words.incident($0) }
            if let short = tracker.shortFromStart, tracker.closed.isEmpty,
                tracker.coversWholeSeries(short)
            {
                result.append(words.shortIncident(short))
            }
        }
        return result
    }
}
