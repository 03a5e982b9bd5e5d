/// Windowed and whole-run statistics of every series, fed by the run assembler.
///
/// Step-indexed series share one window grid, so their windows line up across ranks: a
/// fixed width from `--window-steps`, else a width that doubles as the run grows (about
/// 100–200 windows a run). Time-indexed series use fixed windows of `windowSeconds`.
///
/// **Memory.** All series share one budget of ``exactBudget`` values held exactly (2 MiB):
/// a small log's quantiles are all exact. Once more values than that have arrived, every
/// series' whole-run quantiles move to its sketch and each window holds at most its share
/// of the budget exactly (the budget over the windows the run may hold open), so memory
/// stays flat however long the log is.
///
/// Adaptive windows all stay open until the end, so the series following the grid share a
/// budget of windows too (``windowBudget``): up to 128 such series aim for 100 windows each;
/// past that the grid aims for half as many each time their number doubles (50, 25, 12,
/// then 6 from 1,025 series on), so a run with many ranks and metrics gets coarser windows
/// in about the same memory rather than more memory.
///
/// Finished windows are held as compact rows; once ``heldRowBudget`` rows are held over all
/// series, each series' held rows, when at least ``leastSpilledRows``, move to one unlinked
/// temporary file (``WindowSpill``) as a block, so that the rows held stay flat however many
/// windows a long run with small fixed windows closes.
final class SeriesStatistics: SeriesObserver {
    /// The values held exactly over all series before quantiles come from sketches.
    static let exactBudget = 1 << 18

    /// The windows aimed for per series following the shared grid, by their number.
    static let windowBudget = SharedBudget(
        full: WindowGrid.defaultTarget, fullShares: 128, least: WindowGrid.defaultTarget / 16)

    /// Window rows held in memory over all series before they move to the temporary file.
    static let heldRowBudget = 8_192

    /// The fewest held rows of a series that move out as a block.
    static let leastSpilledRows = 32

    private let grid: WindowGrid
    private let windowSteps: Double?
    private let windowSeconds: Double
    private var accumulators: [WindowAccumulator] = []
    private var axes: [Axis] = []
    private var closed: [WindowRows] = []
    private var arrivals = 0
    private var windowShare: Int?
    private let budget: Int
    /// Per series: whether its windows follow the shared grid.
    private var followsGrid: [Bool] = []
    private var hasAdaptiveWindows = false
    /// How many series follow the shared grid.
    private var gridSeries = 0
    private var groups = SeriesGroups()
    private let spillDirectory: String
    private let heldRowLimit: Int
    private let leastSpilled: Int
    /// Rows held over all series, and how many trigger the next spill.
    private var heldRows = 0
    private var spillAt: Int
    private var spill: WindowSpill?
    /// The first failure to create or write the temporary file; rows stay held after it.
    private(set) var spillFailure: WindowSpillError?

    /// Creates the statistics; `heldRows` and `leastSpilled` set the spilling of window rows
    /// (``heldRowBudget``, ``leastSpilledRows``), into a file in `spillDirectory`.
    init(
        windowSteps: Double?, windowSeconds: Double, exactBudget: Int = exactBudget,
        heldRows: Int = heldRowBudget, leastSpilled: Int = leastSpilledRows,
        spillDirectory: String = WindowSpill.defaultDirectory
    ) {
        budget = exactBudget
        heldRowLimit = Swift.max(1, heldRows)
        spillAt = heldRowLimit
        self.leastSpilled = Swift.max(1, leastSpilled)
        self.spillDirectory = spillDirectory
        grid = WindowGrid()
        self.windowSteps = windowSteps
        self.windowSeconds = windowSeconds
    }

    func seriesCreated(_ descriptor: SeriesDescriptor) {
        axes.append(descriptor.axis)
        closed.append([])
        accumulators.append(makeAccumulator(descriptor.axis))
        followsGrid.append(accumulators[accumulators.count - 1].grid != nil)
        if followsGrid[followsGrid.count - 1] {
            hasAdaptiveWindows = true
            gridSeries += 1
            shareWindows()
        }
        if windowShare != nil {
            windowShare = share()
            accumulators[accumulators.count - 1].limitExactValues(perWindow: windowShare ?? 0)
        }
    }

    func observe(series index: Int, point: Point) {
        // An adaptive accumulator records its position in the shared grid itself, and only
        // fixed windows close before the end.
        accumulators[index].add(position: axes[index].position(of: point), value: point.value)
        arrivals += 1
        afterAdding(series: index)
    }

    /// Takes a batch of points of series all created: series by series when nothing
    /// series share can change during the batch, else with the accumulators held once for
    /// the run of points up to the next rare step (a closed window, the budget spent).
    func observe(_ points: UnsafeBufferPointer<CommittedPoint>) {
        observe(points, groups: nil)
    }

    /// The statistics take a batch grouped by series when the fan-out groups it anyway.
    var takesSeriesGroups: Bool { true }

    /// Takes a batch as ``observe(_:)`` does, its points grouped by series in `groups`
    /// already.
    func observe(
        _ points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) {
        observe(points, groups: groups)
    }

    private func observe(
        _ points: UnsafeBufferPointer<CommittedPoint>, groups: BatchSeriesGroups?
    ) {
        if windowShare != nil || points.count <= budget - arrivals {
            guard gridKeepsWidth(points) else { return observeAcrossDoublings(points) }
            return observeBySeries(points, groups: groups)
        }

        var next = 0
        while next < points.count {
            next = add(points, from: next)
            afterAdding(series: points[next - 1].series)
        }
    }

    /// Takes a batch, within the budget, in which the shared grid doubles its width: each
    /// point that doubles it alone, and the runs of points between them series by series,
    /// as batches of their own. The same as point by point, as the grid keeps its width
    /// through each run.
    private func observeAcrossDoublings(_ points: UnsafeBufferPointer<CommittedPoint>) {
        var start = 0
        while start < points.count {
            let end = widthKeepingEnd(points, from: start)
            let run = UnsafeBufferPointer(rebasing: points[start..<end])
            if !run.isEmpty, gridKeepsWidth(run) {
                observeBySeries(run, groups: nil)
            } else {
                for item in run { observe(series: item.series, point: item.point) }
            }
            guard end < points.count else { return }

            observe(series: points[end].series, point: points[end].point)
            start = end + 1
        }
    }

    /// Where the run of points from `start` through which the shared grid keeps its width
    /// ends: at the first point whose position the grid accepts and that would double it
    /// (with those before it), or at the end of the batch.
    private func widthKeepingEnd(
        _ points: UnsafeBufferPointer<CommittedPoint>, from start: Int
    ) -> Int {
        var low = Double.infinity
        var high = -Double.infinity
        for index in start..<points.count where followsGrid[points[index].series] {
            let position = axes[points[index].series].position(of: points[index].point)
            guard grid.accepts(position) else { continue }

            low = Swift.min(low, position)
            high = Swift.max(high, position)
            if !grid.keepsWidth(low: low, high: high) { return index }
        }
        return points.count
    }

    /// Whether the shared grid keeps its width through the batch; if so, records the batch's
    /// lowest and highest positions the grid accepts in it at once, as observing them all
    /// would. Then adaptive windows too depend on their own series' points alone.
    private func gridKeepsWidth(_ points: UnsafeBufferPointer<CommittedPoint>) -> Bool {
        guard hasAdaptiveWindows else { return true }

        var (low, high) = positionRange(points, acceptedOnly: false)
        if low <= high, !grid.accepts(low) || !grid.accepts(high) {
            (low, high) = positionRange(points, acceptedOnly: true)
        }
        return low > high || grid.observeKeepingWidth(low: low, high: high)
    }

    /// The lowest and highest position of the batch's points on the grid (NaN ones left
    /// out), or only of those the grid accepts. When the grid accepts both ends of the
    /// first, it accepts every position between them, so both ranges are the same.
    private func positionRange(
        _ points: UnsafeBufferPointer<CommittedPoint>, acceptedOnly: Bool
    ) -> (low: Double, high: Double) {
        var low = Double.infinity
        var high = -Double.infinity
        axes.withUnsafeBufferPointer { axes in
            followsGrid.withUnsafeBufferPointer { followsGrid in
                for item in points where followsGrid[item.series] {
                    let position = axes[item.series].position(of: item.point)
                    if acceptedOnly, !grid.accepts(position) { continue }
                    // As `Swift.min` and `Swift.max` pick among equal values (and skip NaN).
                    if position < low { low = position }
                    if position >= high { high = position }
                }
            }
        }
        return (low, high)
    }

    /// Gives each accumulator its points of the batch in one call, in batch order. The same
    /// as point by point when series share nothing during the batch that could change: a
    /// series' windows depend on its own points alone while the grid keeps its width, and
    /// the budget is not spent within the batch (it was before, or the batch stays under it).
    /// The points are grouped here unless `batchGroups` holds them grouped already.
    private func observeBySeries(
        _ points: UnsafeBufferPointer<CommittedPoint>, groups batchGroups: BatchSeriesGroups?
    ) {
        if batchGroups == nil { axes.withUnsafeBufferPointer { groups.group(points, axes: $0) } }
        arrivals += points.count
        for series in accumulators.indices {
            if let batchGroups {
                let indices = batchGroups.positions(ofSeries: series)
                groups.gather(points, at: indices, axis: axes[series]) { positions, values in
                    accumulators[series].add(positions: positions, values: values)
                }
            } else {
                groups.withPoints(of: series) { positions, values in
                    accumulators[series].add(positions: positions, values: values)
                }
            }
            if accumulators[series].hasClosedWindows {
                keep(accumulators[series].drainClosedWindows(), of: series)
            }
        }
    }

    /// Adds points from `start` on until one closes a window or spends the budget; returns
    /// the position after the last point added.
    private func add(_ points: UnsafeBufferPointer<CommittedPoint>, from start: Int) -> Int {
        let budget = budget
        let limited = windowShare != nil
        var arrivals = arrivals
        defer { self.arrivals = arrivals }
        return axes.withUnsafeBufferPointer { axes in
            accumulators.withUnsafeMutableBufferPointer { accumulators in
                for position in start..<points.count {
                    let series = points[position].series
                    let point = points[position].point
                    accumulators[series].add(
                        position: axes[series].position(of: point), value: point.value)
                    arrivals += 1
                    if (arrivals > budget && !limited) || accumulators[series].hasClosedWindows {
                        return position + 1
                    }
                }
                return points.count
            }
        }
    }

    /// What `observe(series:point:)` does after adding a point, rarely anything.
    private func afterAdding(series index: Int) {
        if arrivals > budget, windowShare == nil { limitExactValues() }
        if accumulators[index].hasClosedWindows {
            keep(accumulators[index].drainClosedWindows(), of: index)
        }
    }

    func finish() {
        for index in accumulators.indices {
            // Adaptive windows all arrive now: room for exactly these, not the next power of 2.
            let windows = accumulators[index].finish()
            closed[index].reserveCapacity(closed[index].count + windows.count)
            keep(windows, of: index)
        }
    }

    /// The summaries, in series order; call after `finish`.
    func summaries(descriptors: [SeriesDescriptor]) -> [SeriesSummary] {
        descriptors.indices.map { index in
            let descriptor = descriptors[index]
            let run = accumulators[index].runStats()
            return SeriesSummary(
                name: descriptor.name, rank: descriptor.rank, device: descriptor.device,
                role: descriptor.info.role, axis: descriptor.axis, scale: descriptor.info.scale,
                stats: Self.row(run), windows: closed[index], mergeable: run,
                unitUnstated: descriptor.info.unitUnstated)
        }
    }

    /// Values left out because their step or time was too far from zero to place in a
    /// window (more than 2^52 initial widths), over all series.
    var valuesOffAxis: Int {
        accumulators.reduce(0) { $0 + $1.rejectedCount }
    }

    /// Forgets every series' accumulator and rows, giving back their room: for after
    /// ``summaries(descriptors:)``, once nothing more will be asked.
    func release() {
        accumulators = []
        closed = []
        groups = SeriesGroups()
    }

    /// Stores the finished windows of series `index` as compact rows, spilling when enough
    /// rows are held.
    private func keep(_ windows: [WindowStats], of index: Int) {
        for stats in windows { closed[index].append(Self.window(stats)) }
        heldRows += windows.count
        if heldRows >= spillAt { spillHeldRows() }
    }

    /// Moves the held rows of every series that holds at least `leastSpilled` to the
    /// temporary file, creating it the first time; the next spill comes once `heldRowLimit`
    /// more rows are held. After a failure, rows stay in memory and the analysis reports it.
    private func spillHeldRows() {
        do throws(WindowSpillError) {
            let file: WindowSpill
            if let spill {
                file = spill
            } else {
                file = try WindowSpill.create(in: spillDirectory)
                spill = file
            }
            for index in closed.indices where closed[index].heldCount >= leastSpilled {
                let rows = closed[index].heldCount
                try closed[index].spill(to: file)
                heldRows -= rows
            }
            spillAt = heldRows + heldRowLimit
        } catch {
            spillFailure = error
            spillAt = .max
        }
    }

    /// The budget is spent: from now on quantiles come from sketches, except in windows
    /// small enough for their share.
    private func limitExactValues() {
        let perWindow = share()
        windowShare = perWindow
        for index in accumulators.indices {
            accumulators[index].limitExactValues(perWindow: perWindow)
        }
    }

    /// Lowers the grid's target to the series' share of the window budget when that is
    /// fewer windows, and has every series follow at once.
    private func shareWindows() {
        let target = Self.windowBudget.share(among: gridSeries)
        guard target < grid.target else { return }

        grid.lower(target: target)
        for index in accumulators.indices where followsGrid[index] {
            accumulators[index].fitGrid()
        }
    }

    /// Each window's share of the budget: adaptive windows all stay open (up to
    /// `2 × target + 1` per series), fixed ones at most `closingLag + 1`.
    // TODO(#8): windows share a budget (``windowBudget``) and so do exact values, but a
    // spilled window's sketch still takes 8 bytes per bucket its values span (a few hundred
    // bytes for a metric that moves by per cents within a window, up to 32 KiB for one
    // spanning decades), bounded only through the number of windows; a bucket budget shared
    // by the window sketches (coarsening them toward SPEC's 1% as it is spent) would cap it.
    private func share() -> Int {
        let adaptive = windowSteps == nil && axes.contains(.step)
        let open = adaptive ? 2 * grid.target + 1 : WindowAccumulator.closingLag + 1
        return budget / Swift.max(1, accumulators.count * open)
    }

    private func makeAccumulator(_ axis: Axis) -> WindowAccumulator {
        switch axis {
        case .time:
            return WindowAccumulator(width: windowSeconds) ?? WindowAccumulator(grid: grid)
        case .step:
            if let width = windowSteps, let fixed = WindowAccumulator(width: width) { return fixed }
            return WindowAccumulator(grid: grid)
        }
    }

    static func row(_ run: RunStats) -> StatRow {
        var row = StatRow()
        let summary = run.summary
        row.count = summary.count
        row.nonfinite = summary.nonfinite
        row.mean = summary.mean
        row.std = summary.std
        row.min = summary.min
        row.max = summary.max
        row.p50 = run.percentiles?.p50
        row.p95 = run.percentiles?.p95
        row.p99 = run.percentiles?.p99
        row.quantilesExact = run.percentiles?.isExact ?? true
        row.first = summary.first?.value
        row.last = summary.last?.value
        row.ema = run.ema
        return row
    }

    private static func window(_ stats: WindowStats) -> WindowRow {
        var row = StatRow()
        row.count = stats.count
        row.nonfinite = stats.nonfinite
        row.mean = stats.mean
        row.std = stats.std
        row.min = stats.min
        row.max = stats.max
        row.p50 = stats.p50
        row.p95 = stats.p95
        row.p99 = stats.p99
        row.first = stats.first?.value
        row.last = stats.last?.value
        row.ema = stats.ema
        row.quantilesExact = stats.quantilesExact
        return WindowRow(start: stats.windowStart, end: stats.windowEnd, stats: row)
    }
}

/// A batch's points grouped by series, in batch order within each series: their positions
/// and values in two flat buffers, kept between batches (a stable counting sort).
private struct SeriesGroups {
    /// After ``group(_:axes:)``, where the points of each series end.
    private var ends: [Int] = []
    private var positions: [Double] = []
    private var values: [Double] = []

    /// Groups `points`, whose series are below `axes.count`, by series.
    mutating func group(
        _ points: UnsafeBufferPointer<CommittedPoint>, axes: UnsafeBufferPointer<Axis>
    ) {
        if ends.count != axes.count { ends = Array(repeating: 0, count: axes.count) }
        if positions.count < points.count {
            positions = Array(repeating: 0, count: points.count)
            values = positions
        }
        ends.withUnsafeMutableBufferPointer { ends in
            Self.countStarts(points, into: ends)
            positions.withUnsafeMutableBufferPointer { positions in
                values.withUnsafeMutableBufferPointer { values in
                    for item in points {
                        let slot = ends[item.series]
                        ends[item.series] = slot + 1
                        positions[slot] = axes[item.series].position(of: item.point)
                        values[slot] = item.point.value
                    }
                }
            }
        }
    }

    /// Sets `starts[s]` to where the points of series `s` begin.
    private static func countStarts(
        _ points: UnsafeBufferPointer<CommittedPoint>, into starts: UnsafeMutableBufferPointer<Int>
    ) {
        for series in starts.indices { starts[series] = 0 }
        for item in points { starts[item.series] &+= 1 }
        var start = 0
        for series in starts.indices {
            let count = starts[series]
            starts[series] = start
            start += count
        }
    }

    /// Calls `body` with the positions on `axis` and the values of the points of `points` at
    /// `indices`, in that order, unless there are none; instead of ``group(_:axes:)``, for a
    /// batch grouped already.
    mutating func gather(
        _ points: UnsafeBufferPointer<CommittedPoint>, at indices: UnsafeBufferPointer<Int>,
        axis: Axis, _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Void
    ) {
        guard !indices.isEmpty else { return }

        if positions.count < indices.count {
            positions = Array(repeating: 0, count: Swift.max(indices.count, 2 * positions.count))
            values = positions
        }
        positions.withUnsafeMutableBufferPointer { positions in
            values.withUnsafeMutableBufferPointer { values in
                // One loop per axis: the choice made once, not at every point.
                switch axis {
                case .step:
                    for slot in indices.indices {
                        (positions[slot], values[slot]) = Self.stepAndValue(points[indices[slot]])
                    }
                case .time:
                    for slot in indices.indices {
                        (positions[slot], values[slot]) = Self.timeAndValue(points[indices[slot]])
                    }
                }
                body(
                    UnsafeBufferPointer(rebasing: positions[..<indices.count]),
                    UnsafeBufferPointer(rebasing: values[..<indices.count]))
            }
        }
    }

    @inline(__always)
    private static func stepAndValue(_ item: CommittedPoint) -> (Double, Double) {
        (item.point.step, item.point.value)
    }

    @inline(__always)
    private static func timeAndValue(_ item: CommittedPoint) -> (Double, Double) {
        (item.point.time, item.point.value)
    }

    /// Calls `body` with the positions and values of series `series`, unless it has none.
    func withPoints(
        of series: Int, _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Void
    ) {
        let range = (series == 0 ? 0 : ends[series - 1])..<ends[series]
        guard !range.isEmpty else { return }

        positions.withUnsafeBufferPointer { positions in
            values.withUnsafeBufferPointer { values in
                body(
                    UnsafeBufferPointer(rebasing: positions[range]),
                    UnsafeBufferPointer(rebasing: values[range]))
            }
        }
    }
}
