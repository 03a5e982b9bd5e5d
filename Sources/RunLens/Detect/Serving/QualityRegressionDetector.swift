/// `quality_regression`: an eval score (`eval/mmlu`, `hellaswag_accuracy`,
/// `thumbs_up_rate`) below a share (95%) of its baseline.
///
/// The baseline is the configured value for the metric's name, else the mean of its first
/// `qualityBaselineEvals` finite evals. Scores where lower is better (perplexity,
/// regeneration rate) regress when they rise above baseline ÷ ratio. An incident needs
/// `qualityMinConsecutive` regressed evals in a row and lasts until an eval recovers.
/// State per series is a few numbers: memory does not grow with the log.
///
/// Two kinds of score are left out. Training-set scores (`main/accuracy` in Chainer's
/// `main/` training scope, `train/...`) are no evals. And a collapse that starts at or
/// after the first non-finite training or validation loss belongs to that divergence: one
/// cause gives one incident, and the divergence detector reports it.
public final class QualityRegressionDetector: Detector {
    /// The detector ids this detector can raise.
    public var ids: [String] { settings.qualityEnabled ? ["quality_regression"] : [] }

    private let settings: ServingSettings
    private var tracks: [Int: QualityTrack] = [:]
    /// What each series is to this detector: most are neither a loss nor a tracked score,
    /// and a loss point only matters when it is not finite, so few points need a lookup.
    private var kinds: [SeriesKind] = []
    private var divergedAt: [Axis: Double] = [:]

    /// Creates a detector with `settings`.
    public init(settings: ServingSettings = ServingSettings()) {
        self.settings = settings
    }

    /// Starts following the series when its role is `quality`.
    public func seriesCreated(_ descriptor: SeriesDescriptor) {
        let index = kinds.count
        let isLoss = descriptor.info.role == .trainLoss || descriptor.info.role == .valLoss
        kinds.append(isLoss ? .loss(descriptor.axis) : .other)
        guard settings.qualityEnabled, descriptor.info.role == .quality,
            !Self.isTrainingScore(descriptor.name)
        else { return }
        let normal = RoleMatcher.normalize(descriptor.name)
        let lowerIsBetter = settings.qualityLowerIsBetter.contains {
            normal.contains(RoleMatcher.normalize($0))
        }
        let baseline =
            settings.qualityBaselines[descriptor.name]
            ?? settings.qualityBaselines[descriptor.info.rawName]
        tracks[index] = QualityTrack(
            descriptor: descriptor, lowerIsBetter: lowerIsBetter, configured: baseline)
        kinds[index] = .score
    }

    /// Losses and tracked scores.
    public func wantsPoints(ofSeries index: Int) -> Bool {
        guard index < kinds.count else { return false }
        if case .other = kinds[index] { return false }
        return true
    }

    /// Judges one eval against the baseline.
    public func observe(series index: Int, point: Point) {
        guard index < kinds.count else { return }
        switch kinds[index] {
        case .loss(let axis) where !point.value.isFinite:
            let position = axis.position(of: point)
            if position.isFinite { divergedAt[axis] = min(divergedAt[axis] ?? position, position) }
        case .score:
            guard var track = tracks[index] else { return }
            track.add(point, settings: settings)
            tracks[index] = track
        default:
            return
        }
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
        tracks.keys.sorted().flatMap { key -> [Incident] in
            guard let track = tracks[key] else { return [] }
            let divergence = divergedAt[track.descriptor.axis]
            return track.incidents(settings: settings, context: context, before: divergence)
        }
    }

    /// True for names in a training scope: `train/...`, `training/...`, Chainer's `main/...`.
    static func isTrainingScore(_ name: String) -> Bool {
        let components = name.lowercased().split { $0 == "/" || $0 == "." }
        guard components.count > 1, let first = components.first else { return false }
        return ["train", "training", "main"].contains(String(first))
    }

    /// What a series is to the quality detector.
    enum SeriesKind {
        /// A training or validation loss, on `axis`: its first non-finite value ends the scores.
        case loss(Axis)
        /// A tracked eval score.
        case score
        /// Anything else.
        case other
    }
}
