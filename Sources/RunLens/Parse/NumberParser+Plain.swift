extension NumberParser {
    /// Reads the numbers most logs write (`-12.5`, `0.87638`, `1715677200.420`, `1.5e-07`, `3`)
    /// in a few word operations; `end` is -1 for anything else, which ``scanNumber`` then
    /// reads (or rejects) in full.
    ///
    /// Taken: an optional `-`, one to fifteen integer digits without a leading zero, an
    /// optional `.` with one to seven digits, an optional exponent, at most 19 digits in
    /// all, and a value that ``convert`` makes on its exact path (a mantissa up to 2^53 and a
    /// power of ten up to 10^22), which is computed here the same way. The caller checks the
    /// byte after the number, as after ``scanNumber``.
    @inline(__always)
    static func scanPlainDecimal(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Scan {
        let other: Scan = (0, -1)
        let negative = p[start] == UInt8(ascii: "-")
        var index = negative ? start + 1 : start

        // The integer part: one word, or two for nine to fifteen digits.
        var word = Self.word(p, index, end)
        var count = leadingDigitCount(word)
        guard count > 0, count == 1 || UInt8(truncatingIfNeeded: word) != UInt8(ascii: "0") else {
            return other
        }
        var next = UInt8(truncatingIfNeeded: word >> UInt64(8 * count))
        var exponent = 0
        var mantissa: UInt64
        if count < 8 && next == UInt8(ascii: ".") {
            // The word from the next byte on, in place of the point's and after it, gives the
            // fraction's first digits in the same word as the integer's: when the fraction
            // ends there too, that is the whole number.
            let integerBytes = (1 as UInt64) << UInt64(8 * count) &- 1
            let joined = word & integerBytes | Self.word(p, index + 1, end) & ~integerBytes
            let total = leadingDigitCount(joined)
            if total > count && total < 8 {
                mantissa = eightDigitValue(joined, count: total)
                exponent = count - total
                index += 1 + total
                next = UInt8(truncatingIfNeeded: joined >> UInt64(8 * total))
                return finish(p, negative, mantissa, exponent, next, index, end)
            }
        }

        mantissa = eightDigitValue(word, count: count)
        var digits = count
        index += count
        if count == 8 {
            word = Self.word(p, index, end)
            count = leadingDigitCount(word)
            guard count < 8 else { return other }
            if count > 0 {
                mantissa = mantissa &* powersOfTen[count] &+ eightDigitValue(word, count: count)
            }
            digits += count
            index += count
        }

        // The byte after the digits comes from the word already loaded (zero past the end).
        next = UInt8(truncatingIfNeeded: word >> UInt64(8 * count))
        if next == UInt8(ascii: ".") {
            word = Self.word(p, index + 1, end)
            count = leadingDigitCount(word)
            guard count > 0, count < 8, digits + count <= 19 else { return other }
            mantissa = mantissa &* powersOfTen[count] &+ eightDigitValue(word, count: count)
            exponent = -count
            index += 1 + count
            next = UInt8(truncatingIfNeeded: word >> UInt64(8 * count))
        }
        return finish(p, negative, mantissa, exponent, next, index, end)
    }

    /// Reads the optional exponent of the number whose digits, read up to `index`, make
    /// `mantissa × 10^exponent` and are followed by `next`; then its exact value.
    @inline(__always)
    private static func finish(
        _ p: UnsafePointer<UInt8>, _ negative: Bool, _ mantissa: UInt64, _ exponent: Int,
        _ next: UInt8, _ index: Int, _ end: Int
    ) -> Scan {
        var index = index
        var exponent = exponent
        if next | 0x20 == UInt8(ascii: "e") {
            var written = 0
            index = scanExponent(p, index + 1, end, into: &written)
            guard index >= 0 else { return (0, -1) }
            exponent += written
        }

        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return (0, -1) }
        let significand = Double(mantissa)
        let magnitude =
            exponent < 0
            ? significand / exactPowersOfTen[-exponent]
            : significand * exactPowersOfTen[exponent]
        return (negative ? -magnitude : magnitude, index)
    }

    /// The eight bytes at `index` as a little-endian word; past `end` (a number at the end
    /// of a line) the missing bytes are zero, which is not a digit.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> UInt64 {
        guard index + 8 <= end else {
            return shortWord(p, index, end)
        }
        return UInt64(littleEndian: UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self))
    }

    /// The bytes from `index` to `end` (fewer than eight) as a little-endian word, the rest
    /// zero: the eight bytes ending at `end` shifted down when the text is that long.
    @inline(__always)
    private static func shortWord(_ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> UInt64 {
        guard index < end else {
            return 0
        }
        if end >= 8 {
            let last = UInt64(
                littleEndian: UnsafeRawPointer(p + end - 8).loadUnaligned(as: UInt64.self))
            return last &>> UInt64(8 * (index + 8 - end))
        }
        return tinyWord(p, index, end)
    }

    /// The bytes from `index` to `end` of a text shorter than eight bytes, the rest zero.
    @inline(never)
    private static func tinyWord(_ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> UInt64 {
        var word: UInt64 = 0
        var shift: UInt64 = 0
        var offset = index
        while offset < end {
            word |= UInt64(p[offset]) << shift
            shift += 8
            offset += 1
        }
        return word
    }
}
