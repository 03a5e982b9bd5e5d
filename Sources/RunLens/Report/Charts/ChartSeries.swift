/// One line of a chart: points in x order, drawn as one `<path>`; a point whose y is not
/// finite breaks the line.
public struct ChartSeries: Sendable, Equatable {
    /// What a series is drawn for: data, a fitted trend, or a faint background line.
    public enum Kind: String, Sendable {
        case data = "series"
        case trend
        case background
    }

    /// The legend entry.
    public var name: String
    /// (x, y) pairs in x order.
    public var points: [(x: Double, y: Double)]
    /// Stroke colour (`#rrggbb`), or `nil` for the next palette colour.
    public var color: String?
    /// Drawn dashed (validation loss, trends).
    public var dashed: Bool
    /// What the line is.
    public var kind: Kind

    /// Creates a series.
    public init(
        name: String, points: [(x: Double, y: Double)], color: String? = nil,
        dashed: Bool = false, kind: Kind = .data
    ) {
        self.name = name
        self.points = points
        self.color = color
        self.dashed = dashed
        self.kind = kind
    }

    /// The points that can be drawn on a linear axis.
    var finitePoints: [(x: Double, y: Double)] {
        points.filter { $0.x.isFinite && $0.y.isFinite }
    }

    public static func == (lhs: ChartSeries, rhs: ChartSeries) -> Bool {
        lhs.name == rhs.name && lhs.color == rhs.color && lhs.dashed == rhs.dashed
            && lhs.kind == rhs.kind && lhs.points.count == rhs.points.count
            && zip(lhs.points, rhs.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
    }
}
