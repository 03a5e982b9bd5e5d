/// Finds where one throughput-like series falls below its own earlier level.
///
/// After `warmupPoints` (compilation, caches) the series is cut into windows of
/// `windowPoints`; a window whose mean is below `ratio` × the median of the earlier
/// windows' means is low, and `sustainWindows` low windows in a row are a drop. Low
/// windows never join the baseline, so a drop that lasts to the end stays a drop. A drop
/// starts at the first point below the threshold, looking back into the window before.
/// A step going backwards is a restart: warm-up and baseline begin again.
struct LevelDropTracker: BucketHolder {
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
    private(set) var buckets = StepHistory(capacity: 512)
    private var baseline: MedianWindow
    private var window: [(point: Point, position: Double)] = []
    /// The sum of the values in `window`, added in order as they came.
    private var windowSum = 0.0
    private var previousWindow: [(point: Point, position: Double)] = []
    private var warm = 0
    private var low: Episode?
    private var lastPosition = -Double.infinity

    /// Creates a tracker with `settings`.
    init(settings: ThroughputDropSettings) {
        self.settings = settings
        baseline = MedianWindow(capacity: settings.baselineWindows)
    }

    /// Takes the next point at `position`.
    mutating func observe(_ point: Point, position: Double) {
        guard point.value.isFinite, point.value >= 0 else { return }
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
        window.append((point, position))
        windowSum += point.value
        if window.count >= max(1, settings.windowPoints) { closeWindow() }
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
        let mean = windowSum / Double(window.count)
        defer {
            swap(&previousWindow, &window)
            window.removeAll(keepingCapacity: true)
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
        guard let last = window.last else { return }
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
        var start = window.first { $0.point.value < threshold } ?? window[0]
        for item in previousWindow.reversed() {
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
        window.removeAll(keepingCapacity: true)
        windowSum = 0
        previousWindow.removeAll(keepingCapacity: true)
        warm = 0
    }
}
