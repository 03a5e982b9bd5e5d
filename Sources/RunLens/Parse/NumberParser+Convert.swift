extension NumberParser {
    /// The powers of ten that a `Double` holds exactly.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `±mantissa × 10^exponent` correctly rounded, or `nil` when only the slow path can tell.
    ///
    /// First the exact path: a mantissa below 2^53 and a power of ten that a double holds make
    /// one correctly rounded multiplication or division. Then the Eisel-Lemire method
    /// (Lemire, "Number Parsing at a Gigabyte per Second", 2021), which gives up on the rare
    /// inputs it cannot round with certainty, on subnormals and on overflow.
    @inline(__always)
    static func convert(_ mantissa: UInt64, _ exponent: Int, negative: Bool) -> Double? {
        if mantissa == 0 {
            return negative ? -0.0 : 0.0
        }

        if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let significand = Double(mantissa)
            let magnitude =
                exponent < 0
                ? significand / exactPowersOfTen[-exponent]
                : significand * exactPowersOfTen[exponent]
            return negative ? -magnitude : magnitude
        }

        guard let magnitude = eiselLemire(mantissa, exponent) else {
            return nil
        }
        return negative ? -magnitude : magnitude
    }

    /// `mantissa × 10^exponent` for a nonzero mantissa, or `nil` when not certain.
    private static func eiselLemire(_ mantissa: UInt64, _ exponent: Int) -> Double? {
        guard exponent >= PowersOfFive.smallestExponent,
            exponent <= PowersOfFive.largestExponent
        else {
            return nil
        }
        let leadingZeros = mantissa.leadingZeroBitCount
        let normalized = mantissa << UInt64(leadingZeros)
        let entry = 2 * (exponent - PowersOfFive.smallestExponent)

        var product = normalized.multipliedFullWidth(by: PowersOfFive.words[entry])
        let lowBitsFull = product.high & 0x1FF == 0x1FF
        if lowBitsFull && product.low &+ normalized < product.low {
            // The truncated table word may hide a carry: add the next 64 bits of 5^q.
            let cross = normalized.multipliedFullWidth(by: PowersOfFive.words[entry + 1])
            let (low, carry) = product.low.addingReportingOverflow(cross.high)
            let high = product.high &+ (carry ? 1 : 0)
            if high & 0x1FF == 0x1FF && low == .max && cross.low &+ normalized < cross.low {
                return nil
            }
            product = (high, low)
        }
        return round(product, exponent: exponent, leadingZeros: leadingZeros)
    }

    /// Rounds the top 54 bits of the product to a double, or `nil` on a possible tie.
    private static func round(
        _ product: (high: UInt64, low: UInt64), exponent: Int, leadingZeros: Int
    ) -> Double? {
        let upperBit = Int(product.high >> 63)
        var significand = product.high >> UInt64(upperBit + 9)
        var biasedExponent =
            ((217_706 * exponent) >> 16) + 64 + 1023 - leadingZeros - (1 - upperBit)

        if product.low == 0 && product.high & 0x1FF == 0 && significand & 3 == 1 {
            return nil
        }
        significand += significand & 1
        significand >>= 1
        if significand >= 1 << 53 {
            significand >>= 1
            biasedExponent += 1
        }

        guard biasedExponent >= 1 && biasedExponent <= 2046 else {
            return nil
        }
        return Double(
            sign: .plus, exponentBitPattern: UInt(biasedExponent),
            significandBitPattern: significand & ((1 << 52) - 1))
    }
}
