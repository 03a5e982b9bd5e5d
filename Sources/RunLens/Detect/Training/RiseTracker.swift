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
///
/// A minimum at or below zero (a Gaussian NLL, a flow, an ELBO) has no multiple to stand
/// for a rise: there the rule asks for `riseRatio` of the fall the smoothed loss made to its
/// minimum (from its highest value before it), and at least `riseDeviations` typical
/// deviations of the raw loss (as `loss_spike` measures them); a loss that never fell further
/// than that has nothing to give back and is not judged.
///
/// A rise still under way when the log ends (or restarts) is kept too, though the smoothing
/// left too few points for `sustain`: a short or sparse log of a run killed as it diverged.
/// It is kept when its last `sustain` or more raw points were all above the threshold and the
/// smoothed loss was still rising, unless the climb was already reported.
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
        /// The level held against: `minimum` × (1 + `riseRatio`), or for a minimum at or below
        /// zero the sign-free level.
        var threshold: Double
        /// The highest smoothed value before the minimum and the raw loss's typical deviation
        /// the sign-free level came from; `nil` under the ratio rule.
        var fall: (highest: Double, deviation: Double)?
        /// Found at the end of the log from raw points alone: `peak` is the highest raw value.
        var atEnd = false
    }

    let settings: DivergenceSettings
    private(set) var episodes: [Episode] = []
    private var alpha: Double
    private var average = 0.0
    private var decay = 1.0
    private var seen = 0
    private var minimum = Double.infinity
    private var minimumPoint: Point?
    /// The highest smoothed value before the minimum.
    private var highestBefore = -Double.infinity
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
    private var lastPoint: Point?
    /// The raw loss's typical deviation: a moving average of the distance between consecutive
    /// points, divided by √2.
    private var deviation = 0.0
    /// The current climb (since the smoothed loss last sat near its minimum) was reported.
    private var climbReported = false
    /// The raw points in a row above the threshold, the first of them and the highest.
    private var tail = 0
    private var tailFirst: Point?
    private var tailPeak = -Double.infinity
    private var departurePosition = -Double.infinity
    private var tailPosition = -Double.infinity

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
        if position < lastPosition {
            finish()
            reset()
        }
        lastPosition = position
        lastPoint = point

        let smoothed = smooth(point.value)
        history.append(smoothed)
        trackDeviation(point.value)
        raw.append(point.value)
        highest = max(highest, smoothed)
        guard seen > settings.warmup else { return }

        trackMinimum(smoothed, point: point, position: position)
        trackTail(point)
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

    /// Keeps a rise still under way when the log ends: its last `sustain` raw points or more
    /// above the threshold, the smoothed loss still rising, the climb not yet reported.
    mutating func finish() {
        guard !climbReported, tail >= max(1, settings.sustain), let first = tailFirst,
            let last = lastPoint, let minimumPoint, let before = history.oldest,
            let smoothed = history.newest, smoothed > before,
            episodes.count < NonFiniteTracker.maxEpisodes
        else { return }
        let start = departure.flatMap { departurePosition <= tailPosition ? $0 : nil }
        episodes.append(
            Episode(
                start: start ?? first, first: first, last: last, lastPosition: lastPosition,
                minimum: minimum, minimumPoint: minimumPoint, peak: tailPeak, count: tail,
                threshold: limit, fall: fall, atEnd: true))
        climbReported = true
    }

    private mutating func trackDeviation(_ value: Double) {
        guard let previous = raw.newest else { return }
        let distance = abs(value - previous) * 0.5.squareRoot()
        deviation = seen <= 2 ? distance : deviation + alpha * (distance - deviation)
    }

    private mutating func trackMinimum(_ smoothed: Double, point: Point, position: Double) {
        if smoothed < minimum {
            minimum = smoothed
            minimumPoint = point
            highestBefore = highest
        }
        if smoothed <= nearMinimum {
            departure = nil
            climbReported = false
        } else if departure == nil {
            departure = point
            departurePosition = position
        }
    }

    /// Counts the raw points in a row at or above the threshold, for `finish`.
    private mutating func trackTail(_ point: Point) {
        guard point.value >= limit, isShareOfDrop(point.value) else {
            tail = 0
            return
        }
        if tail == 0 {
            tailFirst = point
            tailPosition = lastPosition
            tailPeak = point.value
        }
        tail += 1
        tailPeak = max(tailPeak, point.value)
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
        climbReported = false
    }

    // Inlined: as a call it took a copy of the whole tracker for every point.
    @inline(__always)
    private func holds(_ smoothed: Double) -> Bool {
        guard let before = history.oldest else { return false }
        return smoothed >= limit && isShareOfDrop(smoothed) && smoothed > before
    }

    /// The rise from the minimum to `value` is at least `riseShareOfDrop` of the earlier drop.
    @inline(__always)
    private func isShareOfDrop(_ value: Double) -> Bool {
        value - minimum >= settings.riseShareOfDrop * (highest - minimum)
    }

    /// The threshold: `riseRatio` above a positive minimum; for one at or below zero, where no
    /// multiple of it means anything, `riseRatio` of the fall to it, and no less than
    /// `riseDeviations` typical deviations of the raw loss; out of reach when the fall was no
    /// more than those deviations.
    // TODO(#3): a loss at or below zero that never learned and only wanders slowly (a wave far
    // larger than its point-to-point noise) has a fall as large as the wave, so it can pass for
    // a divergence; a spread over a longer stretch (the raw loss's interquartile range over the
    // last few hundred points) as the least rise would fix it.
    private var limit: Double {
        guard minimum <= 0 else { return minimum * (1 + settings.riseRatio) }
        let fall = highestBefore - minimum
        let least = settings.riseDeviations * deviation
        guard fall > least else { return .infinity }
        return minimum + max(settings.riseRatio * fall, least)
    }

    /// Where the smoothed loss still sits near its minimum: a fifth of the way to the limit.
    private var nearMinimum: Double {
        guard minimum <= 0 else { return minimum * (1 + settings.riseRatio / 5) }
        return minimum + (limit - minimum) / 5
    }

    /// What the sign-free threshold came from, or `nil` under the ratio rule.
    private var fall: (highest: Double, deviation: Double)? {
        minimum <= 0 ? (highestBefore, deviation) : nil
    }

    /// True when the median of the recent raw points is above the rise threshold.
    private mutating func rawIsHigh() -> Bool {
        guard let median = raw.median(scratch: &scratch) else { return false }
        return median >= limit
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
        climbReported = true
        episodes.append(
            Episode(
                start: departure ?? point, first: point, last: point, lastPosition: position,
                minimum: minimum, minimumPoint: minimumPoint, peak: smoothed, count: 1,
                threshold: limit, fall: fall))
    }

    private mutating func reset() {
        average = 0
        decay = 1
        seen = 0
        minimum = .infinity
        minimumPoint = nil
        highestBefore = -.infinity
        departure = nil
        highest = -.infinity
        history.removeAll()
        raw.removeAll()
        held = 0
        firing = false
        unconfirmed = nil
        lastPoint = nil
        deviation = 0
        climbReported = false
        tail = 0
        tailFirst = nil
    }
}
