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
}

// The statistics and every detector that may want points (the serving monitor takes
// requests, no points).
extension SeriesStatistics: BatchObserver {}
extension DivergenceDetector: BatchObserver {}
extension LossSpikeDetector: BatchObserver {}
extension LossPlateauDetector: BatchObserver {}
extension OverfittingDetector: BatchObserver {}
extension GradExplosionDetector: BatchObserver {}
extension LossScaleCollapseDetector: BatchObserver {}
extension ThroughputDropDetector: BatchObserver {}
extension DataBottleneckDetector: BatchObserver {}
extension StragglerDetector: BatchObserver {}
extension MemoryGrowthDetector: BatchObserver {}
extension StretchDetector: BatchObserver {}
extension QualityRegressionDetector: BatchObserver {}
