/// Colours of the charts: the Okabe–Ito set, distinguishable with colour blindness.
public enum ChartPalette {
    /// Series colours in the order they are handed out.
    public static let series = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999933",
    ]
    /// Lines beyond the palette, drawn thin behind the coloured ones.
    public static let background = "#BBBBBB"
    /// Resumes from checkpoints.
    public static let resume = "#666666"
    /// Target lines.
    public static let threshold = "#C0392B"
    /// Axes and grid.
    static let axis = "#444444"
    static let grid = "#E5E5E5"

    /// The colour of an incident of `severity`.
    public static func incident(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "#C0392B"
        case .error: return "#D55E00"
        case .warning: return "#E69F00"
        case .info: return "#56B4E9"
        }
    }
}
