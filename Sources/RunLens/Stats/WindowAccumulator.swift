/// Windowed and whole-run statistics of one series, fed one `(position, value)` at a time.
///
/// **Windows.** In fixed mode (``init(width:exactCapacity:runExactCapacity:ema:)``) window
/// `k` covers `k·width ≤ position < (k+1)·width`. Positions may arrive slightly out of order:
/// a window stays open until a value arrives for a window more than ``closingLag`` (2)
/// windows later; then its statistics are final and wait in ``drainClosedWindows()``. A
/// value for an already closed window is **late**: it counts in the whole-run statistics and
/// in ``lateCount`` but in no window, so no window row is ever emitted twice. In adaptive
/// mode (``init(grid:exactCapacity:runExactCapacity:ema:)``) every window stays open until
/// ``finish()``, and the width follows a ``WindowGrid`` shared by the run's series: when the
/// grid's width doubles, this series merges its windows pairwise before taking the next
/// value, so any arrival order is accepted.
///
/// **Quantiles.** While the series has at most `runExactCapacity` (100,000) finite values,
/// every window holds its values exactly, so window and whole-run quantiles are exact. Past
/// that, a window holds at most `exactCapacity` (4096) values exactly and then switches to a
/// ``QuantileSketch``, and the whole run uses a sketch. Count, mean, standard deviation,
/// extremes, first and last stay exact either way (``SummaryStats``).
/// ``WindowStats/quantilesExact`` and ``Percentiles/isExact`` say which gave the numbers.
///
/// **Whole run.** Each value is summarised once, in its window; a closing window is merged
/// into the whole-run part (late values go there directly), and ``runStats()`` merges in the
/// open windows.
///
/// **Memory**, per series, at most `runExactCapacity × 8` bytes (800 KB) of exact values
/// while the series is small; after that one whole-run sketch (≤ 32 KiB) plus, per window
/// held, `exactCapacity × 8` bytes (32 KiB) or one sketch (≤ 32 KiB). Fixed mode holds at
/// most `closingLag + 1` windows (plus finished ``WindowStats`` rows not yet drained);
/// adaptive mode at most `2 × target + 1` (201 by default), about 6.5 MB in the worst case.
/// No allocation per value once buffers have grown: only when a window opens (fixed mode
/// reuses closed windows' buffers) or switches to a sketch.
///
/// Values whose position is not finite, or is more than 2^52 widths from 0, are rejected
/// entirely and counted in ``rejectedCount``.
public struct WindowAccumulator {
    /// The default number of values a window holds exactly once the series is large.
    public static let defaultExactCapacity = 4096

    /// The default number of values up to which every quantile is exact.
    public static let defaultRunExactCapacity = 100_000

    /// How many windows behind the newest one a fixed-mode window stays open.
    public static let closingLag = 2

    /// The most values a window holds exactly once the series has more than
    /// `runExactCapacity` finite values.
    public let exactCapacity: Int

    /// The number of finite values up to which all quantiles are exact.
    public let runExactCapacity: Int

    /// The current window width (in adaptive mode, as of this series' latest catch-up).
    public internal(set) var width: Double

    /// Values that arrived for a window already closed (counted in the whole run only).
    public private(set) var lateCount = 0

    /// Values rejected because their position was not finite or out of range.
    public private(set) var rejectedCount = 0

    let grid: WindowGrid?
    var doublings = 0
    var windows: [WindowState] = []
    private var spare: [WindowState] = []
    private var closed: [WindowStats] = []
    private var acceptingFrom = Int.min
    private var newest = Int.min
    var finished = false
    var finiteCount = 0
    var windowCapacity = Int.max
    private var runSummary = SummaryStats()
    private var runQuantiles: QuantileAccumulator
    var ema: EMA
    var arrivals = 0

    /// Creates a fixed-mode accumulator with windows `width` wide, or `nil` unless `width` is
    /// positive and finite.
    public init?(
        width: Double, exactCapacity: Int = defaultExactCapacity,
        runExactCapacity: Int = defaultRunExactCapacity, ema: EMA = EMA()
    ) {
        guard width.isFinite, width > 0 else { return nil }

        self.init(
            width: width, grid: nil, exactCapacity: exactCapacity,
            runExactCapacity: runExactCapacity, ema: ema)
    }

    /// Creates an adaptive-mode accumulator whose windows follow `grid`.
    public init(
        grid: WindowGrid, exactCapacity: Int = defaultExactCapacity,
        runExactCapacity: Int = defaultRunExactCapacity, ema: EMA = EMA()
    ) {
        self.init(
            width: grid.width, grid: grid, exactCapacity: exactCapacity,
            runExactCapacity: runExactCapacity, ema: ema)
        doublings = grid.doublings
    }

    private init(
        width: Double, grid: WindowGrid?, exactCapacity: Int, runExactCapacity: Int, ema: EMA
    ) {
        self.width = width
        self.grid = grid
        self.exactCapacity = Swift.max(0, exactCapacity)
        self.runExactCapacity = Swift.max(0, runExactCapacity)
        runQuantiles = QuantileAccumulator(exactCapacity: self.runExactCapacity)
        self.ema = ema
    }

    /// How many windows are open.
    public var openWindowCount: Int { windows.count }

    /// Adds one value logged at `position` (a step, or epoch seconds).
    public mutating func add(position: Double, value: Double) {
        guard let index = windowIndex(of: position) else {
            rejectedCount += 1
            return
        }

        arrivals += 1
        ema.add(value)
        if value.isFinite {
            finiteCount += 1
            if finiteCount > runExactCapacity, windowCapacity > exactCapacity { limitWindows() }
        }
        guard !finished, index >= acceptingFrom else {
            lateCount += 1
            runSummary.add(position: position, value: value)
            runQuantiles.add(value)
            return
        }

        let newestSlot = windows.count - 1
        let slot =
            newestSlot >= 0 && windows[newestSlot].index == index
            ? newestSlot : slot(for: index)
        windows[slot].add(position: position, value: value, ema: ema.value, arrival: arrivals)
        if grid == nil, index > newest {
            newest = index
            close(below: index - Self.closingLag)
        }
    }

    /// Whether windows closed since the last ``drainClosedWindows()``.
    public var hasClosedWindows: Bool { !closed.isEmpty }

    /// Removes and returns the windows closed so far, in position order.
    public mutating func drainClosedWindows() -> [WindowStats] {
        defer { closed.removeAll() }
        return closed
    }

    /// Closes every window and returns those not drained yet, in position order. Later values
    /// count in the whole run only (as late).
    public mutating func finish() -> [WindowStats] {
        catchUp()
        finished = true
        close(below: Int.max)
        spare = []
        return drainClosedWindows()
    }

    /// Statistics over every value added so far, including late ones. O(values held): the
    /// open windows are merged into a copy of the whole-run part.
    public func runStats() -> RunStats {
        var summary = runSummary
        var quantiles = runQuantiles
        for window in windows {
            summary.merge(window.summary)
            quantiles.merge(window.quantiles)
        }

        return RunStats(
            summary: summary, percentiles: quantiles.percentiles(), ema: ema.value,
            sketch: quantiles.makeSketch())
    }

    /// The window index of `position`, or `nil` when it cannot have one.
    private mutating func windowIndex(of position: Double) -> Int? {
        if let grid {
            guard grid.observe(position) else { return nil }
            catchUp()
            return WindowGrid.index(position, width)
        }

        guard position.isFinite, abs(position / width) <= WindowGrid.positionLimit else {
            return nil
        }
        return WindowGrid.index(position, width)
    }

    /// Past `runExactCapacity` finite values, windows stop holding more than `exactCapacity`
    /// values exactly.
    private mutating func limitWindows() {
        windowCapacity = exactCapacity
        for slot in windows.indices {
            windows[slot].quantiles.setExactCapacity(exactCapacity)
        }
    }

    /// Holds at most `capacity` values exactly per window from now on (never more than
    /// ``exactCapacity``) and moves the whole-run quantiles to the sketch at once: for a
    /// caller that shares one exact-value budget between many series and has spent it.
    public mutating func limitExactValues(perWindow capacity: Int) {
        windowCapacity = Swift.min(windowCapacity, exactCapacity, Swift.max(0, capacity))
        runQuantiles.setExactCapacity(0)
        for slot in windows.indices {
            windows[slot].quantiles.setExactCapacity(windowCapacity)
        }
    }

    /// The slot of window `index` in `windows`, opening the window if needed.
    private mutating func slot(for index: Int) -> Int {
        let count = windows.count
        if count == 0 || windows[count - 1].index < index {
            let window = makeWindow(index)
            // Values come in step order, so the window before takes few more, if any.
            if count > 0 { windows[count - 1].quantiles.fitSketch() }
            windows.append(window)
            return count
        }
        if windows[count - 1].index == index { return count - 1 }

        var low = 0
        var high = count - 1
        while low < high {
            let middle = (low + high) / 2
            if windows[middle].index < index { low = middle + 1 } else { high = middle }
        }
        if windows[low].index != index {
            let window = makeWindow(index)
            windows.insert(window, at: low)
        }
        return low
    }

    /// Adaptive windows grow up to the grid's limit and no further: room for exactly that
    /// many, rather than the next power of two, saves a fifth of the per-series state.
    private mutating func makeWindow(_ index: Int) -> WindowState {
        if let grid, windows.count == windows.capacity {
            let limit = 2 * grid.target + 1
            if windows.count < limit {
                windows.reserveCapacity(Swift.min(limit, Swift.max(8, 2 * windows.count)))
            }
        }
        guard var window = spare.popLast() else {
            // A window takes about as many values as the newest before it: room for that many
            // at once instead of growing by doubling (the room stays within the values held).
            let expected = windows.last?.quantiles.exactCount ?? 0
            return WindowState(index: index, exactCapacity: windowCapacity, expected: expected)
        }
        window.reset(index: index, exactCapacity: windowCapacity)
        return window
    }

    /// Closes the windows below `index`, stops accepting values for them, and merges them
    /// into the whole-run part.
    private mutating func close(below index: Int) {
        acceptingFrom = Swift.max(acceptingFrom, index)
        var count = 0
        while count < windows.count, windows[count].index < acceptingFrom {
            closed.append(windows[count].stats(width: width))
            runSummary.merge(windows[count].summary)
            runQuantiles.merge(windows[count].quantiles)
            count += 1
        }

        guard count > 0 else { return }
        spare.append(contentsOf: windows[..<count])
        windows.removeFirst(count)
    }
}
