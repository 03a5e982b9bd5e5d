#if canImport(Glibc)
    import Glibc
#endif

/// Finds stretches where the smoothed loss sits well above its running minimum and is
/// still rising: a divergence that does not (yet) produce NaN.
///
/// The loss is smoothed with a bias-corrected exponential moving average. After a
/// warm-up the running minimum of the smoothed loss is tracked; the rule holds when the
/// smoothed loss is `riseRatio` above that minimum, the rise is at least
/// `riseShareOfDrop` of the earlier drop from the highest smoothed value, and it is
/// above its value `risingLookback` points before. After `sustain` points in a row it
/// fires, if the raw loss is high too: the median of its last `2 × sustain` points is above
/// the same threshold.
///
/// The median keeps a short outlier from passing for a rise: one point of 25 in a loss of
/// 2 lifts a 20-point moving average above 1.5× its minimum for a dozen points, but the
/// raw loss is back at once, so fewer than half of the recent points are high. A loss
/// that climbs, or jumps and stays, has at least half of them high by the time the
/// average has held for `sustain` points, so the median costs it no lag. A stretch starts,
/// looking back, at the first point after the smoothed loss last sat near its minimum (the
/// jump, not the normal point before it).
///
/// Streaming, a jump that lasts longer than `sustain` points looks like one that stays: the
/// rule fires while the loss is still high. So a stretch stays open to withdrawal for
/// `comebackPoints` points after it first held: if that median falls back below the
/// threshold in that time, the loss came back and the stretch was a spike (`loss_spike`
/// reports it), not a rise for good, and it is dropped. A loss that stays high keeps its
/// stretch, with the start and first-held point it had when it fired. A step going
/// backwards (a restart) resets the state.
struct RiseTracker {
    /// One stretch of the rule holding.
    struct Episode {
        var start: Point
        var first: Point
        var last: Point
        var lastPosition: Double
        var minimum: Double
        var minimumPoint: Point
        var peak: Double
        var count: Int
    }

    let settings: DivergenceSettings
    private(set) var episodes: [Episode] = []
    private var alpha: Double
    private var average = 0.0
    private var decay = 1.0
    private var seen = 0
    private var minimum = Double.infinity
    private var minimumPoint: Point?
    /// The first point after the smoothed loss last sat near its minimum.
    private var departure: Point?
    private var highest = -Double.infinity
    private var history: TrailingWindow
    private var raw: TrailingWindow
    private var scratch: [Double] = []
    private var held = 0
    private var firing = false
    /// Points since the newest stretch first held, while it may still be withdrawn.
    private var unconfirmed: Int?
    private var lastPosition = -Double.infinity

    /// Creates a tracker with `settings`.
    init(settings: DivergenceSettings) {
        self.settings = settings
        alpha = 2 / (Double(max(1, settings.smoothing)) + 1)
        history = TrailingWindow(capacity: max(1, settings.risingLookback) + 1)
        raw = TrailingWindow(capacity: 2 * max(1, settings.sustain))
        scratch.reserveCapacity(raw.capacity)
    }

    /// Takes the points of `run` whose position on `axis` is finite, in order, each
    /// step inlined into the loop (as a call it saved and restored most registers).
    mutating func observe(_ run: SeriesRun, on axis: Axis) {
        for position in run.positions {
            let point = run.points[position].point
            let place = axis.position(of: point)
            if place.isFinite { observe(point, position: place) }
        }
    }

    /// Takes the next point of the loss at `position`.
    @inline(__always)
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFinite else { return }
        if position < lastPosition { reset() }
        lastPosition = position

        let smoothed = smooth(point.value)
        history.append(smoothed)
        raw.append(point.value)
        highest = max(highest, smoothed)
        guard seen > settings.warmup else { return }

        trackMinimum(smoothed, point: point)
        if unconfirmed != nil { withdrawIfBack() }
        if holds(smoothed) {
            held += 1
        } else {
            held = 0
            firing = false
        }
        guard held >= max(1, settings.sustain), rawIsHigh() else { return }
        fire(point, smoothed: smoothed, position: position)
    }

    private mutating func smooth(_ value: Double) -> Double {
        seen += 1
        average = (1 - alpha) * average + alpha * value
        decay *= 1 - alpha
        return average / (1 - decay)
    }

    private mutating func trackMinimum(_ smoothed: Double, point: Point) {
        if smoothed < minimum {
            minimum = smoothed
            minimumPoint = point
        }
        if smoothed <= minimum * (1 + settings.riseRatio / 5) {
            departure = nil
        } else if departure == nil {
            departure = point
        }
    }

    /// Drops the newest stretch when the raw loss came back below the threshold within
    /// `comebackPoints` points after it first held.
    private mutating func withdrawIfBack() {
        guard let since = unconfirmed, since < settings.comebackPoints else {
            unconfirmed = nil
            return
        }
        unconfirmed = since + 1
        guard !rawIsHigh() else { return }
        episodes.removeLast()
        unconfirmed = nil
        firing = false
    }

    // Inlined: as a call it took a copy of the whole tracker for every point.
    @inline(__always)
    private func holds(_ smoothed: Double) -> Bool {
        guard minimum > 0, let before = history.oldest else { return false }
        let rise = smoothed - minimum
        return smoothed >= minimum * (1 + settings.riseRatio)
            && rise >= settings.riseShareOfDrop * (highest - minimum) && smoothed > before
    }

    /// True when the median of the recent raw points is above the rise threshold.
    private mutating func rawIsHigh() -> Bool {
        guard let median = raw.median(scratch: &scratch) else { return false }
        return median >= minimum * (1 + settings.riseRatio)
    }

    private mutating func fire(_ point: Point, smoothed: Double, position: Double) {
        let index = episodes.count - 1
        if index >= 0, firing {
            episodes[index].last = point
            episodes[index].lastPosition = position
            episodes[index].peak = max(episodes[index].peak, smoothed)
            episodes[index].count += 1
            return
        }
        guard episodes.count < NonFiniteTracker.maxEpisodes, let minimumPoint else { return }
        firing = true
        unconfirmed = 0
        episodes.append(
            Episode(
                start: departure ?? point, first: point, last: point, lastPosition: position,
                minimum: minimum, minimumPoint: minimumPoint, peak: smoothed, count: 1))
    }

    private mutating func reset() {
        average = 0
        decay = 1
        seen = 0
        minimum = .infinity
        minimumPoint = nil
        departure = nil
        highest = -.infinity
        history.removeAll()
        raw.removeAll()
        held = 0
        firing = false
        unconfirmed = nil
    }
}
