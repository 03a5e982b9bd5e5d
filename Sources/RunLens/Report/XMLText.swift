/// Escapes text for XML 1.0 documents (SVG charts, JUnit reports).
///
/// Characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD,
/// so text taken from a log can never make a document unreadable.
public enum XMLText {
    /// `text` for element content: `&`, `<` and `>` escaped.
    public static func content(_ text: String) -> String {
        escape(text, inAttribute: false)
    }

    /// `text` for a double-quoted attribute value: quotes escaped too, and line ends and
    /// tabs written as character references so parsers keep them.
    public static func attribute(_ text: String) -> String {
        escape(text, inAttribute: true)
    }

    /// An attribute value as ``attribute(_:)`` wrote it, read back (`&amp;` last, so that an
    /// escaped reference such as `&amp;lt;` comes back as the text `&lt;`).
    static func unescapedAttribute(_ value: String) -> String {
        let references = [
            ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#10;", "\n"), ("&#13;", "\r"),
            ("&#9;", "\t"), ("&amp;", "&"),
        ]
        return references.reduce(value) { text, pair in
            text.replacingOccurrences(of: pair.0, with: pair.1)
        }
    }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\n" where inAttribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where inAttribute: out += "&#9;"
            default:
                out.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// True for the characters of XML 1.0's `Char` production.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
