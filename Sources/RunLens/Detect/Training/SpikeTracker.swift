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
/// A spike reached by a climb (the points before it already above the trailing mean's noise)
/// starts, like a bump, at the climb's first point, against the mean before the climb.
/// Spikes within `cooldown` steps of each other make one episode, each jump kept with how it
/// ended.
///
/// A trailing mean at or below zero (a Gaussian NLL, a flow, an ELBO) has no multiple to stand
/// for a spike: there a point must be `ratio` − 1 times the mean's fall from its highest (since
/// the warm-up) above the mean, besides the `zScore` typical deviations.
///
/// After a spike the loss has recovered at the first point back at or below the recovered
/// level (`recoveredLevel`) that begins `recoveryRun` (3) points in a row whose mean is at or
/// below it too; the spike cost the steps from its first point to that one (1 for a single
/// high point followed by a normal one).
struct SpikeTracker {
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
    /// The last point joined an episode: a spike point, or a high point of a climb.
    private var continuing = false
    /// The highest trailing mean since the warm-up, for the sign-free rule.
    private var highestMean = -Double.infinity
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
            continuing = false
            return
        }

        let mean = accepted >= settings.warmup ? window.mean : nil
        if let mean {
            highestMean = max(highestMean, mean)
            if isSpike(point.value, mean: mean) {
                spike(point, position: position, mean: mean)
                continuing = true
                return
            }
        }
        spikeRun = 0
        continuing = false
        if let mean {
            track(point, mean: mean)
            if isHigh(point.value, mean: mean), climb(point, position: position, mean: mean) {
                continuing = tracking
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
        return value - previous > settings.zScore * max(deviation, 1e-12 * abs(mean))
    }

    /// Above `ratio` × the trailing mean and `zScore` typical deviations above it; for a mean
    /// at or below zero, `signFree(_:)`'s threshold instead.
    private func isHigh(_ value: Double, mean: Double) -> Bool {
        guard mean > 0 else { return signFree(mean).map { value > $0.threshold } ?? false }
        let least = settings.zScore * max(deviation, 1e-12 * mean)
        return value > settings.ratio * mean && value - mean > least
    }

    /// The sign-free rule's threshold at trailing mean `mean` (at or below zero): above it by
    /// `ratio` − 1 times its fall from the highest mean, and by `zScore` typical deviations;
    /// `nil` for a constant zero loss, with no scale to measure against.
    private func signFree(_ mean: Double) -> (threshold: Double, highest: Double)? {
        let least = settings.zScore * max(deviation, 1e-12 * -mean)
        guard least > 0 else { return nil }
        let fall = (settings.ratio - 1) * max(0, highestMean - mean)
        return (mean + max(fall, least), highestMean)
    }

    /// The threshold a point at trailing mean `mean` was held against, and the highest mean
    /// when the sign-free rule set it.
    private func threshold(_ mean: Double) -> (value: Double, highest: Double?) {
        guard mean <= 0, let rule = signFree(mean) else { return (settings.ratio * mean, nil) }
        return (rule.threshold, rule.highest)
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
        open(point, position: position, mean: mean, bump: true)
        return true
    }

    private mutating func spike(_ point: Point, position: Double, mean: Double) {
        spikeRun += 1
        let index = episodes.count - 1
        if index >= 0, spikeRun > 1 || position - episodes[index].lastPosition <= settings.cooldown
        {
            if spikeRun == 1 { join(index, point, mean: mean) }
            extend(index, point, position: position)
            tracking = true
        } else {
            if tracking { close(judge()) }
            open(point, position: position, mean: mean, bump: false)
        }
        if spikeRun >= settings.maxSpikePoints { rebaseline() }
    }

    /// Opens an episode at `point`, or at the first point of the climb that led to it.
    private mutating func open(_ point: Point, position: Double, mean: Double, bump: Bool) {
        guard episodes.count < NonFiniteTracker.maxEpisodes else {
            droppedEpisodes += 1
            return
        }
        let first = departure ?? point
        let baseline = departure == nil ? mean : departureMean
        let rule = threshold(mean)
        episodes.append(
            Episode(
                first: first, last: point, lastPosition: position, baseline: baseline,
                deviation: deviation, threshold: rule.value, peak: point,
                before: trail.points, bump: bump, climbed: !bump && departure != nil,
                highestMean: rule.highest,
                jumps: [Jump(first: first, peak: point, baseline: baseline)]))
        tracking = true
        recent.removeAll()
    }

    /// Takes the first point of a jump into episode `index`, which ended less than `cooldown`
    /// steps before: the climb being followed going on with a jump, or a jump of its own. An
    /// episode with a jump is a spike, reported however it ends.
    private mutating func join(_ index: Int, _ point: Point, mean: Double) {
        if continuing, episodes[index].bump {
            episodes[index].climbed = true
        } else if !continuing, let last = episodes[index].jumps.indices.last {
            episodes[index].jumps[last].outcome = episodes[index].outcome
            episodes[index].jumps.append(Jump(first: point, peak: point, baseline: mean))
        }
        episodes[index].bump = false
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
        if let last = episodes[index].jumps.indices.last,
            point.value > episodes[index].jumps[last].peak.value
        {
            episodes[index].jumps[last].peak = point
        }
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
        highestMean = -.infinity
        departure = nil
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
        continuing = false
        highestMean = -.infinity
    }
}
