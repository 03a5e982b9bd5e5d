/// A rank slow on one metric in one window.
struct StragglerFlag {
    var rank: Int
    var kind: StragglerKind
    /// The rank's seconds per step, and the median of the other ranks'.
    var value: Double
    var others: Double
    var ratio: Double
    /// `value - others`: seconds per step the rank adds.
    var excess: Double
    /// For an excess explained as waiting: the rank it waits for.
    var cause: Int?
}

/// One window of steps, scored.
struct StragglerWindow {
    /// Grid buckets the window covers.
    var range: Range<Int>
    /// Each metric's value per rank.
    var work: [StragglerKind: [Int: RankWork]]
    /// Slow ranks that stand.
    var flags: [StragglerFlag]
    /// Excesses explained as waiting for a slow rank.
    var shadows: [StragglerFlag]
    /// A typical step in seconds (median over ranks).
    var stepScale: Double

    /// True when `rank` logged any work in the window.
    func hasWork(_ rank: Int) -> Bool {
        work.values.contains { $0[rank] != nil }
    }
}

extension StragglerPlan {
    /// An excess in a metric that can hold waits is a shadow when another rank is slow in
    /// the same window by at least this share of it.
    static let shadowShare = 0.8

    /// Scores grid `range`: every rank on every metric, then explains waits away.
    func score(_ range: Range<Int>, index: Int) -> StragglerWindow {
        var work: [StragglerKind: [Int: RankWork]] = [:]
        for kind in kinds {
            for rank in ranks {
                if let value = value(rank: rank, kind: kind, range: range) {
                    work[kind, default: [:]][rank] = value
                }
            }
        }

        let scale = stepScale(work: work, range: range)
        let minExcess = settings.stragglerMinExcessShare * scale
        var candidates: [StragglerFlag] = []
        for kind in kinds {
            candidates += slowRanks(work[kind] ?? [:], kind: kind, minExcess: minExcess)
        }
        let (flags, shadows) = Self.explain(candidates)
        return StragglerWindow(
            range: range, work: work, flags: flags, shadows: shadows, stepScale: scale)
    }

    /// Ranks whose value exceeds the factor times the others' median by at least
    /// `minExcess` seconds.
    func slowRanks(_ values: [Int: RankWork], kind: StragglerKind, minExcess: Double)
        -> [StragglerFlag]
    {
        guard values.count >= 2 else { return [] }
        let entries = values.map { (rank: $0.key, value: $0.value.value) }.sorted {
            ($0.value, $0.rank) < ($1.value, $1.rank)
        }
        let sorted = entries.map(\.value)
        var flags: [StragglerFlag] = []
        for (position, entry) in entries.enumerated() {
            guard let others = Self.median(sorted, excluding: position) else { continue }
            let excess = entry.value - others
            guard excess > 0, excess >= minExcess else { continue }
            let ratio = others > 0 ? entry.value / others : .infinity
            guard ratio > settings.stragglerFactor else { continue }
            flags.append(
                StragglerFlag(
                    rank: entry.rank, kind: kind, value: entry.value, others: others,
                    ratio: ratio, excess: excess))
        }
        return flags
    }

    /// The median step over ranks: step time when logged, else data plus compute time.
    func stepScale(work: [StragglerKind: [Int: RankWork]], range: Range<Int>) -> Double {
        var steps = ranks.compactMap { value(rank: $0, kind: .step, range: range)?.value }
        if steps.isEmpty {
            steps = ranks.compactMap { rank -> Double? in
                let data = work[.data]?[rank]?.value
                let compute = work[.compute]?[rank]?.value ?? work[.forward]?[rank]?.value
                guard data != nil || compute != nil else { return nil }
                return (data ?? 0) + (compute ?? 0)
            }
        }
        return FleetMath.median(steps) ?? 0
    }

    /// Splits candidates into flags that stand and shadows: an excess in a metric that can
    /// hold waits, matched by another rank's excess at least `shadowShare` as large. Metrics
    /// that cannot hold waits go first, then the largest excess.
    static func explain(_ candidates: [StragglerFlag]) -> ([StragglerFlag], [StragglerFlag]) {
        let ordered = candidates.sorted {
            if $0.kind.mayHoldWaits != $1.kind.mayHoldWaits { return !$0.kind.mayHoldWaits }
            if $0.excess != $1.excess { return $0.excess > $1.excess }
            return ($0.kind, $0.rank) < ($1.kind, $1.rank)
        }
        var flags: [StragglerFlag] = []
        var shadows: [StragglerFlag] = []
        for candidate in ordered {
            let cause = flags.first {
                $0.rank != candidate.rank && $0.excess >= shadowShare * candidate.excess
            }
            if candidate.kind.mayHoldWaits, let cause {
                var shadow = candidate
                shadow.cause = cause.rank
                shadows.append(shadow)
            } else {
                flags.append(candidate)
            }
        }
        return (flags, shadows)
    }
}
