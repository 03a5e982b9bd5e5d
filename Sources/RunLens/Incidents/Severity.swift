/// How bad an incident is: `info < warning < error < critical`.
public enum Severity: Int, Comparable, Codable, CaseIterable, Sendable {
    case info
    case warning
    case error
    case critical

    /// The word used in files and flags.
    public var name: String {
        switch self {
        case .info: return "info"
        case .warning: return "warning"
        case .error: return "error"
        case .critical: return "critical"
        }
    }

    /// Reads a severity word; `nil` for anything else.
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let severity = Severity(name: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown severity '\(text)'")
        }
        self = severity
    }
}
