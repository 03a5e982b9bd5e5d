/// Converts decimal number text to the correctly rounded `Double`, as `strtod` would.
///
/// Two grammars: `parse` takes a JSON number token exactly (plus Python's bare `NaN`,
/// `Infinity` and `-Infinity`), `parseLenient` takes the looser text found inside JSON
/// strings and CSV cells. Neither allocates; both work on bytes.
public enum NumberParser {
    /// Parses one complete JSON number token.
    ///
    /// Accepts RFC 8259 numbers (`-0`, `2.5e-4`, `1E+400`) and the tokens `NaN`, `Infinity`
    /// and `-Infinity`. Rejects anything else, such as `01`, `.5`, `1.`, `+1`, `1e`, `0x1F`
    /// or surrounding spaces. Values too large for a `Double` give `±infinity`.
    ///
    /// - Returns: the value, or `nil` when `bytes` is not exactly one such token.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return nil
        }
        if let special = specialValue(base, 0, bytes.count) {
            return special
        }

        let scan = scanNumber(base, 0, bytes.count, lenient: false)
        return scan.end == bytes.count ? scan.value : nil
    }

    /// Parses a number written as text, as found in JSON strings and CSV cells.
    ///
    /// Besides JSON numbers this accepts surrounding spaces, tabs and line ends, a leading
    /// `+`, leading zeros (`007`), a bare fraction or point (`.5`, `1.`), and `nan`, `inf`,
    /// `infinity` in any case with an optional sign. Trailing text such as a unit
    /// (`17092 MiB`) is rejected: callers that expect units strip them first.
    ///
    /// - Returns: the value, or `nil` when the text is not a number.
    public static func parseLenient(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return nil
        }
        var start = 0
        var end = bytes.count
        while start < end && isSpace(base[start]) {
            start += 1
        }
        while end > start && isSpace(base[end - 1]) {
            end -= 1
        }

        if let word = lenientWord(base, start, end) {
            return word
        }
        let scan = scanNumber(base, start, end, lenient: true)
        return scan.end == end ? scan.value : nil
    }

    /// The strict tokens `NaN`, `Infinity` and `-Infinity` filling `[start, end)` exactly.
    static func specialValue(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let length = end - start
        guard length == 3 || length == 8 || length == 9 else {
            return nil
        }
        if length == 3 && matches(p, start, "NaN") {
            return .nan
        }
        if length == 8 && matches(p, start, "Infinity") {
            return .infinity
        }
        if length == 9 && p[start] == UInt8(ascii: "-") && matches(p, start + 1, "Infinity") {
            return -.infinity
        }
        return nil
    }

    /// `nan`, `inf` or `infinity` in any case, with an optional sign, filling the range.
    static func lenientWord(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> Double?
    {
        var index = start
        var negative = false
        if index < end && (p[index] == UInt8(ascii: "-") || p[index] == UInt8(ascii: "+")) {
            negative = p[index] == UInt8(ascii: "-")
            index += 1
        }

        let length = end - index
        if length == 3 && matchesIgnoringCase(p, index, "nan") {
            return .nan
        }
        if (length == 3 && matchesIgnoringCase(p, index, "inf"))
            || (length == 8 && matchesIgnoringCase(p, index, "infinity"))
        {
            return negative ? -.infinity : .infinity
        }
        return nil
    }

    /// Whether the bytes at `offset` equal `word` (ASCII); the caller checks the length.
    static func matches(_ p: UnsafePointer<UInt8>, _ offset: Int, _ word: StaticString) -> Bool {
        let letters = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where p[offset + index] != letters[index] {
            return false
        }
        return true
    }

    /// Like `matches`, with ASCII letters compared case-insensitively; `word` is lowercase.
    private static func matchesIgnoringCase(
        _ p: UnsafePointer<UInt8>, _ offset: Int, _ word: StaticString
    ) -> Bool {
        let letters = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where p[offset + index] | 0x20 != letters[index] {
            return false
        }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
