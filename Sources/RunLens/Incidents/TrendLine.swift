/// A straight line a detector fitted to a series, for charts to draw: from
/// (`startX`, `startValue`) to (`endX`, `endValue`), x on the series' axis (steps, or epoch
/// seconds), values in the series' logged units.
public struct TrendLine: Codable, Sendable, Equatable {
    public var startX: Double
    public var startValue: Double
    public var endX: Double
    public var endValue: Double

    /// Creates a trend line.
    public init(startX: Double, startValue: Double, endX: Double, endValue: Double) {
        self.startX = startX
        self.startValue = startValue
        self.endX = endX
        self.endValue = endValue
    }
}
