/// One eval series as `quality_regression` follows it: its baseline, the regressed stretch
/// in progress, and the stretches found.
struct QualityTrack {
    /// A stretch of consecutive regressed evals.
    struct Stretch {
        var first: Point
        var last: Point
        var worst: Double
        var count: Int
    }

    let descriptor: SeriesDescriptor
    let lowerIsBetter: Bool
    private(set) var baseline: Double?
    private let configured: Bool
    private var baselineSum = 0.0
    private var baselineCount = 0
    private var current: Stretch?
    private(set) var stretches: [Stretch] = []

    /// The most stretches kept: enough for any report.
    static let maxStretches = 100

    init(descriptor: SeriesDescriptor, lowerIsBetter: Bool, configured: Double?) {
        self.descriptor = descriptor
        self.lowerIsBetter = lowerIsBetter
        baseline = configured
        self.configured = configured != nil
    }

    /// Takes the next eval.
    mutating func add(_ point: Point, settings: ServingSettings) {
        guard point.value.isFinite else { return }
        guard let baseline else {
            baselineSum += point.value
            baselineCount += 1
            if baselineCount >= settings.qualityBaselineEvals {
                self.baseline = baselineSum / Double(baselineCount)
            }
            return
        }

        guard baseline > 0, ratio(point.value, baseline) < settings.qualityRatio else {
            close(settings: settings)
            return
        }
        if var stretch = current {
            stretch.last = point
            stretch.worst = worse(stretch.worst, point.value)
            stretch.count += 1
            current = stretch
        } else {
            current = Stretch(first: point, last: point, worst: point.value, count: 1)
        }
    }

    /// Ends the stretch in progress, keeping it when it is long enough.
    mutating func close(settings: ServingSettings) {
        guard let stretch = current else { return }
        current = nil
        if stretch.count >= settings.qualityMinConsecutive, stretches.count < Self.maxStretches {
            stretches.append(stretch)
        }
    }

    /// The score as a share of the baseline, oriented so that lower is worse.
    func ratio(_ value: Double, _ baseline: Double) -> Double {
        lowerIsBetter ? baseline / value : value / baseline
    }

    /// One incident per stretch that starts before `divergence` (a position on the
    /// series' axis where a loss went non-finite), if any.
    func incidents(settings: ServingSettings, context: DetectionContext, before divergence: Double?)
        -> [Incident]
    {
        guard let baseline else { return [] }
        let kept = stretches.filter { stretch in
            guard let divergence else { return true }
            return !(descriptor.axis.position(of: stretch.first) >= divergence)
        }
        return kept.map { incident($0, baseline: baseline, settings: settings, context) }
    }

    private func worse(_ lhs: Double, _ rhs: Double) -> Double {
        lowerIsBetter ? max(lhs, rhs) : min(lhs, rhs)
    }

    private func incident(
        _ stretch: Stretch, baseline: Double, settings: ServingSettings, _ context: DetectionContext
    ) -> Incident {
        let floor =
            lowerIsBetter ? baseline / settings.qualityRatio : baseline * settings.qualityRatio
        let share = ServingFormat.percent(ratio(stretch.worst, baseline))
        let source =
            configured ? "configured" : "mean of the first \(settings.qualityBaselineEvals) evals"
        let direction = lowerIsBetter ? "rose" : "fell"
        let message =
            "\(descriptor.name) \(direction) to \(NumberFormat.short(stretch.worst)) "
            + "(\(share) of its baseline \(NumberFormat.short(baseline)), \(source)); the floor "
            + "is \(ServingFormat.percent(settings.qualityRatio)) of baseline; "
            + "\(stretch.count) evals in a row"
        var incident = Incident(
            severity: settings.qualitySeverity, detector: "quality_regression",
            metric: descriptor.name, rank: descriptor.rank, device: descriptor.device,
            peak: stretch.worst, threshold: floor, count: stretch.count, message: message,
            location: context.location(of: stretch.first))
        if stretch.first.step.isFinite {
            incident.startStep = stretch.first.step
            incident.endStep = stretch.last.step
        }
        if stretch.first.time.isFinite {
            incident.startTime = stretch.first.time
            incident.endTime = stretch.last.time
        }
        incident.evidence = [
            "first regressed eval: \(NumberFormat.short(stretch.first.value)); last: "
                + NumberFormat.short(stretch.last.value)
        ]
        return incident
    }
}
