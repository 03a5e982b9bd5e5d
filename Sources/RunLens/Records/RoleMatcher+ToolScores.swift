/// Names that tools write for a role in a shape of their own, matched by pattern: Lightning's
/// `LearningRateMonitor` rates and Ultralytics' validation scores.
extension RoleMatcher {
    /// The role of `name` when it is one of these tools' names, else `nil`.
    static func toolPatternRole(_ name: String) -> MetricRole? {
        let lower = name.lowercased()
        if isLightningLearningRate(lower) { return .learningRate }
        if isUltralyticsScore(lower) { return .quality }
        return nil
    }

    /// Lightning's `LearningRateMonitor`: `lr-<optimizer>` (`lr-SGD`, `lr-Adam-1` for a second
    /// Adam), with `/pg<N>` or `/<group name>` per parameter group (`lr-AdamW/pg1`). The
    /// momentum and weight decay it logs beside them (`lr-SGD-momentum`,
    /// `lr-Adam/pg0-weight_decay`) are no learning rates.
    private static func isLightningLearningRate(_ lower: String) -> Bool {
        guard lower.hasPrefix("lr-"), lower.count > 3 else { return false }
        let parts = lower.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        return !lower.hasSuffix("momentum") && !lower.hasSuffix("weight_decay")
    }

    /// Ultralytics' validation scores under `metrics/`: precision, recall and mean average
    /// precision, as YOLOv5 (`metrics/mAP_0.5:0.95`) and YOLOv8 (`metrics/mAP50-95(B)`, `(M)`
    /// for masks) name them. Higher is better for each.
    private static func isUltralyticsScore(_ lower: String) -> Bool {
        guard lower.hasPrefix("metrics/") else { return false }
        var score = lower.dropFirst("metrics/".count)
        if score.hasSuffix("(b)") || score.hasSuffix("(m)") { score = score.dropLast(3) }
        return ultralyticsScores.contains(String(score))
    }

    private static let ultralyticsScores: Set<String> = [
        "precision", "recall", "map50", "map50-95", "map_0.5", "map_0.5:0.95",
    ]
}
