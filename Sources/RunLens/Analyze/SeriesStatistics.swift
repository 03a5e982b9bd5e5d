/// Windowed and whole-run statistics of every series, fed by the run assembler.
///
/// Step-indexed series share one window grid, so their windows line up across ranks: a
/// fixed width from `--window-steps`, else a width that doubles as the run grows (about
/// 100–200 windows a run). Time-indexed series use fixed windows of `windowSeconds`.
final class SeriesStatistics: SeriesObserver {
    private let grid: WindowGrid
    private let windowSteps: Double?
    private let windowSeconds: Double
    private var accumulators: [WindowAccumulator] = []
    private var axes: [Axis] = []
    private var closed: [[WindowStats]] = []

    init(windowSteps: Double?, windowSeconds: Double) {
        grid = WindowGrid()
        self.windowSteps = windowSteps
        self.windowSeconds = windowSeconds
    }

    func seriesCreated(_ descriptor: SeriesDescriptor) {
        axes.append(descriptor.axis)
        closed.append([])
        accumulators.append(makeAccumulator(descriptor.axis))
    }

    func observe(series index: Int, point: Point) {
        let position = axes[index].position(of: point)
        if axes[index] == .step, windowSteps == nil, position.isFinite {
            _ = grid.observe(position)
        }
        accumulators[index].add(position: position, value: point.value)
        if axes[index] == .time || windowSteps != nil {
            let finished = accumulators[index].drainClosedWindows()
            if !finished.isEmpty { closed[index].append(contentsOf: finished) }
        }
    }

    func finish() {
        for index in accumulators.indices {
            closed[index].append(contentsOf: accumulators[index].finish())
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
                stats: Self.row(run), windows: closed[index].map(Self.window), mergeable: run)
        }
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
