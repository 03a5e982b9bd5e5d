extension JSONCollector {
    /// A scalar read by `scanScalar`: where it ends (-1 on failure), its kind and, for a
    /// number, its value.
    struct Scalar {
        var end: Int
        var kind: JSONEvent.Kind
        var number: Double = 0
    }

    /// Reads a number or a literal at `start`: `true`, `false`, `null`, `NaN`, `Infinity`,
    /// `-Infinity` (and `nan`, `inf`, `-inf`, `INF`, … in any case). On failure `end` is -1
    /// and `failure` is set.
    ///
    /// The numbers most members hold are read by ``scanShortNumber``, which needs none of
    /// the collector's state; anything else, by ``scanOtherScalar``.
    @inline(__always)
    mutating func scanScalar(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Scalar {
        let short = Self.scanShortNumber(p, start, end)
        if short.end >= 0 {
            return Scalar(end: short.end, kind: .number, number: short.value)
        }
        return scanOtherScalar(p, start, end)
    }

    /// Reads what ``scanShortNumber`` leaves: numbers of other shapes, literals, errors.
    @inline(never)
    mutating func scanOtherScalar(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> Scalar
    {
        let byte = p[start]
        let isNumber =
            byte &- UInt8(ascii: "0") < 10
            || (byte == UInt8(ascii: "-")
                && (start + 1 == end || (p[start + 1] | 0x20) &- UInt8(ascii: "a") >= 26))
        guard isNumber else {
            return scanWord(p, start, end)
        }

        var scan = NumberParser.scanPlainDecimal(p, start, end)
        if scan.end < 0 {
            scan = NumberParser.scanNumber(p, start, end, lenient: false)
        }
        if scan.end < 0 || (scan.end < end && Self.continuesToken(p[scan.end])) {
            return Scalar(end: fail(.invalidNumber, start), kind: .number)
        }
        return Scalar(end: scan.end, kind: .number, number: scan.value)
    }

    /// Reads a literal or a word naming a non-finite number, or reports what else starts at
    /// `start`.
    @inline(never)
    private mutating func scanWord(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> Scalar
    {
        if let word = Self.nonFiniteWord(p, start, end) {
            return word
        }
        switch p[start] {
        case UInt8(ascii: "-"):
            let stop = literal(p, start, end, "-Infinity", failing: .invalidNumber)
            return Scalar(end: stop, kind: .number, number: -.infinity)
        case UInt8(ascii: "t"):
            return Scalar(end: literal(p, start, end, "true"), kind: .isTrue)
        case UInt8(ascii: "f"):
            return Scalar(end: literal(p, start, end, "false"), kind: .isFalse)
        case UInt8(ascii: "n"):
            return Scalar(end: literal(p, start, end, "null"), kind: .null)
        case UInt8(ascii: "N"):
            return Scalar(end: literal(p, start, end, "NaN"), kind: .number, number: .nan)
        case UInt8(ascii: "I"):
            return Scalar(end: literal(p, start, end, "Infinity"), kind: .number, number: .infinity)
        case UInt8(ascii: "+"), UInt8(ascii: "."):
            return Scalar(end: fail(.invalidNumber, start), kind: .null)
        default:
            let kind: JSONSyntaxError.Kind =
                Self.continuesToken(p[start]) ? .invalidLiteral : .expectedValue
            return Scalar(end: fail(kind, start), kind: .null)
        }
    }

    /// `nan`, `inf` or `infinity` in any case, with an optional sign, as a whole token: what
    /// C's `printf`, Python's f-strings, Go and Rust write for non-finite floats, read as the
    /// number they name, as `NaN` and `Infinity` (Python's `json`) are; `nil` for any other token.
    private static func nonFiniteWord(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> Scalar?
    {
        let first = p[start] | 0x20
        guard
            first == UInt8(ascii: "n") || first == UInt8(ascii: "i")
                || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
        else { return nil }
        var stop = start + 1
        while stop < end, continuesToken(p[stop]) { stop += 1 }
        guard let value = NumberParser.lenientWord(p, start, stop) else { return nil }
        return Scalar(end: stop, kind: .number, number: value)
    }

    /// Matches `word` at `start`, not followed by more letters or digits.
    private mutating func literal(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ word: StaticString,
        failing kind: JSONSyntaxError.Kind = .invalidLiteral
    ) -> Int {
        let stop = start + word.utf8CodeUnitCount
        guard stop <= end, NumberParser.matches(p, start, word),
            stop == end || !Self.continuesToken(p[stop])
        else {
            return fail(kind, start)
        }
        return stop
    }

    /// Whether `byte` can continue a number or word token (so `01` or `truex` is one token).
    ///
    /// Digits, ASCII letters, `.`, `+`, `-` and `_`, as one bit per byte value below 128.
    @inline(__always)
    static func continuesToken(_ byte: UInt8) -> Bool {
        // Bytes 0-63: `+` (0x2B), `-` (0x2D), `.` (0x2E), `0`-`9` (0x30-0x39).
        let low: UInt64 = 0x03FF_6800_0000_0000
        // Bytes 64-127: `A`-`Z` (0x41-0x5A), `_` (0x5F), `a`-`z` (0x61-0x7A).
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        let bits = byte < 64 ? low : high
        return byte < 128 && bits >> UInt64(byte & 63) & 1 != 0
    }
}
