/// Follows one mixed-precision loss scale series and keeps the runs of cuts that amount
/// to a collapse.
///
/// A run is the cuts since the scale last grew; steady steps between cuts do not end it.
/// The cuts from the first value until the scale first holds or grows are start-up
/// calibration (65536 → 4096 is normal) and never a collapse unless the scale falls
/// below `floor`. A run is a collapse when it has at least three cuts and the scale fell
/// by `2^minHalvings` or below `floor`. A step going backwards restarts the calibration.
struct ScaleRunTracker {
    /// One run of cuts.
    struct Run {
        var first: Point
        var last: Point
        var firstPosition: Double
        var lastPosition: Double
        var from: Double
        var to: Double
        var cuts = 0
        var consecutive = true
        var allHalvings = true
        var calibration: Bool
    }

    let settings: LossScaleCollapseSettings
    private(set) var collapses: [Run] = []
    private var run: Run?
    private var previous: Double?
    private var lastPosition = -Double.infinity
    private var calibrating = true
    private var steadySinceCut = false

    /// Creates a tracker with `settings`.
    init(settings: LossScaleCollapseSettings) {
        self.settings = settings
    }

    /// Takes the next point at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFinite, point.value > 0 else { return }
        if position < lastPosition { restart() }
        lastPosition = position
        defer { previous = point.value }
        guard let previous else { return }

        if point.value < previous {
            cut(point, position: position, from: previous)
        } else if point.value > previous {
            close()
            calibrating = false
        } else {
            calibrating = false
            steadySinceCut = true
        }
    }

    /// Keeps the run still open if it is a collapse.
    mutating func finish() {
        close()
    }

    private mutating func cut(_ point: Point, position: Double, from previous: Double) {
        let halving = abs(point.value / previous - 0.5) < 0.01
        guard var current = run else {
            run = Run(
                first: point, last: point, firstPosition: position, lastPosition: position,
                from: previous, to: point.value, cuts: 1, allHalvings: halving,
                calibration: calibrating)
            steadySinceCut = false
            return
        }
        current.last = point
        current.lastPosition = position
        current.to = point.value
        current.cuts += 1
        current.consecutive = current.consecutive && !steadySinceCut
        current.allHalvings = current.allHalvings && halving
        if current.calibration && !calibrating { current.calibration = false }
        run = current
        steadySinceCut = false
    }

    private mutating func close() {
        defer { run = nil }
        guard let current = run, current.cuts >= 3, collapses.count < NonFiniteTracker.maxEpisodes
        else { return }
        let fellFar = current.from / current.to >= Self.pow2(settings.minHalvings)
        let belowFloor = current.to < settings.floor
        if belowFloor || (fellFar && !current.calibration) { collapses.append(current) }
    }

    private mutating func restart() {
        close()
        previous = nil
        calibrating = true
        steadySinceCut = false
    }

    /// `2^exponent`.
    static func pow2(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<max(0, exponent) { value *= 2 }
        return value
    }
}
