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
        if case .timeOrDuration = kind { kind = .timeOrDuration }
        scale = 1
        if case .metric(let role) = kind { scale = matcher.canonicalScale(of: name, role: role) }
    }
}
