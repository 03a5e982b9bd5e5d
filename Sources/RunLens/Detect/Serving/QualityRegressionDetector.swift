/// `quality_regression`: an eval score (`eval/mmlu`, `hellaswag_accuracy`,
/// `thumbs_up_rate`) below a share (95%) of its baseline.
///
/// The baseline is the configured value for the metric's name, else the mean of its first
/// `qualityBaselineEvals` finite evals. Scores where lower is better (perplexity,
/// regeneration rate) regress when they rise above baseline ÷ ratio. An incident needs
/// `qualityMinConsecutive` regressed evals in a row and lasts until an eval recovers.
/// State per series is a few numbers: memory does not grow with the log.
public final class QualityRegressionDetector: Detector {
    /// The detector ids this detector can raise.
    public var ids: [String] { settings.qualityEnabled ? ["quality_regression"] : [] }

    private let settings: ServingSettings
    private var tracks: [Int: QualityTrack] = [:]
    private var seriesCount = 0

    /// Creates a detector with `settings`.
    public init(settings: ServingSettings = ServingSettings()) {
        self.settings = settings
    }

    /// Starts following the series when its role is `quality`.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        let index = seriesCount
        seriesCount += 1
        guard settings.qualityEnabled, descriptor.info.role == .quality else { return }
        let normal = RoleMatcher.normalize(descriptor.name)
        let lowerIsBetter = settings.qualityLowerIsBetter.contains {
            normal.contains(RoleMatcher.normalize($0))
        }
        let baseline =
            settings.qualityBaselines[descriptor.name]
            ?? settings.qualityBaselines[descriptor.info.rawName]
        tracks[index] = QualityTrack(
            descriptor: descriptor, lowerIsBetter: lowerIsBetter, configured: baseline)
    }

    /// Judges one eval against the baseline.
    public func observe(series index: Int, point: Point) {
        guard var track = tracks[index] else { return }
        track.add(point, settings: settings)
        tracks[index] = track
    }

    /// Closes the regressed stretches still open.
    public func finish() {
        for key in tracks.keys.sorted() {
            guard var track = tracks[key] else { continue }
            track.close(settings: settings)
            tracks[key] = track
        }
    }

    /// One incident per stretch of regressed evals, by series.
    public func incidents(in context: DetectionContext) -> [Incident] {
        tracks.keys.sorted().flatMap { key in
            tracks[key].map { $0.incidents(settings: settings, context: context) } ?? []
        }
    }
}
