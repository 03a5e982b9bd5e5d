/// A series observer that takes a batch's points in one call.
///
/// The loop over the points then runs inside the observer's own code, where the call to
/// its `observe(series:point:)` is direct (and can be inlined) instead of one dynamic
/// dispatch per point from ``ObserverFanOut``. A conformance needs no code: the default
/// below is compiled once for each conforming class.
protocol BatchObserver: SeriesObserver {
    /// Takes, in order, the points of `points` whose series `wanted` marks.
    func observe(_ points: UnsafeBufferPointer<CommittedPoint>, wanted: UnsafeBufferPointer<Bool>)
}

// TODO(#8): every detector scans the whole batch for the few series it wants (about ten
// points a record, a dozen detectors); sorting the batch's positions by observer once
// (a counting sort over the series' wanting observers) would spare most of the scans.
extension BatchObserver {
    func observe(_ points: UnsafeBufferPointer<CommittedPoint>, wanted: UnsafeBufferPointer<Bool>) {
        for item in points where wanted[item.series] {
            observe(series: item.series, point: item.point)
        }
    }
}

// Every detector that may want points (the serving monitor takes requests, no points).
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
