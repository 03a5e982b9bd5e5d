/// A series observer that takes a batch's points in one call.
///
/// The loop over the points then runs inside the observer's own code, where the call to
/// its `observe(series:point:)` is direct (and can be inlined) instead of one dynamic
/// dispatch per point from ``ObserverFanOut``. A conformance needs no code: the default
/// below is compiled once for each conforming class.
protocol BatchObserver: SeriesObserver {
    /// Takes, in order, the points of `points` at `positions`.
    func observe(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>)
    /// Takes every point of `points`, in order.
    func observe(_ points: UnsafeBufferPointer<CommittedPoint>)
    /// Whether the observer, wanting every series, would rather take a batch with its
    /// positions grouped by series, through ``observe(_:groupedBy:)``.
    var takesSeriesGroups: Bool { get }
    /// Takes every point of `points`, in order, as ``observe(_:)`` would; `groups` holds
    /// their positions grouped by series.
    func observe(_ points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups)
}

extension BatchObserver {
    func observe(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>
    ) {
        for position in positions {
            observe(series: points[position].series, point: points[position].point)
        }
    }

    func observe(_ points: UnsafeBufferPointer<CommittedPoint>) {
        for item in points { observe(series: item.series, point: item.point) }
    }

    var takesSeriesGroups: Bool { false }

    func observe(
        _ points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) {
        observe(points)
    }
}

/// A batch observer whose state is kept per series, none of it shared between series, so
/// that only the order of each series' own points matters to it.
///
/// ``ObserverFanOut`` then hands it a batch one series at a time: the observer finds the
/// series' state once for the run of its points rather than once per point, and its loop
/// over them works on that state alone.
protocol SeriesRunObserver: BatchObserver {
    /// Whether the series' states are apart as things stand; asked after each new series.
    /// While `false`, the observer takes its points in batch order like any other.
    var takesRuns: Bool { get }
    /// Takes the points of series `index` in `run`, in order; `run` holds no other series.
    func observe(series index: Int, run: SeriesRun)
    /// Asked before the runs of each batch: whether the observer takes this batch one series
    /// at a time; if not, it is handed the whole batch through ``BatchObserver/observe(_:)``.
    /// `groups` holds the batch's positions grouped by series.
    func takesRuns(
        of points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) -> Bool
}

extension SeriesRunObserver {
    var takesRuns: Bool { true }

    func takesRuns(
        of points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) -> Bool {
        true
    }
}

/// The points of one series within a batch, in the order they became final.
struct SeriesRun {
    /// The batch.
    let points: UnsafeBufferPointer<CommittedPoint>
    /// Where the series' points sit in `points`, in batch order.
    let positions: UnsafeBufferPointer<Int>

    /// Calls `body` with each point.
    @inline(__always)
    func forEach(_ body: (Point) -> Void) {
        for position in positions { body(points[position].point) }
    }

    /// Calls `body` with each point whose position on `axis` is finite, and that position.
    @inline(__always)
    func forEach(on axis: Axis, _ body: (Point, Double) -> Void) {
        for position in positions {
            let point = points[position].point
            let place = axis.position(of: point)
            if place.isFinite { body(point, place) }
        }
    }
}

// The statistics and every detector that may want points (the serving monitor takes
// requests, no points).
extension SeriesStatistics: BatchObserver {}
extension QualityRegressionDetector: BatchObserver {}
