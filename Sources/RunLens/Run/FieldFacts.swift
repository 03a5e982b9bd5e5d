/// What the assembler asks about a field for every value, copied out of ``FieldInfo`` so
/// that asking copies no `String` (and touches no reference count).
struct FieldFacts {
    /// The metric role, when the field has one.
    var role: MetricRole?
    /// Whether the field is a clock or a step duration (`time`).
    var isTimeOrDuration: Bool
    /// Whether the field marks a record as a training record.
    var marksTraining: Bool
    /// The device the field's name carries, if any.
    var device: Int?

    /// The facts of `info`.
    init(_ info: FieldInfo) {
        role = info.role
        if case .timeOrDuration = info.kind {
            isTimeOrDuration = true
        } else {
            isTimeOrDuration = false
        }
        marksTraining = info.marksTraining
        device = info.device
    }
}
