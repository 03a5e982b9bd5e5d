/// Finds where one throughput-like series falls below its own earlier level.
///
/// After `warmupPoints` (compilation, caches) the series is cut into windows of
/// `windowPoints`; a window whose mean is below `ratio` × the median of the earlier
/// windows' means is low, and `sustainWindows` low windows in a row are a drop. Low
/// windows never join the baseline, so a drop that lasts to the end stays a drop. A drop
/// starts at the first point below the threshold, looking back into the window before.
/// A step going backwards is a restart: warm-up and baseline begin again.
struct LevelDropTracker: BucketHolder, StretchFilling {
    /// One drop.
    struct Episode {
        var first: Point
        var last: Point
        var firstPosition: Double
        var lastPosition: Double
        var baseline: Double
        var threshold: Double
        var lowest: Double
        var windows: Int
    }

    let settings: ThroughputDropSettings
    private(set) var episodes: [Episode] = []
    /// The series after warm-up, for comparing ranks at the same steps.
    private(set) var buckets = TimedMeanHistory(capacity: 512)
    private var baseline: MedianWindow
    /// The open window's points: the first `windowCount` of `window`, whose size is a
    /// window's, so that a point is stored without growing (or checking) the array.
    private var window: [(point: Point, position: Double)]
    private var windowCount = 0
    /// The sum of the open window's values, added in order as they came.
    private var windowSum = 0.0
    /// The window closed last: the first `previousCount` of `previousWindow`.
    private var previousWindow: [(point: Point, position: Double)]
    private var previousCount = 0
    private var warm = 0
    private var low: Episode?
    private var lastPosition = -Double.infinity

    /// Creates a tracker with `settings`.
    init(settings: ThroughputDropSettings) {
        self.settings = settings
        baseline = MedianWindow(capacity: settings.baselineWindows)
        let unset = Point(step: .nan, time: .nan, value: .nan, line: 0, file: -1)
        // TODO(#8): unchecked sizes: the config allows window_points up to 100,000, taken here
        // at once for every throughput series, so thousands of ranks could ask for gigabytes;
        // growing the window as points come, or a budget the series share, would bound it.
        window = Array(repeating: (unset, .nan), count: max(1, settings.windowPoints))
        previousWindow = window
    }

    /// Takes the next point at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFiniteAndNotNegative else { return }
        if position < lastPosition {
            restart()
            buckets.truncate(from: position)
        }
        lastPosition = position
        guard warm >= settings.warmupPoints else {
            warm += 1
            return
        }

        buckets.add(step: position, time: point.time, value: point.value)
        window[windowCount] = (point, position)
        windowCount += 1
        windowSum += point.value
        if windowCount >= window.count { closeWindow() }
    }

    /// Takes the points of `run` from `start` on while each is skipped or, past the
    /// warm-up and not behind the last position, lands in a bucket held without closing the
    /// window; returns where it stopped.
    mutating func fill(_ run: SeriesRun, on axis: Axis, from start: Int) -> Int {
        guard warm >= settings.warmupPoints else { return start }
        var last = lastPosition
        var sum = windowSum
        var count = windowCount
        var open: [(point: Point, position: Double)] = []
        swap(&open, &window)
        let room = open.count - 1
        let end = buckets.filling { filler in
            open.withUnsafeMutableBufferPointer { open in
                var at = start
                while at < run.positions.count {
                    let point = run.points[run.positions[at]].point
                    let position = axis.position(of: point)
                    if position.isFinite, point.value.isFiniteAndNotNegative {
                        guard position >= last, count < room,
                            filler.add(step: position, time: point.time, value: point.value)
                        else { break }
                        last = position
                        open[count] = (point, position)
                        count += 1
                        sum += point.value
                    }
                    at += 1
                }
                return at
            }
        }
        swap(&open, &window)
        lastPosition = last
        windowSum = sum
        windowCount = count
        return end
    }

    /// Keeps the history within `capacity` buckets from now on.
    mutating func limitBuckets(to capacity: Int) {
        buckets.limit(to: capacity)
    }

    /// Ends a drop still open at the end of the run.
    mutating func finish() {
        endLow()
    }

    private mutating func closeWindow() {
        let mean = windowSum / Double(windowCount)
        defer {
            swap(&previousWindow, &window)
            previousCount = windowCount
            windowCount = 0
            windowSum = 0
        }
        guard baseline.count >= settings.minBaselineWindows,
            let median = baseline.median, median > 0
        else {
            baseline.append(mean)
            return
        }

        let threshold = settings.ratio * median
        guard mean < threshold else {
            endLow()
            baseline.append(mean)
            return
        }
        extendLow(mean: mean, median: median, threshold: threshold)
    }

    private mutating func extendLow(mean: Double, median: Double, threshold: Double) {
        guard windowCount > 0 else { return }
        let last = window[windowCount - 1]
        if var current = low {
            current.last = last.point
            current.lastPosition = last.position
            current.lowest = min(current.lowest, mean)
            current.windows += 1
            low = current
            return
        }
        let start = dropStart(threshold: threshold)
        low = Episode(
            first: start.point, last: last.point, firstPosition: start.position,
            lastPosition: last.position, baseline: median, threshold: threshold, lowest: mean,
            windows: 1)
    }

    private func dropStart(threshold: Double) -> (point: Point, position: Double) {
        let open = window[..<windowCount]
        var start = open.first { $0.point.value < threshold } ?? window[0]
        for item in previousWindow[..<previousCount].reversed() {
            guard item.point.value < threshold else { break }
            start = item
        }
        return start
    }

    private mutating func endLow() {
        defer { low = nil }
        guard let current = low, current.windows >= max(1, settings.sustainWindows),
            episodes.count < NonFiniteTracker.maxEpisodes
        else { return }
        episodes.append(current)
    }

    private mutating func restart() {
        endLow()
        baseline.removeAll()
        windowCount = 0
        windowSum = 0
        previousCount = 0
        warm = 0
    }
}
