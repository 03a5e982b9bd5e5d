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
    /// Whether a value of the field makes its record a request: a latency, a time to first
    /// token, or a token count.
    var marksRequest: Bool
    /// Whether the field times a request (latency, time to first token, inter-token
    /// latency): a failed request's value is not a sample.
    var timesRequest: Bool
    /// Whether the field times a training step (step, data or compute time, or a `time`
    /// that is a duration): an evaluation record's value is not a sample.
    var timesStep: Bool

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
        switch info.role {
        case .latency, .ttft:
            (marksRequest, timesRequest, timesStep) = (true, true, false)
        case .inputTokens, .outputTokens:
            (marksRequest, timesRequest, timesStep) = (true, false, false)
        case .interTokenLatency:
            (marksRequest, timesRequest, timesStep) = (false, true, false)
        case .stepTime, .dataTime, .computeTime:
            (marksRequest, timesRequest, timesStep) = (false, false, true)
        default:
            (marksRequest, timesRequest, timesStep) = (false, false, isTimeOrDuration)
        }
    }
}
