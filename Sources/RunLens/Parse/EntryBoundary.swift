/// Finds where a malformed entry of a JSON array, or a malformed value of an object's member,
/// ends, so reading can go on after it.
///
/// The value is walked without validating it: strings (with their escapes) are passed over,
/// brackets and braces only matched, until a `,` or closer that is not nested inside it. A
/// string that is still open at a line end is taken to end there, since a JSON string holds
/// no raw line break: one bad quote then costs its own line, not the document. A closer
/// that matches no open bracket is stray and passed over (`[1, 2]]`); one that skips open
/// brackets closes them too (`[1, 2}`), so one stray or missing bracket costs only its entry.
enum EntryBoundary {
    /// The offset of the `,` or `closer` that follows the value starting at `start`, or `nil`
    /// when there is none before `end`.
    static func end(
        of start: Int, in text: UnsafePointer<UInt8>, upTo end: Int,
        closer: UInt8 = UInt8(ascii: "]")
    ) -> Int? {
        var open = OpenBrackets()
        var index = start
        while index < end {
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "\""):
                index = stringEnd(after: index, in: text, upTo: end)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                open.push(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if open.isEmpty, byte == closer { return index }
                open.close(byte)
            case UInt8(ascii: ","):
                if open.isEmpty { return index }
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

/// The brackets and braces open at a point of a value, innermost last.
private struct OpenBrackets {
    private var openers: [UInt8] = []
    private var braces = 0
    private var brackets = 0

    var isEmpty: Bool { openers.isEmpty }

    mutating func push(_ opener: UInt8) {
        openers.append(opener)
        if opener == UInt8(ascii: "{") { braces += 1 } else { brackets += 1 }
    }

    /// Closes up to the innermost opener `closer` matches, or nothing when none is open;
    /// counting each kind keeps a stray closer from searching the whole stack.
    mutating func close(_ closer: UInt8) {
        let opener = closer == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
        guard (opener == UInt8(ascii: "{") ? braces : brackets) > 0 else { return }

        while let last = openers.popLast() {
            if last == UInt8(ascii: "{") { braces -= 1 } else { brackets -= 1 }
            if last == opener { return }
        }
    }
}
