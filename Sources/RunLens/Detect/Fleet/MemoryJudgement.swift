/// The memory-growth rule applied to one series at the end of the run.
struct MemoryJudgement {
    let series: MemorySeries
    let settings: FleetSettings
    /// The rank's mean step time, to put a step-indexed series on a clock.
    let secondsPerStep: Double?
    /// The device's capacity in the series' unit, and where it came from.
    let capacity: (value: Double, source: String)?

    /// How positions are measured.
    enum Clock: Equatable {
        /// Timestamps in the log.
        case logged
        /// Steps times the mean step time.
        case estimated(Double)
        /// Steps only.
        case none
    }

    var clock: Clock {
        if series.timed == true { return .logged }
        if let secondsPerStep, secondsPerStep > 0 { return .estimated(secondsPerStep) }
        return .none
    }

    /// The series' buckets.
    var buckets: [MemoryBucket] { series.buckets.buckets }

    /// Where the first value of `bucket` lies: in seconds where a clock exists, else in steps.
    func firstX(of bucket: MemoryBucket) -> Double {
        x(step: bucket.firstStep, time: bucket.firstTime)
    }

    /// Where the last value of `bucket` lies, as ``firstX(of:)`` says.
    func lastX(of bucket: MemoryBucket) -> Double {
        x(step: bucket.lastStep, time: bucket.lastTime)
    }

    /// The position of a value logged at `step` and `time`: the time where the log has a
    /// clock, the step times the mean step time where it is estimated, else the step.
    private func x(step: Double, time: Double) -> Double {
        switch clock {
        case .logged: time
        case .estimated(let seconds): step * seconds
        case .none: step
        }
    }

    /// A warning when the floor grows too fast, info when too short to judge, else `nil`.
    func incident(context: DetectionContext) -> Incident? {
        let all = buckets
        guard let first = all.first, let last = all.last else { return nil }
        let span = lastX(of: last) - firstX(of: first)
        var warmup = settings.memoryWarmupFraction * span
        if clock != .none { warmup = max(warmup, min(settings.memoryWarmupSeconds, span / 4)) }
        let fitted = all.filter { firstX(of: $0) >= firstX(of: first) + warmup }

        let points = fitted.reduce(0) { $0 + $1.count }
        let fitSpan = (fitted.last.map(lastX) ?? 0) - (fitted.first.map(firstX) ?? 0)
        let tooShort =
            points < settings.memoryMinPoints || fitted.count < settings.memoryMinWindows
            || (clock != .none && fitSpan < settings.memoryMinSpanSeconds)
        if tooShort { return shortIncident(span: span, context: context) }

        // TODO(#4): a sawtooth whose teeth last over a fifth of the fit leaves too few windows
        // and the series is skipped without a word; an info incident would say so.
        let windows = self.windows(fitted, span: span)
        guard windows.count >= settings.memoryMinWindows,
            let finding = firstGrowingSegment(windows)
        else { return nil }
        return growthIncident(finding, context: context)
    }

    /// Groups `buckets` into windows of equal width: `memoryTargetWindows`, fewer when
    /// resets show a sawtooth, so that each window spans 1.5 teeth and holds a trough.
    func windows(_ buckets: [MemoryBucket], span: Double) -> [MemoryBucket] {
        guard let first = buckets.first, let last = buckets.last else { return [] }
        let fitSpan = lastX(of: last) - firstX(of: first)
        var count = max(settings.memoryTargetWindows, 1)
        if series.drops >= 2 {
            let tooth = span / Double(series.drops)
            // Bounded before it becomes an Int: times near the largest Double overflow it.
            let teeth = (fitSpan / (1.5 * tooth)).rounded(.down)
            if teeth.isFinite { count = Int(min(max(teeth, 0), Double(count))) }
        }
        guard count > 0, fitSpan > 0, fitSpan.isFinite else { return [] }

        // Only the windows that get a bucket: `count` comes from the config and may be huge.
        var windows: [Int: MemoryBucket] = [:]
        for bucket in buckets {
            let middle = (firstX(of: bucket) + lastX(of: bucket)) / 2
            let share = ((middle - firstX(of: first)) / fitSpan * Double(count)).rounded(.down)
            let slot = share.isFinite ? Int(min(max(share, 0), Double(count - 1))) : count - 1
            windows[slot, default: MemoryBucket()].append(bucket)
        }
        return windows.sorted { $0.key < $1.key }.map(\.value).filter { $0.count > 0 }
    }

    /// The earliest run of windows to the end whose floor rises consistently and fast
    /// enough: the growth and since when it holds.
    func firstGrowingSegment(_ windows: [MemoryBucket], refine: Bool = true) -> MemoryFinding? {
        let minimum = settings.memoryMinWindows
        guard windows.count >= minimum else { return nil }
        for start in 0...(windows.count - minimum) {
            let segment = Array(windows[start...])
            guard let firstWindow = segment.first, let lastWindow = segment.last else { continue }
            let span = lastX(of: lastWindow) - firstX(of: firstWindow)
            if clock != .none, span < settings.memoryMinSpanSeconds { break }

            let origin = firstX(of: firstWindow)
            let points = segment.map {
                (x: (firstX(of: $0) + lastX(of: $0)) / 2 - origin, y: $0.minimum)
            }
            guard let trend = TheilSenTrend(points),
                trend.consistency >= settings.memoryMinTrendConsistency
            else { continue }
            let level = trend.value(at: 0)
            guard level > 0, trend.slope > 0 else { continue }

            let finding = MemoryFinding(
                windows: segment, trend: trend, level: level, span: span, clock: clock)
            guard finding.exceeds(settings) else { continue }
            return refine ? onset(of: finding) ?? finding : finding
        }
        return nil
    }

    /// The finding from the window where the floor starts rising: windows at the start
    /// whose floor rose less than half the fitted rise per window are flat lead-in, and a
    /// refit from the first rising one gives the rate and since when, if it still holds.
    func onset(of finding: MemoryFinding) -> MemoryFinding? {
        let windows = finding.windows
        guard windows.count > settings.memoryMinWindows else { return nil }
        var start = 0
        while start + settings.memoryMinWindows < windows.count {
            let step =
                (firstX(of: windows[start + 1]) + lastX(of: windows[start + 1])) / 2
                - (firstX(of: windows[start]) + lastX(of: windows[start])) / 2
            let rise = windows[start + 1].minimum - windows[start].minimum
            guard rise < 0.5 * finding.trend.slope * step else { break }
            start += 1
        }
        guard start > 0 else { return nil }
        return firstGrowingSegment(Array(windows[start...]), refine: false)
    }
}

/// A fitted rise of a memory floor over the windows from some point to the end.
struct MemoryFinding {
    let windows: [MemoryBucket]
    let trend: TheilSenTrend
    /// The fitted floor at the segment's start.
    let level: Double
    /// Seconds (or steps) the segment spans.
    let span: Double
    let clock: MemoryJudgement.Clock

    /// Growth in percent per hour; `nil` without a clock.
    var percentPerHour: Double? {
        clock == .none ? nil : trend.slope * 3600 / level * 100
    }

    /// Growth over the segment, in percent.
    var percentOverall: Double { trend.slope * span / level * 100 }

    /// Growth per 1000 steps in percent, for step-only series.
    var percentPer1000Steps: Double { trend.slope * 1000 / level * 100 }

    /// True when the growth breaks the rule.
    func exceeds(_ settings: FleetSettings) -> Bool {
        if let rate = percentPerHour { return rate > settings.memoryGrowthPercentPerHour }
        return percentOverall > settings.memoryGrowthUntimedPercent
    }
}
