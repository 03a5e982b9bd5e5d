#if canImport(Glibc)
    import Glibc
#endif

/// Judges whether one loss series is still improving, comparing two windows whose size
/// and distance scale with the run so far.
///
/// With `D` steps since the series began, the older window covers
/// `(first + lookback·D, first + (lookback + span)·D]` and the recent one the last
/// `span·D` steps. The rule holds when the recent mean is less than `minImprovement`
/// below the older mean, even after adding `noiseMargin` standard errors of the two
/// means. Loss curves fall roughly as a power of the step, so windows that scale with
/// the run see the same relative progress early and late, and a slow late decrease is
/// not a plateau while a run that never learns is. The rule is judged when a new step
/// bucket starts, at most about 256 times per doubling of the run, from `minPoints` on.
/// A plateau starts, looking back, in the middle of the older window at its first firing.
///
/// Judgements are kept (a few thousand at most: about 256 per doubling of the run) and
/// folded into plateaus at the end, so judgements made while the learning rate was still
/// warming up can be left out once the warm-up's end is known, whatever order the loss and
/// learning-rate points arrived in. A judgement takes 16 bytes; only those that held keep
/// their plateau (about 110 bytes), so a series that keeps improving holds a few KiB.
// TODO(#3): a spike of several points inside the recent window lifts its mean enough to
// pass for a plateau (5 points of 8 in a loss near 2.1 falling 0.5% per 100 steps); window
// means that leave out loss_spike's points, or robust ones, would fix it.
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
        var count = 1
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
                }
                at += 1
            }
            return at
        }
        lastPosition = last
        seen += taken
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
        let older = buckets.sums(after: olderRange.lowerBound, through: olderRange.upperBound)
        let recent = buckets.sums(after: recentRange.lowerBound, through: recentRange.upperBound)
        guard older.count >= settings.minWindowPoints, recent.count >= settings.minWindowPoints,
            older.mean != 0
        else { return }

        let improvement = (older.mean - recent.mean) / abs(older.mean)
        let error =
            (variance(older) / Double(older.count) + variance(recent) / Double(recent.count))
            .squareRoot()
        guard improvement + settings.noiseMargin * error / abs(older.mean) < settings.minImprovement
        else {
            record(recentRange.lowerBound, .missed)
            return
        }
        let start = (olderRange.lowerBound + olderRange.upperBound) / 2
        let episode = Episode(
            start: start, startTime: older.firstTime, last: point, older: older.mean,
            recent: recent.mean, olderRange: older.firstStep...older.lastStep,
            recentRange: recent.firstStep...recent.lastStep, improvement: improvement)
        record(recentRange.lowerBound, .held(episode))
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
    /// plateau, which `patience` misses in a row or a restart end.
    func episodes(after start: Double) -> [Episode] {
        var folder = EpisodeFolder(patience: settings.patience)
        for judgement in judgements {
            switch outcome(of: judgement) {
            case .restarted: folder.close()
            case .missed where judgement.recentStart >= start: folder.miss()
            case .held(let episode) where judgement.recentStart >= start: folder.fire(episode)
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
            firstPosition = position
            seen = 0
            judged = 0
        } else {
            buckets.truncate(from: position)
        }
        lastBucket = Int.min
    }
}

/// Folds judgements into plateaus: holding judgements extend the open plateau, `patience`
/// misses in a row close it.
private struct EpisodeFolder {
    let patience: Int
    private(set) var episodes: [PlateauTracker.Episode] = []
    private var open = false
    private var misses = 0

    init(patience: Int) {
        self.patience = patience
    }

    mutating func fire(_ episode: PlateauTracker.Episode) {
        misses = 0
        guard open, let index = episodes.indices.last else {
            guard episodes.count < NonFiniteTracker.maxEpisodes else { return }
            episodes.append(episode)
            open = true
            return
        }
        episodes[index].last = episode.last
        episodes[index].recent = episode.recent
        episodes[index].older = episode.older
        episodes[index].olderRange = episode.olderRange
        episodes[index].recentRange = episode.recentRange
        episodes[index].improvement = episode.improvement
        episodes[index].count += 1
    }

    mutating func miss() {
        misses += 1
        if misses >= patience { open = false }
    }

    mutating func close() {
        open = false
        misses = 0
    }
}
