/// Settings of `alert_storm`, the incident raised when a run has too many distinct alerts to
/// read one by one.
public struct AlertStormSettings: Codable, Sendable, Equatable {
    /// Raise `alert_storm`.
    public var enabled = true
    /// Severity of the storm (source document: critical).
    public var severity = Severity.critical
    /// More distinct alerts than this raise a storm (source document: 10).
    public var threshold = 10
    /// The lowest severity that counts as an alert.
    public var counts = Severity.warning

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case enabled, severity, threshold, counts
    }

    /// Reads the keys present, defaults for the rest.
    public init(from decoder: Decoder) throws {
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try keyed.value(.enabled, or: enabled)
        severity = try keyed.value(.severity, or: severity)
        threshold = try keyed.value(.threshold, or: threshold)
        counts = try keyed.value(.counts, or: counts)
    }

    /// One line per key, for `runlens config`.
    static let explanations: [String: String] = [
        "enabled": "raise alert_storm when a run has too many distinct alerts",
        "severity": "severity of the alert_storm incident",
        "threshold":
            "more distinct alerts (detector, metric, rank, device) than this raise alert_storm",
        "counts": "the lowest severity that counts as an alert",
    ]

    /// Sets the storm's part of the incident builder's rules.
    func apply(to rules: inout IncidentBuilder.Rules) {
        rules.stormThreshold = enabled ? threshold : .max
        rules.stormSeverity = counts
        rules.stormRaises = severity
    }
}
