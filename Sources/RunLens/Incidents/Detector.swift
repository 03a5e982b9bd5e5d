/// What a detector may look at once every point has been seen.
public struct DetectionContext: Sendable {
    /// Every series with whole-run statistics and windows.
    public var series: [SeriesSummary]
    /// Steps, time span, ranks, resumes and events.
    public var overview: RunOverview
    /// Input paths by file index, to turn a point's file into `file:line`.
    public var files: [String]

    /// `path:line` for a point.
    public func location(of point: Point) -> String? {
        let index = Int(point.file)
        guard index >= 0, index < files.count else { return nil }
        return "\(files[index]):\(point.line)"
    }
}

/// A detector: sees each final point as the run is read (as a `SeriesObserver`), then
/// reports its incidents.
///
/// Detectors keep state bounded by their window sizes, never by the input size.
public protocol Detector: SeriesObserver {
    /// The stable ids of the incidents this detector can raise.
    var ids: [String] { get }
    /// The incidents found, after the last point.
    func incidents(in context: DetectionContext) -> [Incident]
    /// Gives back what the detector holds for its incidents, once they are known: it
    /// reports none after this. Detectors whose state is small keep it.
    func releaseState()
}

extension Detector {
    /// Keeps the state: for detectors whose state is small.
    public func releaseState() {}
}
