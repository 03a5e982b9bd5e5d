/// Text made safe to print on a terminal or to render in a report.
public enum PrintableText {
    /// `text` with every control character but tab (and line feed, when `keepingNewlines`)
    /// made U+FFFD, so that file names and log text cannot move a terminal's cursor, change
    /// its colours, split a one-line message, or make a report binary.
    public static func of(_ text: String, keepingNewlines: Bool = false) -> String {
        let isControl = { (scalar: Unicode.Scalar) -> Bool in
            let value = scalar.value
            if value == 0x09 || keepingNewlines && value == 0x0A { return false }
            return value < 0x20 || (0x7F...0x9F).contains(value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isControl(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }
}
