/// One chart of a report: its file name in `charts/`, its title, and the SVG text.
public struct ChartFile: Sendable, Equatable {
    /// The file name, such as `loss.svg`.
    public var name: String
    /// What it shows, for the report's link text.
    public var title: String
    /// The SVG document.
    public var svg: String

    /// Creates a chart file.
    public init(name: String, title: String, svg: String) {
        self.name = name
        self.title = title
        self.svg = svg
    }
}

/// Target values drawn as lines on the charts.
public struct ChartTargets: Sendable, Equatable {
    /// The p95 target of request latency, ms.
    public var latencyP95Ms: Double = 2000
    /// The p95 target of time to first token, ms.
    public var ttftP95Ms: Double = 2000

    /// The defaults (SPEC section 4: p95 ≤ 2000 ms).
    public init() {}
}
