/// One piece of evidence that a rank diverged, before pieces that overlap are merged.
struct DivergenceSpan {
    var start: Point
    var startPosition: Double
    var end: Point
    var endPosition: Double
    var metric: String
    var peak: Double
    var threshold: Double?
    var count: Int
    var message: String
    var evidence: [String]
}

extension DivergenceDetector {
    /// The incidents of one rank's series.
    func incidents(series indices: [Int], context: DetectionContext) -> [Incident] {
        let losses = indices.filter { descriptors[$0].info.role == .trainLoss }
        let gradients = indices.filter { descriptors[$0].info.role == .gradNorm }
        let scaleSeries = indices.compactMap { scales[$0] }

        var lossEpisodes = losses.flatMap { index in
            (nonFinite[index]?.episodes ?? []).map { (series: index, episode: $0, used: false) }
        }
        var spans: [DivergenceSpan] = []
        var skips: [Incident] = []
        for index in gradients {
            var isolated: [NonFiniteTracker.Episode] = []
            for episode in nonFinite[index]?.episodes ?? [] {
                if let link = firstLoss(following: episode, in: lossEpisodes) {
                    lossEpisodes[link].used = true
                    let loss = lossEpisodes[link]
                    spans.append(gradientFirst(index, episode, loss: loss.series, loss.episode))
                } else if episode.longestRun >= settings.gradientRunLength
                    && !scaleFell(during: episode, in: scaleSeries)
                {
                    spans.append(gradientOnly(index, episode))
                } else {
                    isolated.append(episode)
                }
            }
            if let skip = skipIncident(index, isolated, context: context) { skips.append(skip) }
        }

        for loss in lossEpisodes where !loss.used {
            spans.append(lossSpan(loss.series, loss.episode))
        }
        for index in losses { spans += riseSpans(index) }
        return merge(spans).map { incident(from: $0, series: indices, context: context) } + skips
    }

    private func firstLoss(
        following episode: NonFiniteTracker.Episode,
        in losses: [(series: Int, episode: NonFiniteTracker.Episode, used: Bool)]
    ) -> Int? {
        let latest = episode.lastPosition + settings.followSteps
        return losses.indices.filter { index in
            let first = losses[index].episode.firstPosition
            return !losses[index].used && first >= episode.firstPosition && first <= latest
        }.min { losses[$0].episode.firstPosition < losses[$1].episode.firstPosition }
    }

    private func scaleFell(during episode: NonFiniteTracker.Episode, in scales: [StepHistory])
        -> Bool
    {
        scales.contains { $0.fell(from: episode.firstPosition, through: episode.lastPosition) }
    }

    private func merge(_ spans: [DivergenceSpan]) -> [DivergenceSpan] {
        var merged: [DivergenceSpan] = []
        for span in spans.sorted(by: { $0.startPosition < $1.startPosition }) {
            guard var current = merged.last, span.startPosition <= current.endPosition + spanGap
            else {
                merged.append(span)
                continue
            }
            if span.endPosition > current.endPosition {
                current.end = span.end
                current.endPosition = span.endPosition
            }
            current.count += span.count
            // The peak and the threshold it was held against come from one span.
            if Self.isWorse(span.peak, than: current.peak) {
                current.peak = span.peak
                current.threshold = span.threshold
            }
            current.message += "; then " + span.message
            current.evidence += [span.message] + span.evidence
            merged[merged.count - 1] = current
        }
        return merged
    }

    /// Steps between pieces of evidence that still make one divergence.
    var spanGap: Double { max(settings.cooldown, settings.followSteps) }

    /// True when `peak` is worse than `current`: non-finite where `current` is finite, or
    /// higher.
    private static func isWorse(_ peak: Double, than current: Double) -> Bool {
        guard current.isFinite else { return false }
        return !peak.isFinite || peak > current
    }

    private func incident(
        from span: DivergenceSpan, series: [Int], context: DetectionContext
    ) -> Incident {
        let descriptor = series.first.map { descriptors[$0] }
        var incident = Incident(
            severity: settings.severity, detector: "divergence", metric: span.metric,
            rank: descriptor?.rank, peak: span.peak, threshold: span.threshold, count: span.count,
            message: span.message, evidence: Array(span.evidence.prefix(16)))
        incident.span(from: span.start, to: span.end)
        incident.location = context.location(of: span.start)
        return incident
    }
}
