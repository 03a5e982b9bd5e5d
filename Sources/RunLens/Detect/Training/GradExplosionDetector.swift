/// `grad_explosion`: the gradient norm far above its recent level.
///
/// A point fires when it is above `ratio` × the median of the last `window` accepted
/// points, once `warmup` points were accepted since the start or a restart (a step going
/// backwards). Firing points stay out of the window unless `maxSpikePoints` arrive in a
/// row, when the new level becomes the baseline. Non-finite norms are the divergence
/// detector's. The median is refreshed every quarter window (at least every 8 points),
/// so the cost per point stays constant; and it is only selected when a point could be
/// above the threshold, that is above `ratio` × the smallest value the window held at the
/// refresh. A divergence on the same rank absorbs these incidents (`IncidentBuilder`).
public final class GradExplosionDetector: Detector, SeriesRunObserver {
    /// One stretch of firing points.
    struct Episode {
        var first: Point
        var last: Point
        var lastPosition: Double
        var median: Double
        var peak: Point
        var count = 1
        var before: [Point]
    }

    /// What the detector keeps per gradient norm series.
    struct SeriesState {
        var window: TrailingWindow
        /// The window as of the last median refresh, and its smallest value.
        var frozen: [Double] = []
        var frozenMinimum = Double.infinity
        /// The median of `frozen`, once a point needed it.
        var median: Double?
        var refreshDue = true
        var acceptedSinceMedian = 0
        var accepted = 0
        var run = 0
        var lastPosition = -Double.infinity
        var trail = PointTrail()
        var episodes: [Episode] = []
    }

    /// The incident id.
    public let ids = ["grad_explosion"]
    let settings: GradExplosionSettings
    private var descriptors: [SeriesDescriptor] = []
    private var states = SeriesStates<SeriesState>()
    private var watch: [Axis?] = []

    /// Creates the detector with `settings`.
    public init(settings: GradExplosionSettings = GradExplosionSettings()) {
        self.settings = settings
    }

    /// Starts tracking a gradient norm series.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        descriptors.append(descriptor)
        let watched = settings.enabled && descriptor.info.role == .gradNorm
        states.append(
            watched ? SeriesState(window: TrailingWindow(capacity: settings.window)) : nil)
        watch.append(watched ? descriptor.axis : nil)
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
        states.update(index) { observe(&$0, point, position: position) }
    }

    /// Takes the points of one series.
    func observe(series index: Int, run: SeriesRun) {
        guard index < watch.count, let axis = watch[index] else { return }
        states.update(index) { state in
            run.forEach(on: axis) { point, position in
                if point.value.isFinite { observe(&state, point, position: position) }
            }
        }
    }

    // Inlined into the loop over a run: as a call it saved and restored most registers.
    @inline(__always)
    private func observe(_ state: inout SeriesState, _ point: Point, position: Double) {
        if position < state.lastPosition { restart(&state) }
        state.lastPosition = position
        if state.accepted >= settings.warmup,
            let median = currentMedian(&state, couldFire: point.value), median > 0,
            point.value > settings.ratio * median
        {
            fire(&state, point, position: position, median: median)
            return
        }
        state.run = 0
        state.window.append(point.value)
        state.accepted += 1
        state.acceptedSinceMedian += 1
        state.trail.append(point)
    }

    /// Nothing is pending at the end.
    public func finish() {}

    /// One incident per stretch of firing points.
    public func incidents(in context: DetectionContext) -> [Incident] {
        guard settings.enabled else { return [] }
        return states.indices.flatMap { index in
            (states[index]?.episodes ?? []).map { incident($0, series: index, context: context) }
        }
    }

    /// The trailing median as of the last refresh; `nil` when the window was empty, and
    /// also when `value` cannot be above `ratio` × it (it is not above `ratio` × the
    /// window's minimum, and the median is no smaller), which spares the selection.
    ///
    /// Inlined: it runs at every point past the warm-up, and mostly returns at the minimum's
    /// test; the refresh and the selection are out of line.
    @inline(__always)
    private func currentMedian(_ state: inout SeriesState, couldFire value: Double) -> Double? {
        if state.refreshDue || state.acceptedSinceMedian >= max(8, settings.window / 4) {
            refreshMedian(&state)
        }
        if settings.ratio > 0, value <= settings.ratio * state.frozenMinimum { return nil }
        return selectedMedian(&state)
    }

    /// Freezes the window's values and their minimum for the next median.
    @inline(never)
    private func refreshMedian(_ state: inout SeriesState) {
        state.window.copy(into: &state.frozen)
        state.frozenMinimum = state.frozen.min() ?? .infinity
        state.median = nil
        state.refreshDue = state.frozen.isEmpty
        state.acceptedSinceMedian = 0
    }

    /// The median of the frozen values, selected once per refresh.
    @inline(never)
    private func selectedMedian(_ state: inout SeriesState) -> Double? {
        if state.median == nil { state.median = TrailingWindow.median(of: &state.frozen) }
        return state.median
    }

    private func fire(_ state: inout SeriesState, _ point: Point, position: Double, median: Double)
    {
        state.run += 1
        let index = state.episodes.count - 1
        if index >= 0,
            state.run > 1 || position - state.episodes[index].lastPosition <= settings.cooldown
        {
            state.episodes[index].last = point
            state.episodes[index].lastPosition = position
            state.episodes[index].count += 1
            if point.value > state.episodes[index].peak.value { state.episodes[index].peak = point }
        } else if state.episodes.count < NonFiniteTracker.maxEpisodes {
            state.episodes.append(
                Episode(
                    first: point, last: point, lastPosition: position, median: median, peak: point,
                    before: state.trail.points))
        }
        if state.run >= settings.maxSpikePoints { restart(&state) }
    }

    private func restart(_ state: inout SeriesState) {
        state.window.removeAll()
        state.median = nil
        state.refreshDue = true
        state.accepted = 0
        state.acceptedSinceMedian = 0
        state.run = 0
        state.trail.removeAll()
    }

    private func incident(_ episode: Episode, series index: Int, context: DetectionContext)
        -> Incident
    {
        let descriptor = descriptors[index]
        let ratio = episode.peak.value / episode.median
        let threshold = settings.ratio * episode.median
        var evidence = [
            "trailing median of the last \(settings.window) points"
                + " \(EvidenceText.value(episode.median)); threshold"
                + " \(EvidenceText.value(threshold))",
            "\(CountPhrase.of(episode.count, "point")) above it, peak"
                + " \(EvidenceText.value(episode.peak.value)) at"
                + " \(EvidenceText.position(episode.peak))",
        ]
        if !episode.before.isEmpty {
            evidence.append("before: \(EvidenceText.values(episode.before))")
        }
        var incident = Incident(
            severity: settings.severity, detector: "grad_explosion", metric: descriptor.name,
            rank: descriptor.rank, device: descriptor.device, peak: episode.peak.value,
            threshold: threshold, count: episode.count,
            message:
                "\(descriptor.name) reached \(EvidenceText.value(episode.peak.value)) at"
                + " \(EvidenceText.position(episode.peak)), \(EvidenceText.times(ratio)) its"
                + " trailing median \(EvidenceText.value(episode.median)); rule: above"
                + " \(EvidenceText.times(settings.ratio))",
            evidence: evidence)
        incident.span(from: episode.first, to: episode.last)
        incident.location = context.location(of: episode.first)
        return incident
    }
}
