extension JSONCollector {
    /// Reads the numbers most logs write (`3`, `-12.5`, `0.87638`, `1.5e-07`, `1715677200.42`)
    /// a word at a time; `end` is -1 for anything else, which `scanOtherScalar` then reads
    /// in full (or rejects), so nothing here needs to report an error. Out of line, with no
    /// collector state, it keeps fewer registers than the scanning loops that call it.
    ///
    /// Taken: an optional `-`, one to seven integer digits without a leading zero, an
    /// optional `.` with at least one digit, at most eight digits in all, maybe an exponent,
    /// and then a byte that cannot continue the token, or the end; longer integer parts go to
    /// ``scanLongNumber``. The value is made as `NumberParser.convert` makes it on its exact
    /// path: one correctly rounded multiplication or division. A text shorter than eight
    /// bytes is left to `scanOtherScalar`, so the words near the end of a line are made
    /// without a call.
    @inline(never)
    static func scanShortNumber(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int)
        -> NumberParser.Scan
    {
        let other: NumberParser.Scan = (0, -1)
        guard end >= 8 else { return other }
        let negative = p[start] == UInt8(ascii: "-")
        let index = negative ? start + 1 : start

        let word = NumberParser.word(p, index, end)
        let nonDigits = NumberParser.nonDigitBits(word)
        if word & 0xFFFF == Self.zeroPoint {
            // `0.` and one to five digits, the most common shape in logs: the fraction is the
            // word past the point, whose non-digit bits hold there too.
            let digits = (nonDigits >> 16).trailingZeroBitCount >> 3
            let next = UInt8(truncatingIfNeeded: word &>> UInt64(8 * digits + 16))
            if digits > 0, digits < 6, next | 0x20 != UInt8(ascii: "e"),
                next == UInt8(ascii: ",") || next == UInt8(ascii: "}") || !continuesToken(next)
            {
                let fraction = NumberParser.eightDigitValue(word >> 16, count: digits)
                let magnitude = Double(fraction) / NumberParser.exactPowersOfTen[digits]
                return (negative ? -magnitude : magnitude, index + 2 + digits)
            }
        }
        let count = nonDigits.trailingZeroBitCount >> 3
        guard count > 0, count == 1 || UInt8(truncatingIfNeeded: word) != UInt8(ascii: "0") else {
            return other
        }
        if count == 8 {
            return scanLongNumber(p, index, end, negative: negative, word: word)
        }

        let next = UInt8(truncatingIfNeeded: word &>> UInt64(8 * count))
        if next == UInt8(ascii: ".") {
            return scanShortFraction(p, index, end, word: word, count: count, negative: negative)
        }
        // One digit (a rank, a small count) is its low nibble.
        let mantissa =
            count == 1 ? word & 0xF : NumberParser.eightDigitValue(word, count: count)
        let stop = index + count
        if next | 0x20 == UInt8(ascii: "e") {
            return scanShortExponent(p, stop, end, mantissa, 0, negative: negative)
        }
        // A member's number is nearly always followed by `,` or `}`: no table for those.
        guard next == UInt8(ascii: ",") || next == UInt8(ascii: "}") || !continuesToken(next)
        else { return other }
        // An integer of at most seven digits is its own double: no division.
        let magnitude = Double(mantissa)
        return (negative ? -magnitude : magnitude, stop)
    }

    /// The end of ``scanShortNumber`` for a number whose `count` integer digits, the low bytes
    /// of `word` at `index`, are followed by a point: the fraction's digits are the word after
    /// the point, shifted into the integer's word in place of the point and what follows it.
    @inline(__always)
    private static func scanShortFraction(
        _ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int, word: UInt64, count: Int,
        negative: Bool
    ) -> NumberParser.Scan {
        let fraction = NumberParser.word(p, index + count + 1, end)
        let fractionDigits = NumberParser.leadingDigitCount(fraction)
        let total = count + fractionDigits
        guard fractionDigits > 0, total <= 8 else { return (0, -1) }

        let integerBytes = (1 as UInt64) &<< UInt64(8 * count) &- 1
        let digits = word & integerBytes | fraction &<< UInt64(8 * count)
        let mantissa = NumberParser.eightDigitValue(digits, count: total)
        // At most seven fraction digits: the byte after them is in the fraction's word.
        let next = UInt8(truncatingIfNeeded: fraction &>> UInt64(8 * fractionDigits))
        let stop = index + total + 1
        if next | 0x20 == UInt8(ascii: "e") {
            return scanShortExponent(p, stop, end, mantissa, -fractionDigits, negative: negative)
        }
        guard next == UInt8(ascii: ",") || next == UInt8(ascii: "}") || !continuesToken(next)
        else { return (0, -1) }
        let magnitude = Double(mantissa) / NumberParser.exactPowersOfTen[fractionDigits]
        return (negative ? -magnitude : magnitude, stop)
    }

    /// The bytes `0.` as the low half of a little-endian word.
    private static var zeroPoint: UInt64 { 0x2E30 }

    /// The end of ``scanShortNumber`` for a number whose digits, up to the `e` at `start`,
    /// make `mantissa × 10^exponent`.
    @inline(never)
    private static func scanShortExponent(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ mantissa: UInt64,
        _ exponent: Int, negative: Bool
    ) -> NumberParser.Scan {
        var written = 0
        let stop = NumberParser.scanExponent(p, start + 1, end, into: &written)
        guard stop >= 0, stop == end || !continuesToken(p[stop]) else { return (0, -1) }
        let power = exponent + written
        guard power >= -22, power <= 22 else { return (0, -1) }

        let significand = Double(mantissa)
        let magnitude =
            power < 0
            ? significand / NumberParser.exactPowersOfTen[-power]
            : significand * NumberParser.exactPowersOfTen[power]
        return (negative ? -magnitude : magnitude, stop)
    }

    /// ``scanShortNumber`` for eight to fifteen integer digits, the first eight in `word` at
    /// `index`: the rest and a fraction, at most eight digits after the first eight, are read
    /// as one word with the point taken out, as there; the mantissa is at most 2^53.
    @inline(never)
    private static func scanLongNumber(
        _ p: UnsafePointer<UInt8>, _ index: Int, _ end: Int, negative: Bool, word: UInt64
    ) -> NumberParser.Scan {
        let other: NumberParser.Scan = (0, -1)
        let rest = index + 8
        var digits = NumberParser.word(p, rest, end)
        let count = NumberParser.leadingDigitCount(digits)
        guard count < 8 else { return other }

        var total = count
        var next = UInt8(truncatingIfNeeded: digits &>> UInt64(8 * count))
        if next == UInt8(ascii: ".") {
            let integerBytes = (1 as UInt64) &<< UInt64(8 * count) &- 1
            digits = digits & integerBytes | NumberParser.word(p, rest + 1, end) & ~integerBytes
            total = NumberParser.leadingDigitCount(digits)
            guard total > count else { return other }
            next =
                total < 8
                ? UInt8(truncatingIfNeeded: digits &>> UInt64(8 * total))
                : rest + 9 < end ? p[rest + 9] : 0
        }

        let mantissa =
            NumberParser.eightDigitValue(word, count: 8) &* NumberParser.powersOfTen[total]
            &+ NumberParser.eightDigitValue(digits, count: total)
        guard mantissa <= 1 << 53,
            next == UInt8(ascii: ",") || next == UInt8(ascii: "}") || !continuesToken(next)
        else { return other }
        let fractionDigits = total - count
        let magnitude = Double(mantissa) / NumberParser.exactPowersOfTen[fractionDigits]
        return (negative ? -magnitude : magnitude, rest + total + (fractionDigits == 0 ? 0 : 1))
    }
}
