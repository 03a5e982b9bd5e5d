/// Ultralytics' names (YOLOv5 and YOLOv8 `results.csv`): a loss split into its parts under
/// `train/` and `val/`, with no total beside them, and a learning rate per parameter group.
extension RoleMatcher {
    /// The part a loss named `name` is of its run's loss (`box_loss` for `train/box_loss`),
    /// or `nil` when the name is a whole loss or no loss at all.
    ///
    /// A part is a last path component `<part>_loss` under `train/` (a training loss) or
    /// `val/`, `eval/`, `test/` (a validation loss) that no role's names match. Detectors judge
    /// a part only on a rank with no whole loss of its kind (``LossParts``): detectron2's
    /// `loss_cls` beside `total_loss` name no path and stay metrics without a role.
    public func lossPart(of name: String) -> String? {
        guard lookup(Self.normalize(name)) == nil else { return nil }
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "." })
        guard components.count > 1, let last = components.last,
            lookup(Self.normalize(String(last))) == nil, Self.partRole(components) != nil
        else { return nil }
        return Self.normalize(String(last))
    }

    /// The role of a name whose last component no role's names match: a loss part
    /// (`train/box_loss`, `val/dfl_loss`) or a parameter group's learning rate (YOLOv5's
    /// `x/lr0`, YOLOv8's `lr/pg0`).
    static func ultralyticsRole(_ components: [Substring]) -> MetricRole? {
        if let role = partRole(components) { return role }
        return isGroupLearningRate(components) ? .learningRate : nil
    }

    private static func partRole(_ components: [Substring]) -> MetricRole? {
        guard let last = components.last else { return nil }
        let normal = normalize(String(last))
        guard normal.count > lossSuffix.count, normal.hasSuffix(lossSuffix) else { return nil }

        let context = components.dropLast()
        if context.contains(where: isEvalContext) { return .valLoss }
        let training = context.contains { ["train", "training"].contains($0.lowercased()) }
        return training ? .trainLoss : nil
    }

    /// `lr0`, `lr1` as a last component; `pg0`, `pg1` under `lr`.
    private static func isGroupLearningRate(_ components: [Substring]) -> Bool {
        guard let last = components.last?.lowercased() else { return false }
        if isNumbered(last, after: "lr") { return true }
        return components.count == 2 && components[0].lowercased() == "lr"
            && isNumbered(last, after: "pg")
    }

    private static func isNumbered(_ word: String, after prefix: String) -> Bool {
        guard word.hasPrefix(prefix) else { return false }
        let digits = word.dropFirst(prefix.count)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static let lossSuffix = "_loss"
}
