/// Follows one series against one rule: the stretch in progress, and the stretches long
/// enough to report, with stretches a cooldown apart joined.
struct StretchTracker {
    /// The most stretches kept per series; later ones are counted in `dropped`.
    static let cap = 100

    let rule: StretchRule
    let settings: FleetSettings
    /// What each value is multiplied by before it is judged: 100 for a percentage logged as
    /// a fraction of 1, else 1.
    let scale: Double
    private(set) var open: Stretch?
    private(set) var closed: [Stretch] = []
    private(set) var dropped = 0
    /// The first stretch when it began at the series' first sample and fell short.
    private(set) var shortFromStart: Stretch?
    private var misses = 0
    private(set) var samples = 0
    private(set) var lastPoint: Point?

    init(rule: StretchRule, settings: FleetSettings, scale: Double = 1) {
        self.rule = rule
        self.settings = settings
        self.scale = scale
    }

    /// Takes the next sample.
    mutating func add(_ point: Point) {
        guard point.value.isFinite else { return }
        var point = point
        point.value *= scale
        if let lastPoint, Self.goesBack(from: lastPoint, to: point) { close() }
        let first = samples == 0
        samples += 1
        lastPoint = point

        if rule.breaks(point.value) {
            if open == nil {
                open = Stretch(point)
                if first { shortFromStart = open }
            }
            open?.extend(point, above: rule.above)
            misses = 0
        } else if open != nil {
            misses += 1
            if misses > settings.stretchTolerance { close() }
        }
    }

    /// Ends the stretch in progress.
    mutating func close() {
        guard let stretch = open else { return }
        open = nil
        misses = 0
        if shortFromStart != nil { shortFromStart = stretch }
        guard qualifies(stretch) else { return }
        shortFromStart = nil

        if var last = closed.last, (0...cooldown(stretch)).contains(gap(from: last, to: stretch)) {
            last.absorb(stretch, above: rule.above)
            closed[closed.count - 1] = last
        } else if closed.count < Self.cap {
            closed.append(stretch)
        } else {
            dropped += 1
        }
    }

    /// True when the stretch has enough samples and lasts long enough.
    func qualifies(_ stretch: Stretch) -> Bool {
        guard stretch.count >= settings.stretchMinSamples else { return false }
        if stretch.timed { return stretch.seconds >= rule.minSeconds }
        if stretch.firstStep.isFinite { return stretch.steps >= settings.stretchMinStepsUntimed }
        return true
    }

    /// True when `stretch` began at the series' first sample and ended at its last, with
    /// enough samples: the whole series broke the rule, but for too short a time.
    func coversWholeSeries(_ stretch: Stretch) -> Bool {
        guard let lastPoint, stretch.count >= settings.stretchMinSamples else { return false }
        let sameTime = stretch.lastTime == lastPoint.time
        let sameStep = stretch.lastStep == lastPoint.step
        return sameTime || sameStep
    }

    /// True when `point` lies before `previous` on the series' clock (its time, else its
    /// step): another file's samples, or a restart. A stretch never spans such a jump.
    private static func goesBack(from previous: Point, to point: Point) -> Bool {
        if previous.time.isFinite && point.time.isFinite { return point.time < previous.time }
        return point.step < previous.step
    }

    private func gap(from earlier: Stretch, to later: Stretch) -> Double {
        if earlier.timed && later.timed { return later.firstTime - earlier.lastTime }
        return later.firstStep - earlier.lastStep
    }

    private func cooldown(_ stretch: Stretch) -> Double {
        stretch.timed ? settings.stretchCooldownSeconds : settings.stretchCooldownSteps
    }
}
