/// Colours for a terminal: on only when the stream is a terminal, `NO_COLOR` is unset or
/// empty (no-color.org), and `TERM` is not `dumb`.
public struct TerminalStyle: Sendable, Equatable {
    /// SGR attributes used.
    public enum Paint: String, Sendable {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case bold = "1"
        case boldRed = "1;31"
        case boldGreen = "1;32"
    }

    /// True when text is painted.
    public let enabled: Bool

    /// Decides for a stream that `isTerminal` (or not), given the environment variables
    /// `environment` returns.
    public init(isTerminal: Bool, environment: (String) -> String?) {
        let noColor = environment("NO_COLOR").map { !$0.isEmpty } ?? false
        enabled = isTerminal && !noColor && environment("TERM") != "dumb"
    }

    /// `text` wrapped in the escape codes for `paint`, or as it is when disabled.
    public func paint(_ text: String, _ paint: Paint) -> String {
        enabled ? "\u{1B}[\(paint.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// A severity word in its colour: critical and error red, warning yellow, info blue.
    public func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return paint(severity.name, .boldRed)
        case .error: return paint(severity.name, .red)
        case .warning: return paint(severity.name, .yellow)
        case .info: return paint(severity.name, .blue)
        }
    }
}
