/// One multi-window burn-rate alert of the SRE Workbook: it fires when the error ratio
/// over both the long and the short window exceeds `factor` times the error budget.
public struct BurnWindow: Codable, Sendable, Equatable {
    /// The long window in seconds (1 h for the fast-burn page).
    public var longSeconds: Double
    /// The short window in seconds (5 min for the fast-burn page): resets the alert quickly.
    public var shortSeconds: Double
    /// The burn rate that fires: 1 spends exactly the budget over the SLO period.
    public var factor: Double
    /// How bad a firing is.
    public var severity: Severity

    /// Creates a window pair.
    public init(longSeconds: Double, shortSeconds: Double, factor: Double, severity: Severity) {
        self.longSeconds = longSeconds
        self.shortSeconds = shortSeconds
        self.factor = factor
        self.severity = severity
    }

    /// `1h/5m`, for messages.
    public var label: String {
        "\(Self.durationLabel(longSeconds))/\(Self.durationLabel(shortSeconds))"
    }

    /// The SRE Workbook's four alerts for a 30-day budget.
    public static let workbookDefaults = [
        BurnWindow(longSeconds: 3600, shortSeconds: 300, factor: 14.4, severity: .critical),
        BurnWindow(longSeconds: 21_600, shortSeconds: 1800, factor: 6, severity: .critical),
        BurnWindow(longSeconds: 86_400, shortSeconds: 7200, factor: 3, severity: .warning),
        BurnWindow(longSeconds: 259_200, shortSeconds: 21_600, factor: 1, severity: .warning),
    ]

    /// `5m`, `6h`, `3d`, or seconds when the duration is no whole unit.
    static func durationLabel(_ seconds: Double) -> String {
        for (unit, size) in [("d", 86_400.0), ("h", 3600.0), ("m", 60.0)]
        where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(seconds / size))\(unit)"
        }
        return "\(NumberFormat.short(seconds))s"
    }

    enum CodingKeys: String, CodingKey {
        case longSeconds = "long_seconds"
        case shortSeconds = "short_seconds"
        case factor
        case severity
    }
}
