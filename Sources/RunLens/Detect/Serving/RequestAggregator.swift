/// How request windows are laid out.
public enum WindowAxis: String, Codable, Sendable {
    /// Tumbling windows of `windowSeconds`, aligned to multiples of the width.
    case time
    /// Windows of `untimedWindowRequests` consecutive requests, for logs without times.
    case requests
}

/// The whole-log and per-window statistics of one set of requests.
///
/// The axis is settled by the first timed request, wherever it comes: until one arrives,
/// requests are laid out by their number, so a log without any time gets windows of
/// consecutive requests. When one arrives those windows are dropped, and the requests before
/// it count for the whole log only, like any later request without a time: a warm-up or
/// header record without a time decides nothing. Windows stay open until the end, so
/// requests may arrive in any order.
// TODO(#5): windows stay open until the end (requests may arrive in any order), so memory
// grows with the number of windows (each at most 3 metrics × max(cap × 8 bytes, 32 KiB));
// closing the windows the stream has left far behind would bound it by the lateness.
struct RequestAggregator {
    private(set) var timed = false
    private(set) var whole: RequestAccumulator
    private(set) var firstTime: Double?
    private(set) var lastTime: Double?
    private(set) var untimed = 0
    private var windows: [Int64: RequestAccumulator] = [:]
    private let settings: ServingSettings
    private let targets: [LatencyTarget]

    /// Creates an empty aggregator.
    init(settings: ServingSettings, targets: [LatencyTarget]) {
        self.settings = settings
        self.targets = targets
        whole = RequestAccumulator(
            targets: targets, valueCap: settings.wholeLogValueCap, tokenDistributions: true)
    }

    /// Adds one request, the `ordinal`-th (1-based) of the log.
    mutating func add(_ sample: RequestSample, ordinal: Int) {
        let time = sample.time.flatMap { $0.isFinite ? $0 : nil }
        let ref = RequestRef(file: sample.file, line: sample.line, time: time, ordinal: ordinal)
        // A time too far from zero for a window (fuzzed, or garbage) is no time at all.
        let slot = time.flatMap { Self.window(of: $0, width: settings.windowSeconds) }
        if slot != nil, !timed { layOutByTime() }
        whole.add(sample, ref: ref)
        if let time, slot != nil {
            firstTime = min(firstTime ?? time, time)
            lastTime = max(lastTime ?? time, time)
        }

        let requestWindow = Int64((ordinal - 1) / max(1, settings.untimedWindowRequests))
        guard let index = timed ? slot : requestWindow else {
            untimed += 1
            return
        }
        if windows[index] == nil {
            windows[index] = RequestAccumulator(
                targets: targets, valueCap: settings.windowValueCap, tokenDistributions: false)
        }
        windows[index]?.add(sample, ref: ref)
    }

    /// Time windows once a request had a time, request windows before; `nil` while empty.
    var axis: WindowAxis? {
        whole.requests == 0 ? nil : (timed ? .time : .requests)
    }

    /// Statistics of the whole log.
    func wholeStats() -> ServingStats {
        let span = firstTime.flatMap { first in lastTime.map { $0 - first } }
        return whole.stats(seconds: axis == .time ? span : nil)
    }

    /// The windows in order, with their bounds (seconds, or request ordinals).
    func windowStats() -> [ServingWindow] {
        windows.keys.sorted().compactMap { index in
            guard let accumulator = windows[index] else { return nil }
            let bounds = self.bounds(of: index)
            let seconds = axis == .time ? settings.windowSeconds : nil
            return ServingWindow(
                start: bounds.start, end: bounds.end, stats: accumulator.stats(seconds: seconds))
        }
    }

    /// Switches to time windows at the first timed request: the requests before it were held
    /// in request windows only in case no time came; now they count for the whole log only.
    private mutating func layOutByTime() {
        timed = true
        windows.removeAll()
        untimed = whole.requests
    }

    /// The number of the window of `width` seconds holding `time`; `nil` when `time` is too
    /// far from zero to number.
    static func window(of time: Double, width: Double) -> Int64? {
        let index = (time / width).rounded(.down)
        return abs(index) < 1e15 ? Int64(index) : nil
    }

    private func bounds(of index: Int64) -> (start: Double, end: Double) {
        if axis == .time {
            let start = Double(index) * settings.windowSeconds
            return (start, start + settings.windowSeconds)
        }
        let size = Double(max(1, settings.untimedWindowRequests))
        return (Double(index) * size + 1, Double(index + 1) * size)
    }
}
