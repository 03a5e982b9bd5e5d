/// Something that happened at a place on the x axis: an incident or a resume, drawn as a
/// vertical line (or a shaded span), with an optional point at a y value, and a label.
public struct ChartMarker: Sendable, Equatable {
    /// Where it starts on the x axis.
    public var x: Double
    /// Where it ends, for a span; `nil` or equal to `x` for a single place.
    public var end: Double?
    /// A value to mark with a dot (a spike's peak), or `nil`.
    public var y: Double?
    /// The short label drawn beside it.
    public var label: String
    /// Stroke and fill colour.
    public var color: String
    /// The legend entry for markers of this kind (`resume`, `critical incident`).
    public var legend: String
    /// Drawn dashed (resumes).
    public var dashed: Bool

    /// Creates a marker.
    public init(
        x: Double, end: Double? = nil, y: Double? = nil, label: String, color: String,
        legend: String, dashed: Bool = false
    ) {
        self.x = x
        self.end = end
        self.y = y
        self.label = label
        self.color = color
        self.legend = legend
        self.dashed = dashed
    }
}

/// A horizontal line at a target value (an SLO).
public struct ChartThreshold: Sendable, Equatable {
    /// The value.
    public var y: Double
    /// The legend entry and label.
    public var label: String
    /// Stroke colour.
    public var color: String

    /// Creates a threshold line.
    public init(y: Double, label: String, color: String = ChartPalette.threshold) {
        self.y = y
        self.label = label
        self.color = color
    }
}
