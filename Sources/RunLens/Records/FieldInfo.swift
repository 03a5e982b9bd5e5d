/// What runlens knows about one distinct field name of a log, worked out once.
public struct FieldInfo: Sendable {
    /// The flattened name as the log wrote it.
    public var rawName: String
    /// The name shown in reports: the raw name without a device index.
    public var name: String
    /// What the field is for.
    public var kind: FieldKind
    /// The device the name itself carries (`gpu_3_temp`), if any.
    public var device: Int?
    /// Multiplier into the role's canonical unit (see `RoleMatcher.canonicalScale`).
    public var scale: Double
    /// True for a metric only training records carry: a training role (loss, gradient
    /// norm, learning rate, loss scale, throughput) or a name under `train`.
    public var marksTraining: Bool
    /// The unit the log states for the field (a CSV header's `memory.used [MiB]`, or a cell's
    /// `45 %`), as written; `nil` when it states none.
    public var unit: String?
    /// For one part of a loss (`train/box_loss`), the part (`box_loss`); `nil` for a whole loss
    /// and other fields (``RoleMatcher/lossPart(of:)``).
    public var lossPart: String?
    /// True for a latency whose name states no unit (`latency`): its scale is a guess.
    public var unitUnstated = false

    /// The metric role, when the field is a metric that has one.
    public var role: MetricRole? {
        if case .metric(let role) = kind { return role }
        return nil
    }

    /// Works out everything about `rawName` with `matcher`.
    public init(rawName: String, matcher: RoleMatcher) {
        self.rawName = rawName
        if let split = DeviceName.split(rawName) {
            name = split.base
            device = split.device
        } else {
            name = rawName
            device = nil
        }
        kind = matcher.kind(of: name)
        scale = 1
        marksTraining = false
        if case .metric(let role) = kind {
            scale = matcher.canonicalScale(of: name, role: role)
            if role == .latency || role == .ttft || role == .interTokenLatency {
                unitUnstated = !matcher.statesTimeUnit(name)
            }
            marksTraining = Self.isTraining(role) || RoleMatcher.normalize(name).hasPrefix("train")
            if role == .trainLoss || role == .valLoss { lossPart = matcher.lossPart(of: name) }
        }
    }

    private static func isTraining(_ role: MetricRole?) -> Bool {
        switch role {
        case .trainLoss, .gradNorm, .learningRate, .throughput, .lossScale: return true
        default: return false
        }
    }
}
