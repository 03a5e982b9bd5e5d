#if canImport(Glibc)
    import Glibc
#endif

/// Judges whether one loss series is still improving, comparing two windows whose size
/// and distance scale with the run so far.
///
/// With `D` steps since the series began, the older window covers
/// `(first + lookback·D, first + (lookback + span)·D]` and the recent one the last
/// `span·D` steps. Each window's level is the mean of its points, leaving out the step
/// buckets whose mean lies far outside the quartiles of the window's bucket means
/// (``BucketHistory/robustSums(after:through:scratch:)``): a spike of a few points is
/// `loss_spike`'s, and must not lift a window's mean into a plateau.
///
/// A judgement holds in one of three ways (``Kind``): the recent level is more than
/// `maxRise` above the older one (the source document's rule, a loss that rises); or it is
/// less than `minImprovement` below it, each even after `noiseMargin` standard errors of the
/// two means. A loss that stops improving has stalled while it has not fallen `learnedFall`
/// below its opening level (the median of its first `minWindowPoints` points: a run that
/// never learns); one that has fallen that far has settled, which counts only while the
/// learning rate is still high (the detector decides, once the rate is known). Loss curves
/// fall roughly as a power of the step, so windows that scale with the run see the same
/// relative progress early and late. The rule is judged when a new step bucket starts, at
/// most about 256 times per doubling of the run, from `minPoints` on. A plateau starts,
/// looking back, in the middle of the older window at its first firing.
///
/// Judgements are kept (a few thousand at most: about 256 per doubling of the run) and
/// folded into plateaus at the end, so judgements made while the learning rate was still
/// warming up can be left out once the warm-up's end is known, whatever order the loss and
/// learning-rate points arrived in. A judgement takes 16 bytes; only those that held keep
/// their plateau (about 120 bytes), so a series that keeps improving holds a few KiB.
struct PlateauTracker: BucketHolder, StretchFilling {
    /// One stretch of the rule holding.
    struct Episode {
        var start: Double
        var startTime: Double
        var last: Point
        var older: Double
        var recent: Double
        var olderRange: ClosedRange<Double>
        var recentRange: ClosedRange<Double>
        var improvement: Double
        var kind: Kind
        /// The points the two windows left out as outlying.
        var leftOut = 0
        var count = 1
    }

    /// How a judgement held.
    enum Kind {
        /// The recent level is more than `maxRise` above the older one.
        case rising
        /// Less than `minImprovement` better, before the loss has learned.
        case stalled
        /// Less than `minImprovement` better after the loss has learned: a plateau only while
        /// the learning rate is still high.
        case settled
    }

    /// One judgement: where its recent window starts and what it found.
    struct Judgement {
        var recentStart: Double
        /// The position of the plateau in `held`, or one of the negative codes below.
        var outcome: Int

        static let missed = -1
        static let restarted = -2
    }

    /// What one judgement found.
    enum Outcome {
        /// The rule held; the plateau as this judgement alone sees it.
        case held(Episode)
        /// The rule did not hold.
        case missed
        /// The series restarted: an open plateau ends.
        case restarted
    }

    /// The most judgements kept; later ones are dropped (a run would need far more than
    /// 2^100 steps to make this many).
    static let maxJudgements = 25_600

    let settings: LossPlateauSettings
    private(set) var judgements: [Judgement] = []
    /// The plateaus of the judgements that held, in judgement order.
    private var held: [Episode] = []
    private var buckets = SumsHistory(capacity: 512)
    private var firstPosition = Double.nan
    private var lastPosition = -Double.infinity
    private var lastBucket = Int.min
    private var seen = 0
    private var judged = 0
    /// The first `minWindowPoints` finite values, then their median alone.
    private var opening: [Double] = []
    private var openingLevel: Double?
    private var scratch: [Double] = []

    /// Creates a tracker with `settings`.
    init(settings: LossPlateauSettings) {
        self.settings = settings
    }

    /// Takes the next point at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFinite else { return }
        if position < lastPosition { rewind(to: position) }
        lastPosition = position
        if firstPosition.isNaN { firstPosition = position }

        let bucket = buckets.bucketIndex(position)
        if bucket != lastBucket, seen >= settings.minPoints, seen - judged >= seen / 256 {
            judge(at: point, position: position)
            judged = seen
        }
        let width = buckets.width
        buckets.add(step: position, time: point.time, value: point.value)
        if openingLevel == nil { open(point.value) }
        // The index only moves when the add coarsened the buckets.
        lastBucket = buckets.width == width ? bucket : buckets.bucketIndex(position)
        seen += 1
    }

    /// Takes the points of `run` from `start` on while each is skipped or lands, not behind
    /// the last position, in the last point's bucket; returns where it stopped.
    mutating func fill(_ run: SeriesRun, on axis: Axis, from start: Int) -> Int {
        guard !firstPosition.isNaN else { return start }
        var last = lastPosition
        var taken = 0
        let bucket = lastBucket
        let wanted = openingLevel == nil ? settings.minWindowPoints - opening.count : 0
        var early: [Double] = []
        let end = buckets.filling { filler in
            var at = start
            while at < run.positions.count {
                let point = run.points[run.positions[at]].point
                let position = axis.position(of: point)
                if position.isFinite, point.value.isFinite {
                    guard position >= last, filler.bucketIndex(position) == bucket,
                        filler.add(step: position, time: point.time, value: point.value)
                    else { break }
                    last = position
                    taken += 1
                    if early.count < wanted { early.append(point.value) }
                }
                at += 1
            }
            return at
        }
        lastPosition = last
        seen += taken
        for value in early { open(value) }
        return end
    }

    /// Keeps the history within `capacity` buckets from now on; the bucket of the last point
    /// is then the coarser one holding it.
    mutating func limitBuckets(to capacity: Int) {
        buckets.limit(to: capacity)
        if lastBucket != Int.min { lastBucket = buckets.bucketIndex(lastPosition) }
    }

    /// Judges the last position once more at the end of the run.
    mutating func finish(last point: Point?) {
        guard let point, seen >= settings.minPoints else { return }
        judge(at: point, position: lastPosition)
    }

    private mutating func judge(at point: Point, position: Double) {
        let span = position - firstPosition
        guard span > 0 else { return }
        let olderStart = firstPosition + settings.lookback * span
        let olderRange = olderStart...(olderStart + settings.span * span)
        let recentRange = (position - settings.span * span)...position
        let olderWindow = buckets.robustSums(
            after: olderRange.lowerBound, through: olderRange.upperBound, scratch: &scratch)
        let recentWindow = buckets.robustSums(
            after: recentRange.lowerBound, through: recentRange.upperBound, scratch: &scratch)
        let older = olderWindow.kept
        let recent = recentWindow.kept
        guard older.count >= settings.minWindowPoints, recent.count >= settings.minWindowPoints,
            older.mean != 0
        else { return }

        guard let kind = kind(older: older, recent: recent) else {
            record(recentRange.lowerBound, .missed)
            return
        }
        let start = (olderRange.lowerBound + olderRange.upperBound) / 2
        let episode = Episode(
            start: start, startTime: older.firstTime, last: point, older: older.mean,
            recent: recent.mean, olderRange: older.firstStep...older.lastStep,
            recentRange: recent.firstStep...recent.lastStep,
            improvement: (older.mean - recent.mean) / abs(older.mean), kind: kind,
            leftOut: olderWindow.leftOut + recentWindow.leftOut)
        record(recentRange.lowerBound, .held(episode))
    }

    /// How the rule holds for the two windows, or `nil` when it does not.
    private func kind(older: SumsBucket, recent: SumsBucket) -> Kind? {
        let improvement = (older.mean - recent.mean) / abs(older.mean)
        let error =
            (variance(older) / Double(older.count) + variance(recent) / Double(recent.count))
            .squareRoot()
        let noise = settings.noiseMargin * error / abs(older.mean)
        if -improvement - noise > settings.maxRise { return .rising }
        guard improvement + noise < settings.minImprovement else { return nil }
        guard let openingLevel, openingLevel > 0,
            recent.mean <= (1 - settings.learnedFall) * openingLevel
        else { return .stalled }
        return .settled
    }

    /// Takes one of the first values; the median of `minWindowPoints` of them is the
    /// opening level.
    private mutating func open(_ value: Double) {
        opening.append(value)
        guard opening.count >= max(1, settings.minWindowPoints) else { return }
        openingLevel = TrailingWindow.median(of: &opening)
        opening = []
    }

    private mutating func record(_ recentStart: Double, _ outcome: Outcome) {
        guard judgements.count < Self.maxJudgements else { return }
        switch outcome {
        case .held(let episode):
            judgements.append(Judgement(recentStart: recentStart, outcome: held.count))
            held.append(episode)
        case .missed:
            judgements.append(Judgement(recentStart: recentStart, outcome: Judgement.missed))
        case .restarted:
            judgements.append(Judgement(recentStart: recentStart, outcome: Judgement.restarted))
        }
    }

    /// What `judgement` found.
    private func outcome(of judgement: Judgement) -> Outcome {
        switch judgement.outcome {
        case Judgement.restarted: .restarted
        case Judgement.missed: .missed
        default: .held(held[judgement.outcome])
        }
    }

    /// The plateaus of the judgements whose recent window lies after `start` (the end of
    /// the learning-rate warm-up, or `-infinity`): consecutive holding judgements make one
    /// plateau, which `patience` misses in a row or a restart end. A settled judgement holds
    /// only when `rateIsHigh` says the learning rate was still high over its recent window.
    func episodes(
        after start: Double, rateIsHigh: (ClosedRange<Double>) -> Bool = { _ in false }
    ) -> [Episode] {
        var folder = PlateauEpisodeFolder(patience: settings.patience)
        for judgement in judgements {
            switch outcome(of: judgement) {
            case .restarted: folder.close()
            case .missed where judgement.recentStart >= start: folder.miss()
            case .held(let episode) where judgement.recentStart >= start:
                if episode.kind != .settled || rateIsHigh(episode.recentRange) {
                    folder.fire(episode)
                } else {
                    folder.miss()
                }
            default: continue
            }
        }
        return folder.episodes
    }

    private func variance(_ bucket: SumsBucket) -> Double {
        let mean = bucket.mean
        return max(0, bucket.sumOfSquares / Double(bucket.count) - mean * mean)
    }

    private mutating func rewind(to position: Double) {
        record(position, .restarted)
        if position <= firstPosition {
            buckets.removeAll()
            opening = []
            openingLevel = nil
            firstPosition = position
            seen = 0
            judged = 0
        } else {
            buckets.truncate(from: position)
        }
        lastBucket = Int.min
    }
}
