/// The shortest decimal that reads back as a given double, the closest to it when there are
/// several (ties to an even last digit): the digits `Double.description` writes.
///
/// Found with Giulietti's Schubfach method ("The Schubfach way to render doubles", 2020):
/// the double's rounding interval is scaled by a power of ten chosen so that it holds one or
/// two candidates of at most 17 digits, and the candidates are tested against the interval's
/// bounds, which are computed from a 128-bit power of ten rounded to odd (exact enough for
/// comparisons with even numbers). The significand has no trailing zeros.
struct ShortestDecimal {
    /// The decimal significand: at most 17 digits.
    let significand: UInt64
    /// The power of ten the significand is scaled by.
    let exponent: Int

    /// The shortest decimal of a finite, positive `value`.
    init(_ value: Double) {
        let fraction = value.significandBitPattern
        let biased = Int(value.exponentBitPattern)
        if biased == 0 {
            self.init(significand: fraction, binaryExponent: -1074, regular: true)
        } else {
            // Only above the smallest normal power of two is the lower neighbour closer.
            self.init(
                significand: fraction | 1 << 52, binaryExponent: biased - 1075,
                regular: fraction != 0 || biased == 1)
        }
    }

    /// The shortest decimal in the rounding interval of `c * 2^q`; `regular` is false for a
    /// power of two above the smallest normal, whose lower neighbour is twice as close.
    private init(significand c: UInt64, binaryExponent q: Int, regular: Bool) {
        let k =
            regular
            ? PowersOfTen.floorLog10(twoTo: q) : PowersOfTen.floorLog10(threeQuartersOfTwoTo: q)
        // From 1 to 4 for every double, so that 4c << h stays below 2^59.
        let h = q + PowersOfTen.floorLog2(tenTo: -k) + 1
        let index = 2 * (-k - PowersOfTen.lowest)
        let g = (PowersOfTen.words[index], PowersOfTen.words[index + 1])
        let center = c << 2
        // The interval is closed when c is even: reading back rounds ties to even.
        let open: UInt64 = c & 1
        let lower = Self.roundToOdd(g, (regular ? center - 2 : center - 1) &<< h) + open
        let middle = Self.roundToOdd(g, center &<< h)
        let upper = Self.roundToOdd(g, (center + 2) &<< h) - open
        (significand, exponent) = Self.choose(lower, middle, upper, k)
    }

    /// The candidate to keep, given the scaled interval `lower...upper` (in quarters of
    /// `10^k`, open ends already moved in) around `middle`.
    private static func choose(_ lower: UInt64, _ middle: UInt64, _ upper: UInt64, _ k: Int)
        -> (UInt64, Int)
    {
        let s = middle >> 2
        if s >= 10 {
            // A multiple of ten in the interval is one digit shorter: at most one fits, as the
            // interval is narrower than ten. (Schubfach as published wants two digits at
            // least, and tests this from s >= 100 only.)
            let down = s / 10
            let downInside = lower <= down &* 40
            let upInside = (down + 1) &* 40 <= upper
            if downInside != upInside { return withoutZeros(downInside ? down : down + 1, k + 1) }
        }
        let t = s + 1
        let sInside = lower <= s << 2
        let tInside = t << 2 <= upper
        if sInside != tInside { return (sInside ? s : t, k) }
        // Both fit: the closer to the value, the even one on a tie. Only s + 1 = 10 (for the
        // two smallest subnormals) can end in a zero here.
        let distance = Int64(bitPattern: middle &- (s + t) << 1)
        let closer = distance < 0 || distance == 0 && s & 1 == 0 ? s : t
        return closer == 10 ? (1, k + 1) : (closer, k)
    }

    /// `significand * 10^exponent` with the significand's trailing zeros (at most 15) moved
    /// into the exponent.
    @inline(__always)
    private static func withoutZeros(_ significand: UInt64, _ exponent: Int) -> (UInt64, Int) {
        var result = (significand, exponent)
        removeZeros(8, 100_000_000, from: &result)
        removeZeros(4, 10_000, from: &result)
        removeZeros(2, 100, from: &result)
        removeZeros(1, 10, from: &result)
        return result
    }

    /// Divides the significand by `power` (`10^digits`) if it is a multiple of it.
    @inline(__always)
    private static func removeZeros(
        _ digits: Int, _ power: UInt64, from decimal: inout (UInt64, Int)
    ) {
        let quotient = decimal.0 / power
        guard quotient &* power == decimal.0 else { return }
        decimal = (quotient, decimal.1 + digits)
    }

    /// `g * x / 2^128` rounded down, with its lowest bit set if anything was dropped.
    @inline(__always)
    private static func roundToOdd(_ g: (UInt64, UInt64), _ x: UInt64) -> UInt64 {
        let low = g.1.multipliedFullWidth(by: x).high
        let high = g.0.multipliedFullWidth(by: x)
        let (middle, carry) = high.low.addingReportingOverflow(low)
        return (high.high &+ (carry ? 1 : 0)) | (middle != 0 ? 1 : 0)
    }
}
