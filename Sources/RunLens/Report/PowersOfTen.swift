/// 128-bit approximations of the powers of ten a double's shortest digits need, for
/// ``ShortestDecimal``.
///
/// Entry `p` (for `p` in `lowest...highest`) is `10^p` scaled by a power of two into
/// `[2^127, 2^128)` and rounded up: exact where it fits in 128 bits, one more than the
/// truncation where it does not. The table is worked out once, with exact big integers, the
/// first time a number is written (a few hundred thousand instructions).
enum PowersOfTen {
    /// The lowest power kept: a double's shortest digits never need less than `10^-292`.
    static let lowest = -292
    /// The highest power kept: the smallest subnormal double needs `10^324`.
    static let highest = 324

    /// The entries' high and low words, two per power from `lowest` on.
    static let words: [UInt64] = {
        var words = [UInt64](repeating: 0, count: 2 * (highest - lowest + 1))
        var power = BigNumber(1)
        for p in 0...highest {
            put(power.leadingBits(), at: p, in: &words)
            power.multiply(by: 10)
        }
        // 2^1240 / 10^m keeps over 128 bits for every m up to 324 (10^324 < 2^1077).
        var quotient = BigNumber(powerOfTwo: 1240)
        for p in stride(from: -1, through: lowest, by: -1) {
            quotient.divide(by: 10)
            // 2^1240 / 10^m is never whole, so its leading bits are always rounded up.
            let bits = quotient.leadingBits()
            put((bits.high, bits.low, true), at: p, in: &words)
        }
        return words
    }()

    /// `floor(e * log2(10))` for `e` in -340...340.
    @inline(__always)
    static func floorLog2(tenTo e: Int) -> Int { (e &* 1_741_647) >> 19 }

    /// `floor(e * log10(2))` for `e` in -1100...1100.
    @inline(__always)
    static func floorLog10(twoTo e: Int) -> Int { (e &* 315_653) >> 20 }

    /// `floor(e * log10(2) + log10(3/4))` for `e` in -1100...1100.
    @inline(__always)
    static func floorLog10(threeQuartersOfTwoTo e: Int) -> Int { (e &* 315_653 &- 131_237) >> 20 }

    /// Stores `bits` as entry `p`, one more than the truncation if bits were lost.
    private static func put(
        _ bits: (high: UInt64, low: UInt64, inexact: Bool), at p: Int, in words: inout [UInt64]
    ) {
        let low = bits.inexact ? bits.low &+ 1 : bits.low
        let high = bits.inexact && low == 0 ? bits.high &+ 1 : bits.high
        words[2 * (p - lowest)] = high
        words[2 * (p - lowest) + 1] = low
    }
}
