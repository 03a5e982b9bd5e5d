/// What ``RecordBuilder`` asks about a field for every value, worked out once per field id
/// from its ``FieldInfo``: a plain value, so asking copies no `String` and touches no
/// reference count.
struct FieldUse {
    /// What the field is for.
    var kind: FieldKind
    /// Whether the field is named `iter` in any case: a step counter that some tools restart
    /// each epoch.
    var isIter: Bool
    /// Whether a `NaN` of the field is a measurement even where `NaN` cells are placeholders:
    /// the training loss and the gradient norm.
    var keepsNaN: Bool

    /// Whether the field is a metric.
    var isMetric: Bool {
        if case .metric = kind { return true }
        return false
    }

    /// The uses of `info`.
    init(_ info: FieldInfo) {
        kind = info.kind
        isIter = info.name.lowercased() == "iter"
        keepsNaN = info.role == .trainLoss || info.role == .gradNorm
    }
}
