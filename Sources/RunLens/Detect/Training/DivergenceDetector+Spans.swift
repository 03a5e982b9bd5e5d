extension DivergenceDetector {
    /// The training loss went non-finite.
    func lossSpan(_ index: Int, _ episode: NonFiniteTracker.Episode) -> DivergenceSpan {
        let name = descriptors[index].name
        var evidence = ["first non-finite value of \(name): \(describe(episode.first))"]
        if !episode.before.isEmpty {
            evidence.append("last finite values before it: \(EvidenceText.values(episode.before))")
        }
        evidence.append(
            "\(CountPhrase.of(episode.count, "non-finite point")) from"
                + " \(EvidenceText.position(episode.first))"
                + " to \(EvidenceText.position(episode.last))")
        let held =
            episode.count == 1
            ? ", a single point"
            : " and stayed non-finite through \(EvidenceText.position(episode.last))"
        let message =
            "\(name) became \(EvidenceText.value(episode.first.value)) at"
            + " \(EvidenceText.position(episode.first))\(held); rule: a NaN/Inf train loss is a"
            + " divergence at once"
        return DivergenceSpan(
            start: episode.first, startPosition: episode.firstPosition, end: episode.last,
            endPosition: episode.lastPosition, metric: name, peak: episode.first.value,
            threshold: nil, count: episode.count, message: message, evidence: evidence)
    }

    /// The gradient norm went non-finite first and the loss followed.
    func gradientFirst(
        _ index: Int, _ episode: NonFiniteTracker.Episode, loss lossIndex: Int,
        _ loss: NonFiniteTracker.Episode
    ) -> DivergenceSpan {
        let name = descriptors[index].name
        let lossName = descriptors[lossIndex].name
        var evidence = [
            "first metric to go: \(name) = \(describe(episode.first))",
            "\(lossName) followed: first non-finite \(describe(loss.first))",
        ]
        if !episode.before.isEmpty {
            evidence.append("\(name) before it: \(EvidenceText.values(episode.before))")
        }
        if !loss.before.isEmpty {
            evidence.append("\(lossName) before it: \(EvidenceText.values(loss.before))")
        }
        let end = loss.lastPosition > episode.lastPosition ? loss.last : episode.last
        let message =
            "\(name) went \(EvidenceText.value(episode.first.value)) at"
            + " \(EvidenceText.position(episode.first)), the first metric to go; \(lossName)"
            + " followed with \(EvidenceText.value(loss.first.value)) at"
            + " \(EvidenceText.position(loss.first)) and the run stayed non-finite through"
            + " \(EvidenceText.position(end))"
        return DivergenceSpan(
            start: episode.first, startPosition: episode.firstPosition, end: end,
            endPosition: max(loss.lastPosition, episode.lastPosition), metric: name,
            peak: episode.first.value, threshold: nil, count: episode.count + loss.count,
            message: message, evidence: evidence)
    }

    /// The gradient norm stayed non-finite while the loss stayed finite.
    func gradientOnly(_ index: Int, _ episode: NonFiniteTracker.Episode) -> DivergenceSpan {
        let name = descriptors[index].name
        var evidence = ["first non-finite value: \(describe(episode.first))"]
        if !episode.before.isEmpty {
            evidence.append("values before it: \(EvidenceText.values(episode.before))")
        }
        let message =
            "\(name) was non-finite on \(episode.longestRun) points in a row from"
            + " \(EvidenceText.position(episode.first)) (\(episode.count) in all, through"
            + " \(EvidenceText.position(episode.last))); rule: \(settings.gradientRunLength) or"
            + " more in a row are a divergence, not fp16 overflow skips"
        return DivergenceSpan(
            start: episode.first, startPosition: episode.firstPosition, end: episode.last,
            endPosition: episode.lastPosition, metric: name, peak: episode.first.value,
            threshold: nil, count: episode.count, message: message, evidence: evidence)
    }

    /// One info incident for a gradient norm's isolated non-finite values.
    func skipIncident(
        _ index: Int, _ isolated: [NonFiniteTracker.Episode], context: DetectionContext
    ) -> Incident? {
        guard let first = isolated.first, let last = isolated.last else { return nil }
        let descriptor = descriptors[index]
        let points = isolated.reduce(0) { $0 + $1.count }
        var incident = Incident(
            severity: .info, detector: "divergence", metric: descriptor.name,
            rank: descriptor.rank, peak: first.first.value, count: points,
            message:
                "\(descriptor.name) was non-finite on " + CountPhrase.of(points, "point")
                + " in " + CountPhrase.of(isolated.count, "run")
                + " (each shorter than \(settings.gradientRunLength) in a"
                + " row, or while the loss scale was being cut), first at"
                + " \(EvidenceText.position(first.first)): fp16 overflow skips, not a divergence",
            evidence: isolated.prefix(10).map { "non-finite at \(describe($0.first))" })
        incident.span(from: first.first, to: last.last)
        incident.location = context.location(of: first.first)
        return incident
    }

    private func describe(_ point: Point) -> String {
        "\(EvidenceText.value(point.value)) at \(EvidenceText.position(point))"
    }
}
