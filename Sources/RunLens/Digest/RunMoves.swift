/// How one run moved between two digests, in phrases for people.
struct RunMoves {
    /// A relative move of at least this much counts (10%).
    static let relativeStep = 0.10
    /// An error-rate move of at least this much counts (one percentage point).
    static let errorRateStep = 0.01

    private(set) var worse: [String] = []
    private(set) var better: [String] = []

    /// Compares `now` with `before`; their statuses only when `statusJudged` (the detectors
    /// that set the earlier status judged this run too).
    init(now: DigestRun, before: DigestRun, statusJudged: Bool = true) {
        if statusJudged { compareStatus(now.status, before.status) }
        let new = now.figures
        let old = before.figures
        compare("final train loss", new.finalTrainLoss, old.finalTrainLoss, higherIsWorse: true)
        compare("final val loss", new.finalValLoss, old.finalValLoss, higherIsWorse: true)
        compare("throughput", new.throughput, old.throughput, higherIsWorse: false)
        compare("latency p95", new.latencyP95, old.latencyP95, higherIsWorse: true, unit: " ms")
        compare("latency p99", new.latencyP99, old.latencyP99, higherIsWorse: true, unit: " ms")
        compareErrorRate(new.errorRate, old.errorRate)
    }

    private mutating func compareStatus(_ now: DigestRun.Status, _ before: DigestRun.Status) {
        guard let newLevel = now.level, let oldLevel = before.level, newLevel != oldLevel else {
            return
        }
        let phrase = "status \(before.rawValue) → \(now.rawValue)"
        if newLevel > oldLevel { worse.append(phrase) } else { better.append(phrase) }
    }

    private mutating func compare(
        _ label: String, _ now: Double?, _ before: Double?, higherIsWorse: Bool, unit: String = ""
    ) {
        guard let now, let before else { return }
        let text =
            "\(label) \(NumberFormat.short(before))\(unit) → \(NumberFormat.short(now))\(unit)"
        if now.isNaN != before.isNaN {
            if now.isNaN { worse.append(text) } else { better.append(text) }
            return
        }
        guard now.isFinite, before.isFinite, before != 0 else { return }

        let change = (now - before) / abs(before)
        guard abs(change) >= Self.relativeStep else { return }
        let phrase =
            text + " (\(change > 0 ? "+" : "")\(NumberFormat.fixed(change * 100, decimals: 0))%)"
        if (change > 0) == higherIsWorse { worse.append(phrase) } else { better.append(phrase) }
    }

    private mutating func compareErrorRate(_ now: Double?, _ before: Double?) {
        guard let now, let before, abs(now - before) >= Self.errorRateStep else { return }
        let text = "error rate \(Self.percent(before)) → \(Self.percent(now))"
        if now > before { worse.append(text) } else { better.append(text) }
    }

    static func percent(_ rate: Double) -> String {
        NumberFormat.fixed(rate * 100, decimals: 2) + "%"
    }
}
