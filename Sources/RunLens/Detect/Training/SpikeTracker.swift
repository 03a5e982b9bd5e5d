/// Finds short jumps of one loss series above its trailing level and follows each one
/// afterwards to say whether the loss recovered.
///
/// The trailing level is the mean of the last `window` accepted points; the typical
/// deviation is an exponential average of the distance between consecutive accepted
/// points, divided by √2: for independent noise that is its typical distance from the
/// mean, while a smooth trend adds only its slope per point (a distance from the trailing
/// mean would grow with the trend, as the mean lags it, and hide jumps while the loss
/// still falls fast). A point is a spike when it is above `ratio` × the mean, and `zScore`
/// typical deviations above both the mean and the last accepted point (a jump, where a
/// steady climb rises by its slope only), once `warmup` points were accepted since the
/// start or a restart. Spike points are kept out of the window (as OLMo skips them),
/// unless `maxSpikePoints` arrive in a row: then the new level is taken as the baseline.
/// A step going backwards is a restart: the window and warm-up start again, so the high
/// first steps of a new session are no spikes.
///
/// A slow bump is the same height reached without a jump: a loss that climbs over several
/// points to above `ratio` × the mean and `zScore` typical deviations above it, each point
/// close to the one before. Its points are accepted as usual, but it is followed like a
/// spike: it starts at the first point of the climb (the first one above the trailing mean
/// plus 3 typical deviations, after the last one within them) and is kept only if the loss
/// comes back, fully or partly; one that stays high is a rise for good, `divergence`'s.
///
/// After a spike the loss has recovered at the first point back at or below the recovered
/// level (`recoveredLevel`) that begins `recoveryRun` (3) points in a row whose mean is at or
/// below it too; the spike cost the steps from its first point to that one (1 for a single
/// high point followed by a normal one).
struct SpikeTracker {
    /// How a spike ended.
    enum Outcome: Equatable {
        /// `at`: the first point back, `level`: the recovered level it is back under.
        case recovered(at: Point, level: Double)
        /// `last`: the mean of the last few points; `after`: how many points followed the spike
        /// when it was judged (fewer than `recoveryPoints` when the series ended or restarted).
        case partlyRecovered(last: Double, after: Int)
        case diverged
        case unknown
    }

    /// One spike: consecutive spike points, with what followed.
    struct Episode {
        var first: Point
        var last: Point
        var lastPosition: Double
        var baseline: Double
        var deviation: Double
        var threshold: Double
        var peak: Point
        var count = 1
        var before: [Point]
        var after: [Point] = []
        var outcome = Outcome.unknown
        var pointsSince = 0
        /// Reached by a climb rather than a jump.
        var bump = false
    }

    let settings: LossSpikeSettings
    private(set) var episodes: [Episode] = []
    private(set) var droppedEpisodes = 0
    private var window: TrailingWindow
    private var deviation = 0.0
    private var accepted = 0
    private var previous: Double?
    private var spikeRun = 0
    private var trail = PointTrail()
    /// The first point of the current climb above the noise of the trailing mean, and that
    /// mean before the climb lifted it.
    private var departure: Point?
    private var departureMean = 0.0
    /// The last points after the spike, up to `recoveryRun`.
    private var recent: [Point] = []
    /// The points in a row that must average at or below the recovered level.
    static let recoveryRun = 3
    private var tracking = false
    private var lastPosition = -Double.infinity
    /// The weight of a new distance in the typical deviation's moving average.
    private let deviationWeight: Double

    /// Creates a tracker with `settings`.
    init(settings: LossSpikeSettings) {
        self.settings = settings
        window = TrailingWindow(capacity: settings.window)
        deviationWeight = 2 / (Double(settings.window) + 1)
    }

    /// Takes the next point at `position`.
    @inline(__always)
    mutating func observe(_ point: Point, position: Double) {
        if position < lastPosition { restart() }
        lastPosition = position
        guard point.value.isFinite else {
            if tracking { close(.diverged) }
            return
        }

        if let mean = window.mean, accepted >= settings.warmup, isSpike(point.value, mean: mean) {
            spike(point, position: position, mean: mean)
            return
        }
        spikeRun = 0
        if let mean = window.mean, accepted >= settings.warmup {
            track(point, mean: mean)
            if isHigh(point.value, mean: mean), climb(point, position: position, mean: mean) {
                accept(point)
                return
            }
        }
        if tracking { follow(point) }
        accept(point)
    }

    /// Ends the episode still being followed: the run is over.
    mutating func finish() {
        if tracking { close(judge()) }
    }

    private func isSpike(_ value: Double, mean: Double) -> Bool {
        guard isHigh(value, mean: mean), let previous else { return false }
        return value - previous > settings.zScore * max(deviation, 1e-12 * mean)
    }

    /// Above `ratio` × the trailing mean and `zScore` typical deviations above it.
    private func isHigh(_ value: Double, mean: Double) -> Bool {
        guard mean > 0 else { return false }
        let least = settings.zScore * max(deviation, 1e-12 * mean)
        return value > settings.ratio * mean && value - mean > least
    }

    /// Notes where a climb above the trailing mean's noise began.
    private mutating func track(_ point: Point, mean: Double) {
        if point.value <= mean + 3 * deviation {
            departure = nil
        } else if departure == nil {
            departure = point
            departureMean = mean
        }
    }

    /// Takes a high point reached without a jump into the bump being followed, or opens
    /// one; false when a spike is being followed (the point only follows it).
    private mutating func climb(_ point: Point, position: Double, mean: Double) -> Bool {
        if tracking, let index = episodes.indices.last {
            guard episodes[index].bump else { return false }
            extend(index, point, position: position)
            return true
        }
        guard episodes.count < NonFiniteTracker.maxEpisodes else {
            droppedEpisodes += 1
            return true
        }
        let baseline = departure == nil ? mean : departureMean
        episodes.append(
            Episode(
                first: departure ?? point, last: point, lastPosition: position,
                baseline: baseline, deviation: deviation, threshold: settings.ratio * mean,
                peak: point, before: trail.points, bump: true))
        tracking = true
        recent.removeAll()
        return true
    }

    private mutating func spike(_ point: Point, position: Double, mean: Double) {
        spikeRun += 1
        let index = episodes.count - 1
        if index >= 0, spikeRun > 1 || position - episodes[index].lastPosition <= settings.cooldown
        {
            extend(index, point, position: position)
            tracking = true
        } else {
            if tracking { close(judge()) }
            open(point, position: position, mean: mean)
        }
        if spikeRun >= settings.maxSpikePoints { rebaseline() }
    }

    private mutating func open(_ point: Point, position: Double, mean: Double) {
        guard episodes.count < NonFiniteTracker.maxEpisodes else {
            droppedEpisodes += 1
            return
        }
        episodes.append(
            Episode(
                first: point, last: point, lastPosition: position, baseline: mean,
                deviation: deviation, threshold: settings.ratio * mean, peak: point,
                before: trail.points))
        tracking = true
        recent.removeAll()
    }

    private mutating func extend(_ index: Int, _ point: Point, position: Double) {
        episodes[index].last = point
        episodes[index].lastPosition = position
        episodes[index].count += 1
        episodes[index].after.removeAll()
        episodes[index].outcome = .unknown
        episodes[index].pointsSince = 0
        recent.removeAll()
        if point.value > episodes[index].peak.value { episodes[index].peak = point }
    }

    private mutating func follow(_ point: Point) {
        guard tracking, let index = episodes.indices.last else { return }
        episodes[index].pointsSince += 1
        if episodes[index].after.count < 3 { episodes[index].after.append(point) }
        if recent.count == Self.recoveryRun { recent.removeFirst() }
        recent.append(point)

        let episode = episodes[index]
        let level = recoveredLevel(episode)
        if let first = recent.first, recent.count == Self.recoveryRun, first.value <= level,
            let mean = recentMean, mean <= level
        {
            close(.recovered(at: first, level: level))
        } else if episode.pointsSince >= settings.recoveryPoints {
            close(judge())
        }
    }

    /// Back within the noise of the baseline, or within a tenth of the spike's height of
    /// it but no more than 5% of the baseline: a loss that settles 28% higher after a spike
    /// ten times its height has not recovered, however small that is beside the spike.
    private func recoveredLevel(_ episode: Episode) -> Double {
        let excess = episode.peak.value - episode.baseline
        let near = min(0.1 * excess, 0.05 * abs(episode.baseline))
        return episode.baseline + max(3 * episode.deviation, near)
    }

    private func judge() -> Outcome {
        guard let episode = episodes.last, let mean = recentMean else { return .unknown }
        let halfway = episode.baseline + 0.5 * (episode.peak.value - episode.baseline)
        return mean <= halfway
            ? .partlyRecovered(last: mean, after: episode.pointsSince) : .diverged
    }

    private var recentMean: Double? {
        recent.isEmpty ? nil : recent.reduce(0) { $0 + $1.value } / Double(recent.count)
    }

    private mutating func close(_ outcome: Outcome) {
        if let index = episodes.indices.last { episodes[index].outcome = outcome }
        tracking = false
    }

    // Inlined: it runs for almost every point, and the call saved and restored registers.
    @inline(__always)
    private mutating func accept(_ point: Point) {
        if let previous {
            let distance = abs(point.value - previous) * 0.5.squareRoot()
            let weight = deviationWeight
            deviation = accepted <= 1 ? distance : deviation + weight * (distance - deviation)
        }
        previous = point.value
        window.append(point.value)
        accepted += 1
        trail.append(point)
    }

    private mutating func rebaseline() {
        if tracking { close(.diverged) }
        window.removeAll()
        deviation = 0
        accepted = 0
        previous = nil
        spikeRun = 0
    }

    private mutating func restart() {
        if tracking { close(judge()) }
        window.removeAll()
        deviation = 0
        accepted = 0
        previous = nil
        spikeRun = 0
        trail.removeAll()
        departure = nil
    }
}
