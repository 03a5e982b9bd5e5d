/// What a run was, so only like runs are compared.
public enum RunKind: String, Codable, Sendable {
    /// A training run: losses, throughput, step times.
    case training
    /// A model server or load test: requests.
    case serving
    /// Neither: no loss, throughput, step time or request (only hardware metrics, say).
    case other

    /// `a training run`, for sentences.
    public var phrase: String {
        switch self {
        case .training: return "a training run"
        case .serving: return "a serving run"
        case .other: return "a run without losses or requests"
        }
    }
}
