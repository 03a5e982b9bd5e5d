#if canImport(Glibc)
    import Glibc
#endif

/// Follows one mixed-precision loss scale series and keeps the runs of cuts that amount
/// to a collapse.
///
/// A run is the cuts since the scale last grew; steady steps between cuts do not end it.
/// The cuts from the first value until the scale first holds or grows are start-up
/// calibration (65536 → 4096 is normal) and never a collapse unless the scale falls
/// below `floor`. A run is a collapse when it has at least three cuts and the scale fell
/// below `floor`, or fell by `2^minHalvings` while at least `minSkippedShare` of the
/// updates in its span overflowed: a scale that halves at every overflow and grows only
/// after a long clean stretch (PyTorch's 2000 steps) drifts down through rare overflows
/// with nearly every update applied, and that is no collapse. Each halving counts as one
/// skipped update (a cut by `2^k` between two logged points as `k`), so a scale logged
/// every tenth step still shows a collapse. An earlier, isolated overflow of the same run is
/// not its start: the collapse starts where the cuts became as dense as they stay (gaps
/// at most four times their median). A step going backwards restarts the calibration.
struct ScaleRunTracker {
    /// One cut of the scale.
    struct Cut {
        var point: Point
        var position: Double
        var from: Double
        /// The position of the point before the cut, where the update it stands for began.
        var fromPosition: Double
        var afterSteady: Bool

        /// The overflows the cut stands for: one per halving, at least one.
        var overflows: Double {
            max(1, (log2(from / point.value)).rounded())
        }
    }

    /// One collapse, as reported.
    struct Run {
        var first: Point
        var last: Point
        var firstPosition: Double
        var lastPosition: Double
        var from: Double
        var to: Double
        var cuts: Int
        var consecutive: Bool
        var allHalvings: Bool
        /// The overflows the cuts stand for (``Cut/overflows``).
        var overflows: Double
        /// The steps from the point before the first cut to the last cut: the updates the
        /// run spans.
        var updates: Double

        /// The share of the spanned updates that overflowed, at most 1.
        var skippedShare: Double {
            updates > 0 ? min(1, overflows / updates) : 1
        }
    }

    /// The most cuts kept per run; a run longer than this keeps its last cuts.
    static let maxCuts = 4096

    let settings: LossScaleCollapseSettings
    private(set) var collapses: [Run] = []
    private var cuts: [Cut] = []
    private var calibration = true
    private var calibrating = true
    private var previous: Double?
    private var lastPosition = -Double.infinity
    private var steadySinceCut = false

    /// Creates a tracker with `settings`.
    init(settings: LossScaleCollapseSettings) {
        self.settings = settings
    }

    /// Takes the next point at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFinite, point.value > 0 else { return }
        if position < lastPosition { restart() }
        let previousPosition = lastPosition
        lastPosition = position
        defer { previous = point.value }
        guard let previous else { return }

        if point.value < previous {
            if cuts.isEmpty { calibration = calibrating }
            if cuts.count >= Self.maxCuts { cuts.removeFirst(cuts.count / 2) }
            cuts.append(
                Cut(
                    point: point, position: position, from: previous,
                    fromPosition: previousPosition, afterSteady: steadySinceCut))
            steadySinceCut = false
            return
        }
        if calibrating { close() }
        calibrating = false
        if point.value > previous { close() } else { steadySinceCut = true }
    }

    /// Keeps the run still open if it is a collapse.
    mutating func finish() {
        close()
    }

    /// `2^exponent`.
    static func pow2(_ exponent: Int) -> Double {
        // Built from the exponent, not by doubling: the config takes min_halvings up to 1e15.
        Double(sign: .plus, exponent: min(max(0, exponent), 1024), significand: 1)
    }

    private mutating func close() {
        defer {
            cuts.removeAll(keepingCapacity: true)
            steadySinceCut = false
        }
        guard collapses.count < NonFiniteTracker.maxEpisodes else { return }
        if let run = summary(cuts[denseStart()...]) ?? summary(cuts[...]) { collapses.append(run) }
    }

    private func summary(_ slice: ArraySlice<Cut>) -> Run? {
        guard slice.count >= 3, let first = slice.first, let last = slice.last else { return nil }
        let to = last.point.value
        let run = Run(
            first: first.point, last: last.point, firstPosition: first.position,
            lastPosition: last.position, from: first.from, to: to, cuts: slice.count,
            consecutive: !slice.dropFirst().contains { $0.afterSteady },
            allHalvings: slice.allSatisfy { abs($0.point.value / $0.from - 0.5) < 0.01 },
            overflows: slice.reduce(0) { $0 + $1.overflows },
            updates: last.position - first.fromPosition)
        let fellFar = first.from / to >= Self.pow2(settings.minHalvings)
        let dense = run.skippedShare >= settings.minSkippedShare
        guard to < settings.floor || (fellFar && dense && !calibration) else { return nil }
        return run
    }

    /// The first cut of the dense tail of the run.
    private func denseStart() -> Int {
        guard cuts.count >= 3 else { return 0 }
        let gaps = zip(cuts.dropFirst(), cuts).map { $0.position - $1.position }
        let median = gaps.sorted()[gaps.count / 2]
        var start = cuts.count - 1
        while start > 0, gaps[start - 1] <= 4 * median { start -= 1 }
        return start
    }

    private mutating func restart() {
        close()
        previous = nil
        calibrating = true
        steadySinceCut = false
    }
}
