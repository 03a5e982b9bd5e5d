/// Finds where a malformed entry of a JSON array ends, so reading can go on after it.
///
/// The entry is walked without validating it: strings (with their escapes) are passed over,
/// brackets and braces only counted, until a `,` or `]` that is not nested inside the
/// entry. A string that is still open at a line end is taken to end there, since a JSON
/// string holds no raw line break: one bad quote then costs its own line, not the document.
enum EntryBoundary {
    /// The offset of the `,` or `]` that follows the entry starting at `start`, or `nil`
    /// when its brackets never balance before `end` (or close with a stray `}`).
    static func end(of start: Int, in text: UnsafePointer<UInt8>, upTo end: Int) -> Int? {
        var depth = 0
        var index = start
        while index < end {
            switch text[index] {
            case UInt8(ascii: "\""):
                index = stringEnd(after: index, in: text, upTo: end)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return text[index] == UInt8(ascii: "]") ? index : nil }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// The offset just past the string opened at `quote`: past its closing quote, or at the
    /// line break or end that cuts it short.
    private static func stringEnd(
        after quote: Int, in text: UnsafePointer<UInt8>, upTo end: Int
    ) -> Int {
        var index = quote + 1
        while index < end {
            switch text[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\n"): return index
            case UInt8(ascii: "\\"):
                guard index + 1 < end, text[index + 1] != UInt8(ascii: "\n") else {
                    return index + 1
                }
                index += 2
            default: index += 1
            }
        }
        return end
    }
}
