/// Whether a request succeeded, as far as its record says.
public enum Outcome: Equatable, Sendable {
    /// The record says nothing about success.
    case unknown
    /// The request succeeded.
    case ok
    /// The request failed; `type` names the error as the log did (`429`, `timeout`).
    case error(type: String)

    /// Reads an HTTP-style status code: 400 and above are errors.
    static func fromStatus(code: Double) -> Outcome {
        guard code.isFinite else { return .unknown }
        return code >= 400 ? .error(type: formatCode(code)) : .ok
    }

    /// Reads a status or error text such as `"200"`, `"ok"`, `"timeout"`.
    static func fromStatus(text: String) -> Outcome {
        let trimmed = text.trimmingSpaces()
        if let code = Double(trimmed) { return fromStatus(code: code) }
        let lower = trimmed.lowercased()
        if lower.isEmpty { return .unknown }
        if okWords.contains(lower) || lower.hasPrefix("2") { return .ok }
        return .error(type: String(trimmed.prefix(60)))
    }

    /// Reads an error field: empty, `null` or `false` means success.
    static func fromError(text: String) -> Outcome {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty || trimmed.lowercased() == "none" { return .ok }
        return .error(type: String(trimmed.prefix(60)))
    }

    static func formatCode(_ code: Double) -> String {
        code == code.rounded() && abs(code) < 1e9 ? String(Int(code)) : String(code)
    }

    private static let okWords: Set<String> = ["ok", "success", "succeeded", "completed", "done"]
}

extension String {
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
