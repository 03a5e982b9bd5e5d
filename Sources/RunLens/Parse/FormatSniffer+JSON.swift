extension FormatSniffer {
    /// JSON Lines or a JSON document, or `nil` when the head does not look like JSON.
    static func jsonFormat(_ sample: HeadSample) -> LogFormat? {
        guard let first = sample.firstSolid else {
            return nil
        }

        switch sample.text[first] {
        case UInt8(ascii: "[") where opensArray(sample):
            return .jsonDocument
        case UInt8(ascii: "{"):
            return objectFormat(sample, first: first)
        default:
            return afterCutFirstLine(sample) ? .jsonLines : nil
        }
    }

    /// Input that starts with `{`: one object per line, or one object over many lines.
    private static func objectFormat(_ sample: HeadSample, first: Int) -> LogFormat {
        guard let firstLine = sample.lines.first, firstLine.lowerBound == first else {
            // The first line runs past the head: one long line, read as JSON Lines.
            return .jsonLines
        }

        guard isObjectLine(sample.bytes(firstLine)) else {
            return afterCutFirstLine(sample) ? .jsonLines : .jsonDocument
        }

        // A whole object followed by anything is no valid document, so lines it is, also
        // when the next line is broken. A lone line is a document when it holds a
        // `log_history` (a trainer state written on one line).
        let rest = sample.text[firstLine.upperBound...]
        guard rest.contains(where: { !HeadSample.isSpace($0) }) else {
            return mentionsHistory(sample.bytes(firstLine)) ? .jsonDocument : .jsonLines
        }
        return .jsonLines
    }

    /// Whether `line` holds the key `"log_history"` followed by `:` and `[`.
    private static func mentionsHistory(_ line: UnsafeRawBufferPointer) -> Bool {
        let key = Array("\"log_history\"".utf8)
        var index = line.startIndex
        while index + key.count <= line.endIndex {
            if line[index..<index + key.count].elementsEqual(key) {
                let after = line[(index + key.count)...].lazy.filter { !HeadSample.isSpace($0) }
                if after.prefix(2).elementsEqual(":[".utf8) { return true }
            }
            index += 1
        }
        return false
    }

    /// Whether a first line starting with `[` opens a JSON array: it is `[` alone, `[`
    /// followed by `{`, `[`, `"` or `]`, or a whole array. A text log line such as
    /// `[11/16 02:58:04] detectron2 INFO: ...` is none of these.
    private static func opensArray(_ sample: HeadSample) -> Bool {
        guard let firstLine = sample.lines.first else {
            return true
        }

        let line = sample.bytes(firstLine)
        let next = line.dropFirst().first { !HeadSample.isSpace($0) }
        guard let next else {
            return true
        }
        return "{[\"]".utf8.contains(next) || isWholeLine(line, opener: UInt8(ascii: "["))
    }

    /// Whether every sampled line after the first is a whole object: JSON Lines whose first
    /// line was cut (a log rotated mid-line) or broken.
    private static func afterCutFirstLine(_ sample: HeadSample) -> Bool {
        let rest = sample.lines.dropFirst()
        return rest.count >= 2 && rest.allSatisfy { isObjectLine(sample.bytes($0)) }
    }

    /// Whether a trimmed line is one object: it starts with `{`, and its braces and brackets
    /// outside strings balance first at its last byte. The JSON itself is not checked.
    static func isObjectLine(_ line: UnsafeRawBufferPointer) -> Bool {
        isWholeLine(line, opener: UInt8(ascii: "{"))
    }

    /// Whether a trimmed line starts with `opener` and balances first at its last byte.
    private static func isWholeLine(_ line: UnsafeRawBufferPointer, opener: UInt8) -> Bool {
        guard line.first == opener else {
            return false
        }

        var depth = 0
        var inString = false
        var escaped = false
        for (index, byte) in line.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }

            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    return index == line.count - 1
                }
            default: break
            }
        }
        return false
    }
}
