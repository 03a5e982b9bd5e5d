extension NumberParser {
    /// A number read from text: its value, and the offset just past it or -1 when invalid.
    typealias Scan = (value: Double, end: Int)

    /// Reads the longest number at `start` that the grammar allows, without looking past it.
    ///
    /// Strict mode is the JSON grammar; lenient mode also takes a leading `+`, leading zeros,
    /// `.5` and `1.`. The caller decides whether the byte at `end` may follow a number.
    @inline(__always)
    static func scanNumber(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, lenient: Bool)
        -> Scan
    {
        let failure: Scan = (0, -1)
        var index = start
        var negative = false
        if index < end {
            if p[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            } else if lenient && p[index] == UInt8(ascii: "+") {
                index += 1
            }
        }

        var mantissa: UInt64 = 0
        let integerStart = index
        index = accumulateDigits(p, index, end, into: &mantissa)
        let integerDigits = index - integerStart
        if !lenient && integerDigits > 1 && p[integerStart] == UInt8(ascii: "0") {
            return failure
        }

        // Significant digits, over-counted only by a lenient number's leading zeros. Past 19
        // digits the mantissa has wrapped (maybe to 0) and the slow path takes over.
        var digits = integerDigits <= 19 && mantissa == 0 ? 0 : integerDigits
        var fractionDigits = 0
        if index < end && p[index] == UInt8(ascii: ".") {
            let fractionStart = index + 1
            index = fractionStart
            if mantissa == 0 {
                while index < end && p[index] == UInt8(ascii: "0") {
                    index += 1
                }
            }
            let significantStart = index
            index = accumulateDigits(p, index, end, into: &mantissa)
            digits += index - significantStart
            fractionDigits = index - fractionStart
            if fractionDigits == 0 && !(lenient && integerDigits > 0) {
                return failure
            }
        }
        if integerDigits == 0 && (!lenient || fractionDigits == 0) {
            return failure
        }

        var exponent = 0
        if index < end && p[index] | 0x20 == UInt8(ascii: "e") {
            index = scanExponent(p, index + 1, end, into: &exponent)
            if index < 0 {
                return failure
            }
        }

        if digits <= 19,
            let value = convert(mantissa, exponent - fractionDigits, negative: negative)
        {
            return (value, index)
        }
        return (DecimalWriter.convert(p, start, index), index)
    }

    /// Appends the decimal digits at `start` to `mantissa` (wrapping past 19 digits).
    ///
    /// Converts up to eight digits per step with SWAR arithmetic (Lemire, "Fast number
    /// parsing"): the digit bytes of a little-endian word are found with nibble masks,
    /// shifted so the run is right-aligned, then combined pairwise by three multiplications.
    @inline(__always)
    private static func accumulateDigits(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into mantissa: inout UInt64
    ) -> Int {
        var index = start
        while index + 8 <= end {
            let word = UInt64(
                littleEndian: UnsafeRawPointer(p + index).loadUnaligned(as: UInt64.self))
            let count = leadingDigitCount(word)
            if count == 0 {
                return index
            }
            mantissa = mantissa &* powersOfTen[count] &+ eightDigitValue(word, count: count)
            index += count
            if count < 8 {
                return index
            }
        }

        while index < end {
            let digit = p[index] &- UInt8(ascii: "0")
            if digit > 9 {
                break
            }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        return index
    }

    /// `10^n` for `n` in 0...8.
    static let powersOfTen: [UInt64] = [
        1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000,
    ]

    /// How many of the word's bytes, from the lowest, are ASCII digits.
    @inline(__always)
    static func leadingDigitCount(_ word: UInt64) -> Int {
        nonDigitBits(word).trailingZeroBitCount >> 3
    }

    /// A word whose byte is nonzero where the word's byte is not an ASCII digit, exact up to
    /// and including the lowest such byte, and past it as long as no byte from 0xCA to 0xCF
    /// comes first.
    @inline(__always)
    static func nonDigitBits(_ word: UInt64) -> UInt64 {
        // Less `0`, by XOR, a digit byte is 0 to 9, which keeps its high nibble 0 with 6 added;
        // any other byte has a high nibble set before or after. Adding 6 carries upwards only
        // from a byte that was 0xCA to 0xCF, not a digit.
        let offsets = word ^ 0x3030_3030_3030_3030
        return (offsets | (offsets &+ 0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0
    }

    /// The value of the first `count` (1...8) digit bytes of `word`.
    @inline(__always)
    static func eightDigitValue(_ word: UInt64, count: Int) -> UInt64 {
        var value = (word &- 0x3030_3030_3030_3030) << UInt64(64 - 8 * count)
        value = value &* 10 &+ value >> 8
        let pairs: UInt64 = 0x0000_00FF_0000_00FF
        let low = (value & pairs) &* (100 + 1_000_000 << 32)
        let high = (value >> 16 & pairs) &* (1 + 10_000 << 32)
        return (low &+ high) >> 32
    }

    /// Reads an exponent's optional sign and digits; returns -1 when there are no digits.
    ///
    /// The magnitude saturates at 100,000, far past where every double under- or overflows.
    static func scanExponent(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into exponent: inout Int
    ) -> Int {
        var index = start
        var negative = false
        if index < end && (p[index] == UInt8(ascii: "-") || p[index] == UInt8(ascii: "+")) {
            negative = p[index] == UInt8(ascii: "-")
            index += 1
        }

        let digitsStart = index
        var magnitude = 0
        while index < end {
            let digit = p[index] &- UInt8(ascii: "0")
            if digit > 9 {
                break
            }
            if magnitude < 100_000 {
                magnitude = magnitude * 10 + Int(digit)
            }
            index += 1
        }

        exponent = negative ? -magnitude : magnitude
        return index == digitsStart ? -1 : index
    }
}
