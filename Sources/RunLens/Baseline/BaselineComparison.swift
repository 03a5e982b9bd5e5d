/// This run against an earlier one (`--baseline`): every figure both have, how it changed,
/// and which changes break the config's rules. Written as the `baseline` block of
/// `summary.json` and the "Compared with baseline" section of `report.md`.
public struct BaselineComparison: Codable, Sendable, Equatable {
    /// The detector id of the incidents a comparison raises.
    public static let detector = "baseline_regression"

    /// The baseline's `summary.json`, as read.
    public var source: String
    /// The baseline run's name, when its summary has one.
    public var baselineRun: String?
    /// What each run was.
    public var baselineKind: RunKind
    public var kind: RunKind
    /// The figures both runs have, in the order of `BaselineQuantity`, eval scores by name.
    public var rows: [BaselineRow]
    /// What was not compared, and why, one sentence each.
    public var notes: [String]

    /// Compares `current` with `baseline` under `settings`; eval scores whose names contain
    /// one of `lowerIsBetter` are better lower.
    public init(
        _ current: ComparableFigures, with baseline: ComparableFigures, source: String,
        baselineRun: String?, settings: BaselineSettings, lowerIsBetter: [String]
    ) {
        self.source = source
        self.baselineRun = baselineRun
        baselineKind = baseline.kind
        kind = current.kind
        rows = []
        notes = []
        let kinds: Set<RunKind> = [current.kind, baseline.kind]
        guard kinds != [.training, .serving] else {
            notes.append(
                "The baseline is \(baseline.kind.phrase) and this is \(current.kind.phrase): "
                    + "nothing compared.")
            return
        }

        for quantity in BaselineQuantity.allCases where quantity != .evalScore {
            guard let now = current.figures[quantity], let then = baseline.figures[quantity]
            else { continue }
            guard now.metric == then.metric else {
                notes.append(
                    "\(quantity.label.capitalizedFirst) not compared: the baseline measured "
                        + MarkdownCode.span(then.metric) + ", this run "
                        + MarkdownCode.span(now.metric) + ".")
                continue
            }
            rows.append(
                BaselineRow(
                    quantity: quantity, metric: now.metric, baseline: then.value,
                    value: now.value, higherIsWorse: quantity.higherIsWorse,
                    rule: settings.enabled ? settings.rule(quantity) : nil))
        }
        addEvalScores(current, baseline, settings: settings, lowerIsBetter: lowerIsBetter)
        if rows.isEmpty && notes.isEmpty {
            notes.append("The two runs share no figure to compare.")
        }
    }

    private mutating func addEvalScores(
        _ current: ComparableFigures, _ baseline: ComparableFigures, settings: BaselineSettings,
        lowerIsBetter: [String]
    ) {
        for name in current.evalScores.keys.sorted() {
            guard let now = current.evalScores[name], let then = baseline.evalScores[name]
            else { continue }
            let normal = RoleMatcher.normalize(name)
            let lower = lowerIsBetter.contains { normal.contains(RoleMatcher.normalize($0)) }
            rows.append(
                BaselineRow(
                    quantity: .evalScore, metric: name, baseline: then, value: now,
                    higherIsWorse: lower,
                    rule: settings.enabled ? settings.rule(.evalScore) : nil))
        }
    }

    /// One `baseline_regression` incident per regressed figure, in row order.
    public var incidents: [Incident] {
        rows.compactMap { row in
            guard row.verdict == .regression, let severity = row.severity else { return nil }
            return Incident(
                severity: severity, detector: Self.detector, metric: row.metric,
                peak: row.value, threshold: row.limit, message: BaselineWords.message(row),
                evidence: evidence(row))
        }
    }

    private func evidence(_ row: BaselineRow) -> [String] {
        var run = "baseline: \(source)"
        if let baselineRun { run += " (run \(baselineRun))" }
        let key = "baseline.\(row.quantity.rawValue)"
        return [
            run,
            "\(BaselineWords.label(row)): baseline \(BaselineWords.value(row.baseline, row)), "
                + "this run \(BaselineWords.value(row.value, row))",
            "rule \(key): \(BaselineWords.rule(row)) is a regression",
        ]
    }
}

extension String {
    /// The text with its first letter upper-cased.
    var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}

extension BaselineComparison {
    /// Compares an analysis `result`, with its request statistics `serving`, with the
    /// earlier run `baseline` under `config`'s rules.
    public init(
        result: AnalysisResult, serving: ServingSummary?, baseline: BaselineSummary,
        config: RunLensConfig
    ) {
        let document = SummaryJSON.document(result, version: "")
        let current = ComparableFigures(
            metrics: document.metrics, run: document.run, serving: serving)
        self.init(
            current, with: baseline.figures, source: baseline.path,
            baselineRun: baseline.run?.name.name, settings: config.baseline,
            lowerIsBetter: config.serving.qualityLowerIsBetter)
    }
}
