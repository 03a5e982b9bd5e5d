/// The straggler detector's evaluation: windows of steps, each rank's work per metric in
/// each window, and the slow ranks that remain once waits are explained away.
struct StragglerPlan {
    let settings: FleetSettings
    let series: [TrackedWork]
    /// For each of `series`, the position in `series` of the one whose positions it takes,
    /// or -1.
    let owners: [Int]
    let ranks: [Int]
    let kinds: [StragglerKind]
    /// Positions in `series` per rank and component.
    let seriesOf: [Int: [StragglerComponent: [Int]]]
    let origin: Double
    let width: Double
    /// Grid buckets per window.
    let windowBuckets: Int
    /// Grid index range over every series.
    let gridRange: Range<Int>
    /// Windows starting before this step are warm-up.
    let warmupEnd: Double

    // TODO(#4): every rank is compared with all others, so pipeline stages with unequal
    // layers look like stragglers; grouping ranks by stage when the log names it would fix it.
    /// Lays out the windows; `nil` when fewer than two ranks log work.
    init?(detector: StragglerDetector) {
        settings = detector.settings
        let kept = detector.tracked.indices.filter { detector.tracked[$0].count > 0 }
        series = kept.map { detector.tracked[$0] }
        // A series that shares positions holds the same points as its owner, so both are kept.
        let keptPosition = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
        owners = series.map { $0.positionsOwner < 0 ? -1 : keptPosition[$0.positionsOwner] ?? -1 }
        var seriesOf: [Int: [StragglerComponent: [Int]]] = [:]
        for (position, work) in series.enumerated() {
            seriesOf[work.rank, default: [:]][work.component, default: []].append(position)
        }
        self.seriesOf = seriesOf
        ranks = seriesOf.keys.sorted()
        guard ranks.count >= 2, !detector.origin.isNaN else { return nil }

        let components = Set(series.map(\.component))
        var kinds: [StragglerKind] = []
        if components.contains(.data) { kinds.append(.data) }
        if components.contains(.forward) { kinds.append(.forward) }
        if components.contains(.backward) { kinds.append(.compute) }
        let compute = components.contains(.forward) || components.contains(.backward)
        if !compute, components.contains(.step) { kinds.append(.step) }
        self.kinds = kinds

        origin = detector.origin
        width = detector.width
        let lower = series.map(\.buckets.firstIndex).min() ?? 0
        let upper = series.map(\.buckets.endIndex).max() ?? 0
        gridRange = lower..<upper
        windowBuckets = Self.windowBuckets(series: series, width: width, settings: settings)

        let firstStep = series.map(\.firstStep).min() ?? origin
        let lastStep = series.map(\.lastStep).max() ?? origin
        warmupEnd = firstStep + settings.stragglerWarmupFraction * (lastStep - firstStep)
    }

    /// Buckets per window: `stragglerWindowSteps`, else 10–50 logged points (a twentieth
    /// of the run), never less than one bucket.
    static func windowBuckets(series: [TrackedWork], width: Double, settings: FleetSettings)
        -> Int
    {
        let points = FleetMath.median(series.map { Double($0.count) }) ?? 1
        let stride = FleetMath.median(series.map(\.stride)) ?? 1
        let steps = settings.stragglerWindowSteps ?? min(max(points / 20, 10), 50) * stride
        guard steps.isFinite, steps > 0 else { return 1 }
        return max(1, Int((steps / width - 1e-9).rounded(.up)))
    }

    /// Every window after the warm-up with its scores, in order.
    func windows() -> [StragglerWindow] {
        guard !gridRange.isEmpty else { return [] }
        let first = Self.floorDiv(gridRange.lowerBound, windowBuckets)
        let last = Self.floorDiv(gridRange.upperBound - 1, windowBuckets)
        var result: [StragglerWindow] = []
        for index in first...last {
            let lower = index * windowBuckets
            let start = origin + Double(lower) * width
            guard start >= warmupEnd else { continue }
            result.append(score(lower..<(lower + windowBuckets), index: index))
        }
        return result
    }

    /// Each rank's value of `kind` over grid `range`: the sum of its components' trimmed
    /// means (the single largest value dropped, so a one-step stall does not count).
    func value(rank: Int, kind: StragglerKind, range: Range<Int>, trimmed: Bool = true)
        -> RankWork?
    {
        guard let parts = seriesOf[rank] else { return nil }
        var positions: [Int] = []
        for component in kind.components { positions += parts[component] ?? [] }
        if kind == .compute, (parts[.backward] ?? []).isEmpty { return nil }
        guard let lead = positions.first else { return nil }

        var total = 0.0
        var leadBucket = RankStepBucket()
        for position in positions {
            let owner = owners[position] < 0 ? nil : series[owners[position]].buckets
            let bucket = series[position].buckets.merged(range, positionsOf: owner)
            guard bucket.count > 0 else { return nil }
            if position == lead { leadBucket = bucket }
            total += trimmed ? Self.trimmedMean(bucket) : bucket.sum / Double(bucket.count)
        }
        let steps = Double(leadBucket.count) * series[lead].stride
        return RankWork(value: total, steps: steps, bucket: leadBucket)
    }

    /// The mean without the single largest value, when there are at least three.
    static func trimmedMean(_ bucket: RankStepBucket) -> Double {
        guard bucket.count >= 3 else { return bucket.sum / Double(max(bucket.count, 1)) }
        return (bucket.sum - bucket.maximum) / Double(bucket.count - 1)
    }

    /// The median of `sorted` without the element at `position`.
    static func median(_ sorted: [Double], excluding position: Int) -> Double? {
        let count = sorted.count - 1
        guard count > 0 else { return nil }
        func element(_ index: Int) -> Double { sorted[index < position ? index : index + 1] }
        if count % 2 == 1 { return element(count / 2) }
        return (element(count / 2 - 1) + element(count / 2)) / 2
    }

    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

/// One rank's work on one metric over a window.
struct RankWork {
    /// Seconds per step.
    var value: Double
    /// Steps the window covers for this rank.
    var steps: Double
    /// The lead component's bucket: first and last step, time, location.
    var bucket: RankStepBucket
}
